/**
 * Export jobs (issue 22): one record per export file, keyed by the file's cache key — a hash of
 * the format, the normalized filters and the data version — so equal requests share one job and
 * one file.
 *
 *   job   pk EXPORT#<key>   sk JOB   { kind: 'exportJob', status, itemsWritten, total, … }
 *
 * The record's creation is what starts the work in the cloud (the table stream triggers the export
 * worker, infra/constructs/exports.ts); `expiresAt` lets DynamoDB's TTL remove it with the file.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportFormat } from '../opendata/export-stream';
import type { Store } from './client';

export const EXPORT_JOB_SK = 'JOB';
export const EXPORT_JOB_PK_PREFIX = 'EXPORT#';
const pk = (id: string) => `${EXPORT_JOB_PK_PREFIX}${id}`;

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
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: pk(id), sk: EXPORT_JOB_SK }, ConsistentRead: true }),
  );
  return res.Item ? fromRecord(res.Item) : null;
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
    await store.doc.send(
      new PutCommand({
        TableName: store.table,
        Item: { pk: pk(job.id), sk: EXPORT_JOB_SK, kind: 'exportJob', ...job },
        ConditionExpression: replaceIf
          ? 'attribute_not_exists(pk) OR #status = :failed OR (#status = :running AND updatedAt < :before) OR expiresAt < :now'
          : 'attribute_not_exists(pk)',
        ...(replaceIf
          ? {
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':failed': 'failed',
                ':running': 'running',
                ':before': replaceIf.updatedBefore,
                ':now': replaceIf.nowSeconds,
              },
            }
          : {}),
      }),
    );
    return { job, created: true };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
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
  const entries = Object.entries(change).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return;
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.table,
        Key: { pk: pk(id), sk: EXPORT_JOB_SK },
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: {
          '#status': 'status',
          ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
        },
        ExpressionAttributeValues: {
          ':running': 'running',
          ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
        },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}
