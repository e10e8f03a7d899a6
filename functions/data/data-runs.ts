/**
 * Reports of the runs that bring data in (procurement syncs, file imports) and the dataset's
 * freshness marker (issue 20, item 6; issue 23):
 *   a run's report   pk DATARUNS   sk RUN#<at ISO>#<kind>#<rand>   { kind, trigger, at, ok, error?, counts…, issues (≤ 50) }
 *                    expiresAt: 180 days after the run (TTL; admins read the recent ones)
 *   the marker       pk DATASET    sk FRESHNESS   { refreshedAt, changedAt, source }
 * The marker is one GetItem for the map's "data as of" line: never a Scan of the items. It moves
 * only on a run that succeeded and wrote (not a dry run): a failed run leaves the last good date.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportIssue } from '../../shared/opendata';
import type { Store } from './client';
import { outboxEventOp } from './notifications';
import { runTransaction } from './transaction';

export const DATA_RUNS_PK = 'DATARUNS';
export const FRESHNESS_KEY = { pk: 'DATASET', sk: 'FRESHNESS' };
const RUN_TTL_SECONDS = 180 * 24 * 3600;
/** Issues kept per run: the first ones say what is wrong; the CLI's --json lists them all. */
export const RUN_ISSUES_KEPT = 50;

export type DataRunKind = 'goszakup-sync' | 'import';
export type DataRunTrigger = 'cli' | 'schedule' | 'api';

export interface DataRun {
  kind: DataRunKind;
  trigger: DataRunTrigger;
  /** When the run ended (ISO instant). */
  at: string;
  ok: boolean;
  /** Why the run stopped (one line), when it failed. */
  error?: string;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  /** Contracts read from the portal (syncs). */
  contracts?: number;
  /** For a file import: its name or source label. */
  source?: string;
  unmapped?: { enstru: Record<string, number>; kato: Record<string, number> };
  issues: ImportIssue[];
}

export interface Freshness {
  /** The last successful run that checked the data against its source. */
  refreshedAt: string | null;
  /** The last run that changed an item. */
  changedAt: string | null;
  source: string | null;
}

/** Stores a run's report; a successful run also moves the freshness marker. */
export async function recordDataRun(store: Store, run: DataRun): Promise<void> {
  const item = {
    pk: DATA_RUNS_PK,
    sk: `RUN#${run.at}#${run.kind}#${randomBytes(4).toString('hex')}`,
    entity: 'data-run',
    ...run,
    issues: run.issues.slice(0, RUN_ISSUES_KEPT),
    expiresAt: Math.floor(Date.parse(run.at) / 1000) + RUN_TTL_SECONDS,
  };
  if (run.ok) await store.doc.send(new PutCommand({ TableName: store.table, Item: item }));
  // A failed run's report and the admins' notice are one write: the report never exists
  // without its notice. The event names the run, its kind and why it stopped; no personal data.
  // The one transaction runner: one idempotency token, jittered retries on conflicts and throttling.
  else
    await runTransaction(store, [
      { Put: { TableName: store.table, Item: item } },
      outboxEventOp(store, {
        id: `run-failed-${randomBytes(8).toString('hex')}`,
        type: 'data-run.failed',
        at: run.at,
        subject: { kind: 'data-run', id: item.sk },
        actorSub: null,
        data: {
          runKind: run.kind,
          reason: (run.error ?? '').slice(0, 200),
          ...(run.source ? { source: run.source } : {}),
        },
      }),
    ]);
  if (run.ok) await markRefreshed(store, run.at, run.kind, run.created + run.updated > 0);
}

/**
 * Moves the marker forward (never back: a late-finishing older run does not hide a newer one).
 * `changed` also moves changedAt.
 */
export async function markRefreshed(
  store: Store,
  at: string,
  source: string,
  changed: boolean,
): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.table,
        Key: FRESHNESS_KEY,
        UpdateExpression: `SET refreshedAt = :at, #source = :source, entity = :entity${changed ? ', changedAt = :at' : ''}`,
        ConditionExpression: 'attribute_not_exists(refreshedAt) OR refreshedAt < :at',
        ExpressionAttributeNames: { '#source': 'source' },
        ExpressionAttributeValues: { ':at': at, ':source': source, ':entity': 'freshness' },
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}

export async function getFreshness(store: Store): Promise<Freshness> {
  const res = await store.doc.send(new GetCommand({ TableName: store.table, Key: FRESHNESS_KEY }));
  const i = res.Item ?? {};
  return {
    refreshedAt: (i.refreshedAt as string | undefined) ?? null,
    changedAt: (i.changedAt as string | undefined) ?? null,
    source: (i.source as string | undefined) ?? null,
  };
}

/** The most recent runs, newest first (one bounded Query of one partition). */
export async function listDataRuns(store: Store, limit: number): Promise<DataRun[]> {
  const res = await store.doc.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)',
      ExpressionAttributeValues: { ':pk': DATA_RUNS_PK, ':run': 'RUN#' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (res.Items ?? []).map((i) => {
    const { pk: _pk, sk: _sk, entity: _e, expiresAt: _x, ...run } = i;
    return run as DataRun;
  });
}
