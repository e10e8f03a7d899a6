/**
 * How fresh the data is (issue 20, item 6): the map's "data as of" line reads one stored marker
 * (public), and admins read the reports of recent procurement syncs and file imports, failures
 * included (functions/data/data-runs.ts).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getFreshness, listDataRuns } from '../../data/data-runs';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { ImportIssue } from '../schemas/opendata';

const Instant = z.string().describe('ISO 8601 instant');
const FreshnessView = z.object({
  refreshedAt: Instant.nullable().describe('The last successful sync or import (or the demo date)'),
  changedAt: Instant.nullable().describe('The last run that changed an item'),
  source: z.string().nullable().describe('What refreshed it: goszakup-sync, import or demo'),
});
const DataRunView = z.object({
  kind: z.enum(['goszakup-sync', 'import']),
  trigger: z.enum(['cli', 'schedule', 'api']),
  at: Instant,
  ok: z.boolean(),
  error: z.string().optional().describe('Why the run stopped, in one line'),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  contracts: z.number().int().optional(),
  source: z.string().optional(),
  unmapped: z
    .object({ enstru: z.record(z.string(), z.number()), kato: z.record(z.string(), z.number()) })
    .optional(),
  issues: z.array(ImportIssue).describe('The first issues of the run (at most 50)'),
});

export const dataRunRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/data-freshness',
      tags: ['open data'],
      summary: 'When the dataset was last refreshed from its source',
      responses: {
        200: {
          description: 'The freshness marker',
          content: { 'application/json': { schema: FreshnessView } },
        },
        ...problemResponses(503),
      },
    }),
    async (c) => {
      c.header('Cache-Control', 'public, max-age=60');
      return c.json(await getFreshness(c.var.deps.store), 200);
    },
  )
  .openapi(
    defineRoute('items.import', {
      method: 'get',
      path: '/admin/data-runs',
      tags: ['admin'],
      summary:
        'Reports of recent procurement syncs and file imports, newest first, failures included (admin)',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
      responses: {
        200: {
          description: 'Recent runs',
          content: { 'application/json': { schema: z.object({ runs: z.array(DataRunView) }) } },
        },
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => c.json({ runs: await listDataRuns(c.var.deps.store, c.req.valid('query').limit) }, 200),
  );
