/** Tamper evidence for everyone: recompute the hash chain of every question's history. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { verifyChain } from '../../audit/log';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';

const ChainReport = z.union([
  z.object({ ok: z.literal(true), entries: z.number().int(), headHash: z.string() }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int(),
    firstBroken: z.object({ seq: z.number().int(), reason: z.enum(['hash', 'prev', 'sequence', 'head']) }),
  }),
]);

export const auditRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute('audit.verify', {
    method: 'get',
    path: '/audit/verify',
    tags: ['audit'],
    summary: 'Recompute the audit hash chain and report the first broken link, if any',
    responses: {
      200: {
        description: '`ok: true` when every link holds; otherwise the first entry that does not',
        content: { 'application/json': { schema: ChainReport } },
      },
      ...problemResponses(503),
    },
  }),
  async (c) => c.json(await verifyChain(c.var.deps.store), 200),
);
