/**
 * Exports of any size (issue 22). Two ways out, chosen per request by counting the matching items
 * (index queries with `Select: COUNT`, up to the threshold — no items in memory):
 *
 *   small  ≤ SYNC_EXPORT_ITEMS: the file is written as the pages are read, straight into the HTTP
 *          response (functions/opendata/export-stream.ts). Locally the Node server streams it. In
 *          the cloud API Gateway's HTTP API buffers a Lambda's answer and refuses one above 6 MB,
 *          so the body is gzip when the client accepts it (5,000 OC4IDS projects ≈ 21 MB of JSON,
 *          ≈ 1 MB gzip) and the threshold is lower per format when it does not.
 *   large  a job: a record keyed by the file's cache key, a worker that pages through the items
 *          and streams the gzip file into the blob store (S3 multipart upload; a folder locally),
 *          progress on the record; when done the API answers 303 to a short-lived signed URL.
 *
 * The cache key is a hash of the format, the normalized filters, the data version and the export
 * day (CSV/GeoJSON derive `execution_state` for it). The data version is the audit chain's head:
 * every public change of an item appends to the chain (one GetItem, no Scan), so a new head means
 * the file may be stale and a new key (a new file) is made; an unchanged head reuses the file.
 *
 * Where the job runs: locally and in tests, in the API's own process right after the record is
 * written. In the cloud the record's creation reaches the export worker through the table stream
 * (infra/constructs/exports.ts): no extra queue, and the worker has 15 minutes, not the API's 28 s.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { almatyDate } from '../../shared/dates';
import { parseStatsFilters, type StatsFilters, StatsQuery } from '../api/schemas/stats-filters';
import { readHead } from '../audit/chain';
import { type BlobStore, exportBlobKey } from '../blobs/store';
import type { Store } from '../data/client';
import { type ExportJob, getExportJob, putExportJobOnce, updateExportJob } from '../data/export-jobs';
import { overdueItemIds } from '../data/questions';
import type { SearchIndex } from '../feed/search';
import {
  chunkStream,
  countItems,
  EXPORT_MEDIA,
  type ExportFormat,
  exportChunks,
  itemPages,
} from '../opendata/export-stream';

/** Up to this many items an export is answered at once (issue 22: within 3 s at p95). */
export const SYNC_EXPORT_ITEMS = 5_000;
/**
 * Without gzip the 6 MB response limit binds first. Items per format that stay under ~5 MB at the
 * sizes measured on the demo data (CSV ≈ 1 KB, GeoJSON ≈ 1.5 KB, OC4IDS ≈ 4.3 KB an item).
 */
export const SYNC_EXPORT_ITEMS_PLAIN: Record<ExportFormat, number> = {
  'items.csv': 4_000,
  'items.geojson': 2_500,
  'oc4ids.json': 1_000,
};
/** How long a download URL is valid, and a job record and file are kept. */
export const DOWNLOAD_URL_SECONDS = 300;
const JOB_LIFETIME_SECONDS = 20 * 3600;
/** A running job whose progress has not moved for this long lost its worker: the next request restarts it. */
const STALLED_MS = 5 * 60 * 1000;
/** Progress is written to the job record every this many items. */
const PROGRESS_EVERY = 2_000;

export interface ExportDeps {
  store: Store;
  now: () => Date;
  /** Where job files go; large exports are unavailable without it. */
  files?: BlobStore | undefined;
  /** The search index, needed only for text `q`. */
  search?: (() => Promise<SearchIndex>) | undefined;
  /** `in-process`: run the job here after creating it (local, tests); `table-stream`: the cloud worker does. */
  runJobs?: 'in-process' | 'table-stream';
  /** The synchronous threshold with gzip (default SYNC_EXPORT_ITEMS); the plain ones scale with it. */
  syncItems?: number | undefined;
  /** Called before a new job is created (not for one that exists): the route spends the rate limit here. */
  beforeCreate?: () => Promise<void>;
}

export interface ExportRequest {
  format: ExportFormat;
  query: StatsQuery;
  /** The request's URL: the OC4IDS package's `uri`. */
  uri: string;
  acceptsGzip: boolean;
}

export type ExportAnswer =
  | { kind: 'stream'; body: ReadableStream<Uint8Array>; gzip: boolean; contentType: string; filename: string }
  | { kind: 'job'; job: ExportJob };

/**
 * The search index and what the filters the index queries cannot answer need: today's date in
 * Almaty (execution states) and, for `overdue`, the overdue items (as GET /api/stats reads them).
 */
const searchOf = (deps: ExportDeps) => ({
  ...(deps.search ? { search: deps.search } : {}),
  context: async (f: StatsFilters) => {
    const today = almatyDate(deps.now());
    return { today, ...(f.overdue ? { overdueIds: await overdueItemIds(deps.store, today) } : {}) };
  },
});

/** The query string of the filters, in one order: equal filters give equal keys. */
export function normalizedQuery(query: StatsQuery): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => [k, String(v)] as [string, string])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(entries).toString();
}

export function syncLimit(format: ExportFormat, acceptsGzip: boolean, syncItems = SYNC_EXPORT_ITEMS): number {
  const plain = Math.floor((SYNC_EXPORT_ITEMS_PLAIN[format] * syncItems) / SYNC_EXPORT_ITEMS);
  return acceptsGzip ? syncItems : plain;
}

