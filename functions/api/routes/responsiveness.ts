/**
 * How each body keeps the legal clock: received, answered on time / late, overdue now, median days
 * to answer, average rating. Rates appear only from MIN_SAMPLE_FOR_RATES questions up.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { almatyDate } from '../../../shared/dates';
import { BodyResponsiveness, MIN_SAMPLE_FOR_RATES } from '../../../shared/questions';
import { listBodies } from '../../data/bodies';
import { bodyResponsiveness } from '../../services/questions';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';

const Row = BodyResponsiveness.extend({ name: z.record(z.string(), z.string()) });

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
    const rows = await Promise.all(
      bodies.map(async (b) => ({
        ...(await bodyResponsiveness(store, b.id, today)),
        name: b.name as Record<string, string>,
      })),
    );
    return c.json({ bodies: rows, minSample: MIN_SAMPLE_FOR_RATES }, 200);
  },
);
