/**
 * How each body keeps the legal clock: received, answered on time / late, overdue now, median days
 * to answer, average rating. Rates appear only from MIN_SAMPLE_FOR_RATES questions up. Beside them,
 * the body's risk flags as the last flag job counted them (issue 18, item 5; one BatchGet, no Scan).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { almatyDate } from '../../../shared/dates';
import { listBodies } from '../../data/bodies';
import { bodyFlagSummaries } from '../../services/flags';
import { bodyResponsiveness } from '../../services/questions';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { BodyResponsiveness, MIN_SAMPLE_FOR_RATES } from '../schemas/questions';

const Row = BodyResponsiveness.extend({
  name: z.record(z.string(), z.string()),
  /** The body's items and those carrying a risk flag, per flag; absent before the flag job counted the body. */
  flags: z
    .object({
      items: z.number().int(),
      flagged: z.number().int(),
      byFlag: z.record(z.string(), z.number().int()),
    })
    .optional(),
});

export const responsivenessRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute('responsiveness.read', {
    method: 'get',
    path: '/responsiveness',
    tags: ['questions'],
    summary: 'Per government body: how questions are answered on the legal clock',
    responses: {
      200: {
        description: 'One row per body',
        content: {
          'application/json': { schema: z.object({ bodies: z.array(Row), minSample: z.number().int() }) },
        },
      },
      ...problemResponses(503),
    },
  }),
  async (c) => {
    const store = c.var.deps.store;
    const today = almatyDate(c.var.deps.now());
    const bodies = await listBodies(store);
    const flags = await bodyFlagSummaries(
      store,
      bodies.map((b) => b.id),
    );
    const rows = await Promise.all(
      bodies.map(async (b) => {
        const f = flags.get(b.id);
        return {
          ...(await bodyResponsiveness(store, b.id, today)),
          name: b.name as Record<string, string>,
          ...(f
            ? {
                flags: {
                  items: f.items,
                  flagged: f.flagged,
                  byFlag: Object.fromEntries(Object.entries(f.byFlag).map(([k, v]) => [k, Number(v)])),
                },
              }
            : {}),
        };
      }),
    );
    return c.json({ bodies: rows, minSample: MIN_SAMPLE_FOR_RATES }, 200);
  },
);
