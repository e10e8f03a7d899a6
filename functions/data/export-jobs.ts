/**
 * Export jobs (issue 22): one record per export file, keyed by the file's cache key — a hash of
 * the format, the normalized filters and the data version — so equal requests share one job and
 * one file.
 *
 *   job   pk EXPORT#<key>   sk JOB   { kind: 'exportJob', status, itemsWritten, total, … }
 *         (the `exportJob` entity, data/entities/export-jobs.ts)
 *
 * The record's creation is what starts the work in the cloud (the table stream triggers the export
 * worker, infra/constructs/exports.ts); `expiresAt` lets DynamoDB's TTL remove it with the file.
 */
import type { ExportFormat } from '../opendata/export-stream';
import type { Store } from './client';
import { exportJobEntitiesOf, exportJobModel } from './entities/export-jobs';
import { go, OWN, prefixOf } from './schema';

/** The job's keys (the entity's templates): the export worker's stream filter matches on them. */
export const EXPORT_JOB_SK = exportJobModel.indexes.record.sk.template;
export const EXPORT_JOB_PK_PREFIX = prefixOf(exportJobModel.indexes.record.pk.template);

const isConditionFailure = (err: unknown) =>
  (err as { name?: string }).name === 'ConditionalCheckFailedException';

export type ExportJobStatus = 'running' | 'done' | 'failed';

export interface ExportJob {
  id: string;
  format: ExportFormat;
  /** The export's query string, normalized (the filters the worker reads again). */
  query: string;
  /** The Almaty day of `execution_state`, and the OC4IDS package's `uri`. */
  today: string;
  uri: string;
  status: ExportJobStatus;
  /** Items matching when the job started (counted by index queries), and written so far. */
  total: number;
  itemsWritten: number;
  /** Compressed size of the finished file. */
  bytes?: number;
  error?: string;
  createdAt: string;
  updatedAt: string;
  /** Epoch seconds: the table's TTL removes the record (the file expires by a bucket rule). */
  expiresAt: number;
}

const FIELDS = [
  'id',
  'format',
  'query',
  'today',
  'uri',
  'status',
  'total',
  'itemsWritten',
  'bytes',
  'error',
  'createdAt',
  'updatedAt',
  'expiresAt',
] as const;

function fromRecord(r: Record<string, unknown>): ExportJob {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) if (r[f] !== undefined) out[f] = r[f];
  return out as unknown as ExportJob;
}

export async function getExportJob(store: Store, id: string): Promise<ExportJob | null> {
  const res = await go(
    exportJobEntitiesOf(store)
      .exportJob.get({ id })
      .go({ ...OWN, consistent: true }),
  );
  return res.data ? fromRecord(res.data) : null;
}

/**
 * Creates the job unless one with this key exists; with `replaceIf`, a failed job, a running one
 * whose progress stopped before `updatedBefore` (its worker died) or an expired one is replaced. Returns the job that now holds the key and whether this call created it.
 */
export async function putExportJobOnce(
  store: Store,
  job: ExportJob,
  replaceIf?: { updatedBefore: string; nowSeconds: number },
): Promise<{ job: ExportJob; created: boolean }> {
  try {
    await go(
      exportJobEntitiesOf(store)
        .exportJob.put({ kind: 'exportJob', ...job })
        .where((a, o) => {
          const absent = `attribute_not_exists(${o.field('pk')})`;
          if (!replaceIf) return absent;
          const stalled = `(${o.eq(a.status, 'running')} AND ${o.lt(a.updatedAt, replaceIf.updatedBefore)})`;
          return `${absent} OR ${o.eq(a.status, 'failed')} OR ${stalled} OR ${o.lt(a.expiresAt, replaceIf.nowSeconds)}`;
        })
        .go(),
    );
    return { job, created: true };
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const existing = await getExportJob(store, job.id);
    if (!existing) throw err;
    return { job: existing, created: false };
  }
}

/** Moves a running job's progress (or ends it); refused silently once the job is no longer running. */
export async function updateExportJob(
  store: Store,
  id: string,
  change: Partial<Pick<ExportJob, 'status' | 'itemsWritten' | 'bytes' | 'error' | 'updatedAt'>>,
): Promise<void> {
  const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  try {
    await go(
      exportJobEntitiesOf(store)
        .exportJob.update({ id })
        .set(set)
        .where((a, o) => o.eq(a.status, 'running'))
        .go(),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}
