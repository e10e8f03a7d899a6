/**
 * Open data in and out. Admins import budget files (CSV, OC4IDS project packages, OCDS release or
 * record packages) and get the validation report back; anyone downloads items — with the filters
 * of `GET /api/items` and `GET /api/stats` (shared/stats-filters.ts) — as GeoJSON, CSV or an OC4IDS
 * project package.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ExportFormat } from '../../opendata/export-stream';
import { answerExport } from '../../services/exports';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { defineCreate } from '../idempotency';
import { inProcessImporter, MAX_IMPORT_BYTES } from '../importer';
import { problemResponses } from '../openapi';
import { PayloadTooLargeError, ValidationError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { ImportReport } from '../schemas/opendata';
import { StatsQuery } from '../schemas/stats-filters';
import { exportDeps, jobAccepted, jobResponses } from './exports';

export const IMPORT_PATH = '/api/import';
export { MAX_EXPORT_ITEMS } from '../../opendata/export-stream';
export { MAX_IMPORT_BYTES } from '../importer';

const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .describe('"true" checks and reports without writing anything'),
  source: z
    .string()
    .regex(/^[\w.:-]{1,100}$/, 'a source system name like "budget-2026"')
    .optional()
    .describe('Source system of a CSV without a source_name column; item ids derive from it'),
});

// Plain OpenAPI schemas, not zod: the body is read as bytes by the importer, which reports a
// truncated JSON file like any other bad file instead of a generic 400.
const binary = { type: 'string' as const, format: 'binary' };
const fileBody = (description: string) => ({
  description,
  required: true,
  content: {
    'text/csv': { schema: binary },
    'application/json': { schema: { type: 'object' as const, description: 'An OC4IDS or OCDS package' } },
    'application/octet-stream': { schema: binary },
  },
});

/**
 * One export: streamed when small (gzip if the client takes it), else the job that writes it (202
 * while it runs, 303 to the file's short-lived URL once written). See functions/services/exports.ts.
 */
async function exportFile(c: Context<AppEnv>, format: ExportFormat, query: StatsQuery) {
  const acceptsGzip = /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '');
  const answer = await answerExport(exportDeps(c), { format, query, uri: c.req.url, acceptsGzip });
  if (answer.kind === 'job') return jobAccepted(c, answer.job);
  return c.body(answer.body, 200, {
    'Content-Type': answer.contentType,
    'Content-Disposition': `attachment; filename="${answer.filename}"`,
    Vary: 'Accept-Encoding',
    ...(answer.gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
}

/** Above the streamed size the export is a job (functions/services/exports.ts). */
const largeExport = {
  202: jobResponses[202],
  303: jobResponses[303],
};

export const opendataRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineCreate('items.import', {
      method: 'post',
      path: '/import',
      tags: ['open data'],
      summary: 'Import a budget file (CSV, OC4IDS project package, OCDS release or record package)',
      description:
        'The body is the file itself. CSV: UTF-8 with or without BOM, `;` or `,` separated, Kazakh, Russian ' +
        'or English headers (see the README). Each record is imported whole or not at all; the report names ' +
        'every rejected field with the reason and what was expected. Re-importing the same file changes ' +
        `nothing. At most ${MAX_IMPORT_BYTES / 1024 / 1024} MB per call; larger files: \`npm run import\`.`,
      request: { query: ImportQuery, body: fileBody('The file to import') },
      middleware: [
        bodyLimit({
          maxSize: MAX_IMPORT_BYTES,
          onError: () => {
            throw new PayloadTooLargeError(`Import files are limited to ${MAX_IMPORT_BYTES} bytes per call.`);
          },
        }),
      ],
      responses: {
        200: { description: 'The import report', content: { 'application/json': { schema: ImportReport } } },
        ...problemResponses(400, 401, 403, 413, 429, 503),
      },
    }),
    async (c) => {
      const { dryRun, source } = c.req.valid('query');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0)
        throw new ValidationError([{ in: 'body', field: '(body)', message: 'the file is empty' }]);
      await spendRatePolicy(c, 'POST /import', c.var.user!.sub);
      // In the cloud the import function runs it (functions/api/importer.ts); locally, this process.
      const importer = c.var.deps.importer ?? inProcessImporter;
      const report = await importer(
        bytes,
        {
          dryRun: dryRun === 'true' || dryRun === '1',
          ...(source ? { sourceName: source } : {}),
          actorSub: c.var.user?.sub ?? null,
          runTrigger: 'api',
          // Gentle on a shared table: an API import runs beside live traffic; the CLI may go faster.
          concurrency: 2,
        },
        { store: c.var.deps.store, now: c.var.deps.now },
      );
      return c.json(report, 200);
    },
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/export/items.geojson',
      tags: ['open data'],
      summary: 'Items matching the filters as a GeoJSON FeatureCollection',
      request: { query: StatsQuery },
      responses: {
        200: {
          description: 'GeoJSON; feature properties are the CSV columns',
          content: {
            'application/geo+json': {
              schema: { type: 'object' as const, description: 'A GeoJSON FeatureCollection (RFC 7946)' },
            },
          },
        },
        ...largeExport,
        ...problemResponses(400, 429, 503),
      },
    }),
    async (c) => (await exportFile(c, 'items.geojson', c.req.valid('query'))) as never,
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/export/items.csv',
      tags: ['open data'],
      summary: 'Items matching the filters as CSV (the documented import columns; imports back unchanged)',
      request: { query: StatsQuery },
      responses: {
        200: { description: 'UTF-8 CSV with a BOM', content: { 'text/csv': { schema: z.string() } } },
        ...largeExport,
        ...problemResponses(400, 429, 503),
      },
    }),
    async (c) => (await exportFile(c, 'items.csv', c.req.valid('query'))) as never,
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/export/oc4ids.json',
      tags: ['open data'],
      summary: 'Items matching the filters as an OC4IDS 0.9 project package',
      request: { query: StatsQuery },
      responses: {
        200: {
          description: 'An OC4IDS project package',
          content: {
            'application/json': {
              schema: {
                type: 'object' as const,
                description: 'OC4IDS project package, valid against project-package-schema.json 0.9',
              },
            },
          },
        },
        ...largeExport,
        ...problemResponses(400, 429, 503),
      },
    }),
    async (c) => (await exportFile(c, 'oc4ids.json', c.req.valid('query'))) as never,
  );
