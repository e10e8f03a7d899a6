/**
 * Reports of the runs that bring data in (procurement syncs, file imports) and the dataset's
 * freshness marker (issue 20, item 6; issue 23):
 *   a run's report   pk DATARUNS   sk RUN#<at ISO>#<kind>#<rand>   { kind, trigger, at, ok, error?, counts…, issues (≤ 50) }
 *                    expiresAt: 180 days after the run (TTL; admins read the recent ones)
 *   the marker       pk DATASET    sk FRESHNESS   { refreshedAt, changedAt, source }
 *   the sync state   pk SYNC#goszakup   sk STATE   { newestUpdate, at, report (≤ 200 issues) }
 * (the `dataRun`, `freshness` and `syncState` entities, data/entities/data-runs.ts; a run's report
 * also keeps the `runId` its sort key ends with).
 * The marker is one GetItem for the map's "data as of" line: never a Scan of the items. It moves
 * only on a run that succeeded and wrote (not a dry run): a failed run leaves the last good date.
 */
import { randomBytes } from 'node:crypto';
import type { ImportIssue } from '../../shared/opendata';
import type { Store } from './client';
import { dataRunEntitiesOf, dataRunModel } from './entities/data-runs';
import { outboxEventOp } from './notifications';
import { queryEntityRecords } from './query-all';
import { go, OWN, recordKey } from './schema';
import { runTransaction, type TransactOp } from './transaction';

type TransactPut = NonNullable<TransactOp['Put']>;
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
  const { dataRun } = dataRunEntitiesOf(store);
  const { kind, ...rest } = run;
  const attributes = {
    ...rest,
    runKind: kind,
    runId: randomBytes(4).toString('hex'),
    issues: run.issues.slice(0, RUN_ISSUES_KEPT),
    expiresAt: Math.floor(Date.parse(run.at) / 1000) + RUN_TTL_SECONDS,
  };
  if (run.ok) await go(dataRun.put(attributes).go());
  // A failed run's report and the admins' notice are one write: the report never exists
  // without its notice. The event names the run, its kind and why it stopped; no personal data.
  // The one transaction runner: one idempotency token, jittered retries on conflicts and throttling.
  else
    await runTransaction(store, [
      { Put: dataRun.put(attributes).params() as TransactPut },
      outboxEventOp(store, {
        id: `run-failed-${randomBytes(8).toString('hex')}`,
        type: 'data-run.failed',
        at: run.at,
        subject: { kind: 'data-run', id: recordKey(dataRunModel, attributes).sk! },
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
    await go(
      dataRunEntitiesOf(store)
        .freshness.update({})
        .set({ refreshedAt: at, source, kind: 'freshness', ...(changed ? { changedAt: at } : {}) })
        .where((a, o) => `attribute_not_exists(${o.field('refreshedAt')}) OR ${o.lt(a.refreshedAt, at)}`)
        .go(),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}

export async function getFreshness(store: Store): Promise<Freshness> {
  const res = await go(dataRunEntitiesOf(store).freshness.get({}).go(OWN));
  return {
    refreshedAt: res.data?.refreshedAt ?? null,
    changedAt: res.data?.changedAt ?? null,
    source: res.data?.source ?? null,
  };
}

/** The most recent runs, newest first (one bounded Query of one partition). */
export async function listDataRuns(store: Store, limit: number): Promise<DataRun[]> {
  const rows = await queryEntityRecords(dataRunEntitiesOf(store).dataRun.query.record({}), {
    limit,
    options: { order: 'desc' },
  });
  return rows.map((i) => {
    const {
      pk: _pk,
      sk: _sk,
      entity: _e,
      expiresAt: _x,
      runId: _r,
      __edb_e__: _ee,
      __edb_v__: _ev,
      ...run
    } = i;
    return run as unknown as DataRun;
  });
}

/** Issues kept in the sync's state record (its last report). */
const SYNC_ISSUES_KEPT = 200;

/** Where the next procurement sync starts: the newest lastUpdateDate the last run saw. */
export async function readSyncSince(store: Store): Promise<string | undefined> {
  const res = await go(
    dataRunEntitiesOf(store)
      .syncState.get({})
      .go({ ...OWN, consistent: true }),
  );
  return res.data?.newestUpdate as string | undefined;
}

/** Replaces the sync's state: where the next run starts, and this run's report. */
export async function writeSyncState(
  store: Store,
  state: { newestUpdate: string | null; at: string; report: { issues: readonly unknown[] } },
): Promise<void> {
  const { newestUpdate, at, report } = state;
  await go(
    dataRunEntitiesOf(store)
      .syncState.put({
        newestUpdate,
        at,
        report: { ...report, issues: report.issues.slice(0, SYNC_ISSUES_KEPT) },
      })
      .go(),
  );
}