/** Streams a small export, or starts (or finds) the job of a large one. */
export async function answerExport(deps: ExportDeps, req: ExportRequest): Promise<ExportAnswer> {
  const filters = parseStatsFilters(req.query);
  const src = { store: deps.store, filters, ...searchOf(deps) };
  const limit = syncLimit(req.format, req.acceptsGzip, deps.syncItems);
  // Counting stops just past the limit: enough to choose. A new job counts again, to the end, so
  // its `total` is exact (this count is only a lower bound past the limit).
  const count = await countItems(src, limit);
  if (count > limit && deps.files) return { kind: 'job', job: await startExportJob(deps, req) };
  // No file store (a hub without one): stream it anyway, as before.
  const today = almatyDate(deps.now());
  const chunks = exportChunks(req.format, itemPages(src), { today, uri: req.uri });
  return {
    kind: 'stream',
    body: chunkStream(chunks, { gzip: req.acceptsGzip }),
    gzip: req.acceptsGzip,
    ...EXPORT_MEDIA[req.format],
  };
}

/** The job of this export's cache key: the existing one (running, or done with its file), else a new one. */
export async function startExportJob(deps: ExportDeps, req: ExportRequest): Promise<ExportJob> {
  const now = deps.now();
  const today = almatyDate(now);
  const query = normalizedQuery(req.query);
  const head = await readHead(deps.store);
  const version = head ? `${head.seq}:${head.hash}` : 'empty';
  // The OC4IDS `uri` is inside the file, so it is part of the key too (CSV/GeoJSON do not carry it).
  const uri = req.format === 'oc4ids.json' ? req.uri : '';
  const id = createHash('sha256')
    .update(JSON.stringify([req.format, query, version, today, uri]))
    .digest('hex');
  const existing = await getExportJob(deps.store, id);
  const usable =
    existing &&
    existing.expiresAt * 1000 > now.getTime() &&
    (existing.status === 'done' ||
      (existing.status === 'running' && Date.parse(existing.updatedAt) > now.getTime() - STALLED_MS));
  if (usable) return existing;
  await deps.beforeCreate?.();
  const at = now.toISOString();
  const { job, created } = await putExportJobOnce(
    deps.store,
    {
      id,
      format: req.format,
      query,
      today,
      uri: req.uri,
      status: 'running',
      total: await countItems(
        { store: deps.store, filters: parseStatsFilters(req.query), ...searchOf(deps) },
        Infinity,
      ),
      itemsWritten: 0,
      createdAt: at,
      updatedAt: at,
      expiresAt: Math.floor(now.getTime() / 1000) + JOB_LIFETIME_SECONDS,
    },
    {
      updatedBefore: new Date(now.getTime() - STALLED_MS).toISOString(),
      nowSeconds: Math.floor(now.getTime() / 1000),
    },
  );
  if (created && (deps.runJobs ?? 'in-process') === 'in-process') {
    // Not awaited: the request answers with the job; failures end up on the job record.
    void runExportJob(deps, id).catch((err: unknown) => console.error('export job failed', id, err));
  }
  return job;
}

/**
 * Writes the job's file: pages of items → text chunks → gzip → the blob store, the whole way with
 * backpressure, so memory holds a page of items and one multipart part at most.
 */
export async function runExportJob(deps: ExportDeps, id: string): Promise<ExportJob | null> {
  const job = await getExportJob(deps.store, id);
  if (job?.status !== 'running') return job;
  if (!deps.files) throw new Error('export jobs need a file store');
  const files = deps.files;
  if (!files.writeStream) throw new Error('this file store cannot write streams');
  const query = StatsQuery.parse(Object.fromEntries(new URLSearchParams(job.query)));
  const src = { store: deps.store, filters: parseStatsFilters(query), ...searchOf(deps) };
  let written = 0;
  let reported = 0;
  async function* counted() {
    for await (const page of itemPages(src)) {
      written += page.length;
      yield page;
      if (written - reported >= PROGRESS_EVERY) {
        reported = written;
        await updateExportJob(deps.store, id, { itemsWritten: written, updatedAt: deps.now().toISOString() });
      }
    }
  }
  try {
    const text = Readable.from(exportChunks(job.format, counted(), { today: job.today, uri: job.uri }));
    const gzip = text.pipe(createGzip());
    text.on('error', (err) => gzip.destroy(err));
    const { bytes } = await files.writeStream(exportBlobKey(id), gzip, 'application/gzip');
    await updateExportJob(deps.store, id, {
      status: 'done',
      itemsWritten: written,
      bytes,
      updatedAt: deps.now().toISOString(),
    });
  } catch (err) {
    await updateExportJob(deps.store, id, {
      status: 'failed',
      itemsWritten: written,
      error: err instanceof Error ? err.message.slice(0, 500) : 'failed',
      updatedAt: deps.now().toISOString(),
    });
    throw err;
  }
  return getExportJob(deps.store, id);
}

/** A job as the API shows it, with a short-lived download URL once its file is written. */
export async function exportJobStatus(
  deps: ExportDeps,
  id: string,
): Promise<{ job: ExportJob; downloadUrl?: string } | null> {
  const job = await getExportJob(deps.store, id);
  if (!job || job.expiresAt * 1000 < deps.now().getTime()) return null;
  if (job.status !== 'done' || !deps.files) return { job };
  const { filename } = EXPORT_MEDIA[job.format];
  const downloadUrl = await deps.files.presignDownload(exportBlobKey(id), {
    contentType: 'application/gzip',
    disposition: `attachment; filename="${filename}.gz"`,
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
  });
  return { job, downloadUrl };
}
