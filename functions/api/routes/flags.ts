/**
 * `GET /api/flags`: the last flag run's counts per flag and the most flagged contractors and bodies,
 * read from the summaries the flag job stores (three bounded reads, never a Scan).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { readFlagOverview } from '../../services/flags';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';

const Summary = z.object({
  kind: z.enum(['contractor', 'body']),
  id: z.string(),
  name: z.string().optional(),
  items: z.number().int(),
  flagged: z.number().int(),
  byFlag: z.record(z.string(), z.number().int()),
});

const FlagOverview = z.object({
  /** Null before the flag job first ran. */
  run: z
    .object({
      at: z.string(),
      today: z.string(),
      items: z.number().int(),
      flagged: z.number().int(),
      byFlag: z.record(z.string(), z.number().int()),
      contractorsFlagged: z.number().int(),
      bodiesFlagged: z.number().int(),
    })
    .nullable(),
  contractors: z.array(Summary),
  bodies: z.array(Summary),
});

export const flagRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute('items.read', {
    method: 'get',
    path: '/flags',
    tags: ['items'],
    summary: 'Risk flags overview: counts per flag and the most flagged contractors and bodies',
    description:
      'Read from the summaries of the last flag job run (most flagged first). A flag is a reason to look, not a verdict.',
    request: {
      query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    },
    responses: {
      200: { description: 'The overview', content: { 'application/json': { schema: FlagOverview } } },
      ...problemResponses(400, 503),
    },
  }),
  async (c) => {
    const { limit } = c.req.valid('query');
    const o = await readFlagOverview(c.var.deps.store, limit);
    return c.json(
      {
        run: o.run
          ? {
              at: String(o.run.at),
              today: o.run.today,
              items: Number(o.run.items),
              flagged: Number(o.run.flagged),
              byFlag: Object.fromEntries(Object.entries(o.run.byFlag).map(([k, v]) => [k, Number(v)])),
              contractorsFlagged: Number(o.run.contractorsFlagged),
              bodiesFlagged: Number(o.run.bodiesFlagged),
            }
          : null,
        contractors: o.contractors.map(plain),
        bodies: o.bodies.map(plain),
      },
      200,
    );
  },
);

const plain = (s: Awaited<ReturnType<typeof readFlagOverview>>['contractors'][number]) => ({
  kind: s.kind,
  id: s.id,
  ...(s.name ? { name: s.name } : {}),
  items: s.items,
  flagged: s.flagged,
  byFlag: Object.fromEntries(Object.entries(s.byFlag).map(([k, v]) => [k, Number(v)])),
});
