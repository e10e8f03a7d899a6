// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * The records of the runs that bring data in (data/data-runs.ts): a run's stored report, the
 * dataset's freshness marker and the procurement sync's position, declared as ElectroDB entities.
 * Each sits in a partition of its own (`DATARUNS`, `DATASET`, `SYNC#goszakup`), so no kind filter
 * is needed to keep other kinds out. Every attribute a record holds is declared, as ElectroDB writes
 * only declared ones.
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { named, perStore, text } from './kit';

const anything = { type: 'any' } as const;

/**
 * A run's report, `RUN#<at>#<kind>#<runId>`: newest last, so admins read the partition backwards.
 * `runId` (random hex) keeps two runs ending in the same millisecond apart; the run's own kind is
 * stored as `kind`, as before (the record's kind is `entity`, as everywhere).
 */
export const dataRunModel = {
  model: named('data-run'),
  attributes: {
    kind: kindOf('data-run'),
    at: text,
    runKind: { type: ['goszakup-sync', 'import'] as const, required: true, field: 'kind' },
    runId: text,
    trigger: { type: ['cli', 'schedule', 'api'] as const, required: true },
    ok: { type: 'boolean', required: true },
    error: { type: 'string' },
    created: { type: 'number', required: true },
    updated: { type: 'number', required: true },
    unchanged: { type: 'number', required: true },
    refused: { type: 'number', required: true },
    contracts: { type: 'number' },
    source: { type: 'string' },
    unmapped: anything,
    issues: anything,
    /** TTL (epoch seconds). */
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    record: {
      pk: key('pk', [], 'DATARUNS'),
      sk: key('sk', ['at', 'runKind', 'runId'], 'RUN#${at}#${runKind}#${runId}'),
    },
  },
} as const;

/** The dataset's freshness marker: one record, moved forward only (data/data-runs.ts `markRefreshed`). */
export const freshnessModel = {
  model: named('freshness'),
  attributes: {
    kind: kindOf('freshness'),
    refreshedAt: { type: 'string' },
    changedAt: { type: 'string' },
    source: { type: 'string' },
  },
  indexes: {
    record: { pk: key('pk', [], 'DATASET'), sk: key('sk', [], 'FRESHNESS') },
  },
} as const;

/**
 * Where the next procurement sync starts (`newestUpdate`, null before the first change seen) and the
 * last run's report, replaced whole by each run.
 */
export const syncStateModel = {
  model: named('sync-state'),
  attributes: {
    kind: kindOf('sync-state'),
    newestUpdate: anything,
    at: text,
    report: anything,
  },
  indexes: {
    record: { pk: key('pk', [], 'SYNC#goszakup'), sk: key('sk', [], 'STATE') },
  },
} as const;

export const DATA_RUN_MODELS = {
  dataRun: dataRunModel,
  freshness: freshnessModel,
  syncState: syncStateModel,
} as const;

export const DATA_RUN_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof DATA_RUN_MODELS>[] = [
  {
    entity: 'dataRun',
    index: 'record',
    pattern: "a run's report (with the admins' notice when it failed); the latest runs, newest first",
    code: '`data/data-runs.ts` `recordDataRun`, `listDataRuns`',
  },
  {
    entity: 'freshness',
    index: 'record',
    pattern: 'the map\'s "data as of" marker (one GetItem; moved forward only)',
    code: '`data/data-runs.ts` `getFreshness`, `markRefreshed`',
  },
  {
    entity: 'syncState',
    index: 'record',
    pattern: "where the next procurement sync starts, and the last run's report",
    code: '`data/data-runs.ts` `readSyncSince`, `writeSyncState` (run by `goszakup/sync.ts`)',
  },
];

/** The entities over `store`'s table (built once per store). */
export const dataRunEntitiesOf = perStore((store) => {
  const config = { client: store.doc, table: store.table };
  return {
    dataRun: new Entity(dataRunModel, config),
    freshness: new Entity(freshnessModel, config),
    syncState: new Entity(syncStateModel, config),
  };
});
