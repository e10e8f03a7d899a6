/**
 * Tamper evidence for everyone: check one public record against the audit chain, read the last
 * full check, and export the chain (v2 entries, JSON Lines) to verify it offline (README).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { listEntries } from '../../audit/chain';
import { lastReport, verifyRecord } from '../../audit/verify';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { NotFoundError, ValidationError } from '../problems';

/**
 * The chain export's page size in bytes: Lambda answers at most 6 MB, and a bulk entry (an import
 * or sync page) carries up to MAX_BATCH records, so 1,000 such entries would be tens of MB.
 */
export const AUDIT_PAGE_BYTES = 4_000_000;

const RecordCheck = z.object({
  ok: z.boolean(),
  record: z.string(),
  kind: z.string().optional(),
  seq: z.number().int().optional(),
  digest: z.string().optional(),
  reason: z.enum(['digest', 'missing', 'unaudited', 'entry', 'unknown_kind']).optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
});

const FullReport = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  entries: z.number().int(),
  headHash: z.string().nullable(),
  records: z.number().int(),
  publishedHeadsChecked: z.number().int(),
  chain: z
    .object({ seq: z.number().int(), reason: z.string(), publishedOn: z.string().optional() })
    .nullable(),
  records_failed: z.array(
    z.object({ record: z.string(), reason: z.string(), seq: z.number().int().optional() }),
  ),
  heads_failed: z.array(z.object({ seq: z.number().int(), publishedOn: z.string() })),
});

/** A record key: `<kind>/<id>[/<id>]` (functions/audit/records.ts). */
const RecordKey = z
  .string()
  .regex(/^[a-z]+(\/[A-Za-z0-9_-]{1,64}){1,2}$/, 'a record key like "question/<itemId>/<questionId>"');

export const auditRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('audit.verify', {
      method: 'get',
      path: '/audit/verify',
      tags: ['audit'],
      summary: "Check one record against its latest audit entry, or read the last full check's report",
      request: { query: z.object({ record: RecordKey.optional() }) },
      responses: {
        200: {
          description:
            'With `record`: that record checked now (`ok: false` names why). Without: the report of the last full check (`npm run audit:verify`, daily in the cloud).',
          content: { 'application/json': { schema: z.union([RecordCheck, FullReport]) } },
        },
        ...problemResponses(400, 404, 503),
      },
    }),
    async (c) => {
      const { record } = c.req.valid('query');
      const store = c.var.deps.store;
      if (record) {
        const check = await verifyRecord(store, record);
        if (!check.ok && check.reason === 'unknown_kind')
          throw new ValidationError([
            { in: 'query', field: 'record', message: 'No audited record kind has this key.' },
          ]);
        return c.json(check, 200);
      }
      const report = await lastReport(store);
      if (!report) throw new NotFoundError('No full check has run yet.');
      return c.json(report, 200);
    },
  )
  .openapi(
    defineRoute('audit.entries', {
      method: 'get',
      path: '/audit/entries',
      tags: ['audit'],
      summary: 'Export the audit chain (v2) as JSON Lines, from the entry after `after`',
      request: {
        query: z.object({
          after: z.coerce.number().int().min(0).max(999_999_999_999).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(1000),
        }),
      },
      responses: {
        200: {
          description:
            'One entry per line, in sequence order, at most `limit` entries and about 4 MB (fewer entries when they are large); page on with `after` = the last `seq` read. Entry 1 is the genesis holding the v1 head hash.',
          content: { 'application/x-ndjson': { schema: z.string() } },
        },
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      const { after, limit } = c.req.valid('query');
      const entries = await listEntries(c.var.deps.store, after, limit, AUDIT_PAGE_BYTES);
      // A typed body other than JSON: the route schema documents it, the handler type cannot.
      return c.body(entries.map((e) => `${JSON.stringify(e)}\n`).join(''), 200, {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
      }) as never;
    },
  );
