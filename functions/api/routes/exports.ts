/**
 * Export jobs (issue 22): exports too large to answer at once. `POST /api/exports` starts one (or
 * finds the one with the same format, filters and data version); `GET /api/exports/{id}` says how
 * far it got (202) and, once the file is written, answers 303 to a short-lived signed URL of the
 * gzip file (S3 in the cloud, the local blob store's folder with `npm start`). The `GET
 * /api/export/*` downloads answer the same way above the streamed size (routes/opendata.ts).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PROBLEM_TYPES } from '../../../shared/problem';
import type { ExportJob } from '../../data/export-jobs';
import { EXPORT_FORMATS } from '../../opendata/export-stream';
import { type ExportDeps, exportJobStatus, startExportJob } from '../../services/exports';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { NotFoundError, ProblemError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { StatsQuery } from '../schemas/stats-filters';
import { feedView } from './feed-view';

export const ExportJobView = z
  .object({
    id: z.string().describe('The cache key: a hash of format, filters, data version and day'),
    format: z.enum(EXPORT_FORMATS),
    query: z.string().describe('The filters, as a normalized query string'),
    status: z.enum(['running', 'done', 'failed']),
    total: z.number().int().describe('Items matching when the job started'),
    itemsWritten: z.number().int(),
    bytes: z.number().int().optional().describe('Size of the gzip file once written'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ExportJob');

const ExportJobRequest = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    filters: StatsQuery.default({}).describe('The filters of GET /api/items and GET /api/stats'),
  })
  .openapi('ExportJobRequest');

const JobParam = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'an export id') });

const view = (job: ExportJob) => {
  const { id, format, query, status, total, itemsWritten, bytes, createdAt, updatedAt } = job;
  return {
    id,
    format,
    query,
    status,
    total,
    itemsWritten,
    ...(bytes !== undefined ? { bytes } : {}),
    createdAt,
    updatedAt,
  };
};

export const jobResponses = {
  202: {
    description: 'Too many items to answer at once: the export job writing the file (see Location)',
    headers: {
      Location: { schema: { type: 'string' as const }, description: 'The job: GET it for progress' },
    },
    content: { 'application/json': { schema: ExportJobView } },
  },
  303: {
    description: 'The file is written: Location is a short-lived URL of it (gzip)',
    headers: { Location: { schema: { type: 'string' as const }, description: 'The file, valid 5 minutes' } },
  },
};

class ExportFilesUnavailableError extends ProblemError {
  constructor() {
    super(
      503,
      PROBLEM_TYPES.unavailable,
      'Service unavailable',
      'Large exports are not set up here.',
      undefined,
      {},
      {
        code: 'export.files_unavailable',
      },
    );
  }
}

/** The export workflow's dependencies from the app's (the file store defaults to the attachments'). */
export function exportDeps(c: Context<AppEnv>): ExportDeps {
  const { deps } = c.var;
  const user = c.var.user;
  // Anonymous callers are told apart by the first X-Forwarded-For address. A client can write that
  // header itself, so this limit mostly holds signed-in users; the edge's per-IP rate rule on exports
  // (infra/constructs/waf.ts) is what holds a scraper, and equal requests share one job anyway.
  const subject =
    user?.sub ?? `ip:${(c.req.header('X-Forwarded-For') ?? '').split(',')[0]?.trim() || 'unknown'}`;
  return {
    store: deps.store,
    now: deps.now,
    files: deps.exportFiles ?? deps.blobs,
    search: async () => (await feedView(c)).index,
    runJobs: deps.exportJobs ?? 'in-process',
    syncItems: deps.exportSyncItems,
    beforeCreate: () => spendRatePolicy(c, 'POST /exports', subject),
  };
}

/** A job's answer: 303 to the file once written, else 202 with the job and where to poll. */
export async function jobAccepted(c: Context<AppEnv>, job: ExportJob) {
  const location = `/api/exports/${job.id}`;
  if (job.status === 'done') {
    const status = await exportJobStatus(exportDeps(c), job.id);
    if (status?.downloadUrl)
      return c.body(null, 303, { Location: status.downloadUrl, 'Cache-Control': 'no-store' });
  }
  return c.json(view(job), 202, { Location: location, 'Retry-After': '2', 'Cache-Control': 'no-store' });
}

export const exportRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineCreate(
      'items.read',
      {
        method: 'post',
        path: '/exports',
        tags: ['open data'],
        summary: 'Start an export of any size (or find the one already written for these filters and data)',
        description:
          'Writes the export as a gzip file in the background. Equal requests (format, filters, data version, ' +
          'day) share one job and one file. Anyone may export; starting a new job spends the `export` rate limit.',
        request: { body: { content: { 'application/json': { schema: ExportJobRequest } }, required: true } },
        responses: { ...jobResponses, ...problemResponses(400, 429, 503) },
      },
      // Like every create under /api, it takes an Idempotency-Key (test/integration/idempotency-openapi.test.ts),
      // although equal requests already share one job.
    ),
    async (c) => {
      const { format, filters } = c.req.valid('json');
      const deps = exportDeps(c);
      if (!deps.files?.writeStream) throw new ExportFilesUnavailableError();
      const job = await startExportJob(deps, {
        format,
        query: filters,
        uri: exportUri(c, format, filters),
        acceptsGzip: true,
      });
      return (await jobAccepted(c, job)) as never;
    },
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/exports/{id}',
      tags: ['open data'],
      summary: 'An export job: its progress, or 303 to its file once written',
      request: { params: JobParam },
      responses: {
        200: {
          description: 'The job failed (start it again with the same request)',
          content: { 'application/json': { schema: ExportJobView } },
        },
        ...jobResponses,
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const status = await exportJobStatus(exportDeps(c), id);
      if (!status)
        throw new NotFoundError('No such export (they are kept for a day).', { code: 'export.not_found' });
      if (status.downloadUrl)
        return c.body(null, 303, { Location: status.downloadUrl, 'Cache-Control': 'no-store' }) as never;
      if (status.job.status === 'failed') return c.json(view(status.job), 200);
      return c.json(view(status.job), 202, {
        Location: `/api/exports/${id}`,
        'Retry-After': '2',
        'Cache-Control': 'no-store',
      }) as never;
    },
  );

/** The GET download URL of these filters: the OC4IDS package's `uri`. */
function exportUri(c: Context<AppEnv>, format: string, filters: StatsQuery): string {
  const url = new URL(`/api/export/${format}`, c.req.url);
  for (const [k, v] of Object.entries(filters)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}
