/**
 * Entities declared over records the data layer used to write with hand-built commands: their keys
 * are the literal keys those commands used, and records written before ElectroDB (no `__edb_*`
 * identifiers) read as before.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/data/client';
import {
  type DataRun,
  getFreshness,
  listDataRuns,
  markRefreshed,
  readSyncSince,
  recordDataRun,
  writeSyncState,
} from '../../functions/data/data-runs';
import { dataRunEntitiesOf } from '../../functions/data/entities/data-runs';
import { createTestStore } from '../support/store';

let store: Store;
beforeAll(async () => {
  store = await createTestStore('entity-keys');
});
afterAll(() => store.raw.destroy());

const put = (Item: Record<string, unknown>) =>
  store.doc.send(new PutCommand({ TableName: store.table, Item }));
const getRaw = async (Key: Record<string, string>) =>
  (await store.doc.send(new GetCommand({ TableName: store.table, Key }))).Item;

describe('data runs, the freshness marker and the sync state', () => {
  const run: DataRun = {
    kind: 'import',
    trigger: 'cli',
    at: '2026-07-01T07:00:00.000Z',
    ok: true,
    created: 2,
    updated: 1,
    unchanged: 0,
    refused: 0,
    source: 'budget.csv',
    issues: [],
  };

  it('the entities fill the literal keys: DATARUNS / RUN#<at>#<kind>#<rand>, DATASET / FRESHNESS, SYNC#goszakup / STATE', () => {
    const e = dataRunEntitiesOf(store);
    expect(e.dataRun.get({ at: run.at, runKind: 'import', runId: 'ab12cd34' }).params().Key).toEqual({
      pk: 'DATARUNS',
      sk: `RUN#${run.at}#import#ab12cd34`,
    });
    expect(e.freshness.get({}).params().Key).toEqual({ pk: 'DATASET', sk: 'FRESHNESS' });
    expect(e.syncState.get({}).params().Key).toEqual({ pk: 'SYNC#goszakup', sk: 'STATE' });
  });

  it('a report stored by hand before ElectroDB and one the entity stores list alike, newest first', async () => {
    const older = { ...run, at: '2026-06-30T07:00:00.000Z', kind: 'goszakup-sync' as const, contracts: 5 };
    await put({
      pk: 'DATARUNS',
      sk: `RUN#${older.at}#goszakup-sync#0000beef`,
      entity: 'data-run',
      ...older,
      expiresAt: 1,
    });
    await recordDataRun(store, run);
    expect(await listDataRuns(store, 5)).toEqual([run, older]);
  });

  it('the marker written before ElectroDB is read, and moves forward only', async () => {
    await put({
      pk: 'DATASET',
      sk: 'FRESHNESS',
      entity: 'freshness',
      refreshedAt: '2026-07-02T00:00:00.000Z',
      source: 'import',
    });
    await markRefreshed(store, '2026-07-01T00:00:00.000Z', 'goszakup-sync', true);
    expect(await getFreshness(store)).toEqual({
      refreshedAt: '2026-07-02T00:00:00.000Z',
      changedAt: null,
      source: 'import',
    });
    await markRefreshed(store, '2026-07-03T00:00:00.000Z', 'goszakup-sync', true);
    expect(await getFreshness(store)).toEqual({
      refreshedAt: '2026-07-03T00:00:00.000Z',
      changedAt: '2026-07-03T00:00:00.000Z',
      source: 'goszakup-sync',
    });
  });

  it('the sync state written before ElectroDB is read; a new one replaces it on the same key', async () => {
    await put({
      pk: 'SYNC#goszakup',
      sk: 'STATE',
      entity: 'sync-state',
      newestUpdate: '2026-05-01',
      at: 'x',
      report: {},
    });
    expect(await readSyncSince(store)).toBe('2026-05-01');
    const issues = Array.from({ length: 250 }, (_, i) => ({ row: i }));
    await writeSyncState(store, { newestUpdate: '2026-06-01', at: run.at, report: { issues } });
    const stored = await getRaw({ pk: 'SYNC#goszakup', sk: 'STATE' });
    expect(stored).toMatchObject({ entity: 'sync-state', newestUpdate: '2026-06-01', at: run.at });
    expect((stored?.report as { issues?: unknown[] } | undefined)?.issues).toHaveLength(200);
    expect(await readSyncSince(store)).toBe('2026-06-01');
  });
});
