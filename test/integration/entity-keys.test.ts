/**
 * Entities declared over records the data layer used to write with hand-built commands: their keys
 * are the literal keys those commands used, and records written before ElectroDB (no `__edb_*`
 * identifiers) read as before.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchPut } from '../../functions/data/batch';
import { binGuardOps, binHolder, putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import {
  consentKey,
  currentConsent,
  getConsent,
  putConsent,
  putConsentIfMissing,
} from '../../functions/data/consents';
import {
  type DataRun,
  getFreshness,
  listDataRuns,
  markRefreshed,
  readSyncSince,
  recordDataRun,
  writeSyncState,
} from '../../functions/data/data-runs';
import { bodyBinEntitiesOf } from '../../functions/data/entities/body-bins';
import { dataRunEntitiesOf } from '../../functions/data/entities/data-runs';
import { exportJobEntitiesOf } from '../../functions/data/entities/export-jobs';
import { open311KeyEntitiesOf } from '../../functions/data/entities/open311-keys';
import {
  EXPORT_JOB_PK_PREFIX,
  EXPORT_JOB_SK,
  type ExportJob,
  getExportJob,
  putExportJobOnce,
  updateExportJob,
} from '../../functions/data/export-jobs';
import {
  invitationAuditRecord,
  invitationPutOp,
  listInvitations,
  markInvitationReminded,
} from '../../functions/data/invitations';
import { batchGetEvents, getOutboxEvent } from '../../functions/data/notifications';
import {
  getOpen311Key,
  listOpen311Keys,
  type Open311KeyRecord,
  putOpen311KeyOp,
  revokeOpen311KeyOp,
  touchOpen311Key,
} from '../../functions/data/open311-keys';
import { runTransaction } from '../../functions/data/transaction';
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

describe('export jobs', () => {
  const job: ExportJob = {
    id: 'csv-abc123',
    format: 'items.csv',
    query: '',
    today: '2026-07-01',
    uri: 'https://example.kz/exports/csv-abc123',
    status: 'running',
    total: 10,
    itemsWritten: 0,
    createdAt: '2026-07-01T07:00:00.000Z',
    updatedAt: '2026-07-01T07:00:00.000Z',
    expiresAt: 2_000_000_000,
  };

  it('the entity fills the literal key EXPORT#<key> / JOB, which the stream filter matches', () => {
    const key = exportJobEntitiesOf(store).exportJob.get({ id: job.id }).params().Key;
    expect(key).toEqual({ pk: 'EXPORT#csv-abc123', sk: 'JOB' });
    expect([EXPORT_JOB_PK_PREFIX, EXPORT_JOB_SK]).toEqual(['EXPORT#', 'JOB']);
  });

  it('a job stored by hand before ElectroDB is read, moved while running, and held against a second create', async () => {
    await put({ pk: 'EXPORT#csv-abc123', sk: 'JOB', kind: 'exportJob', ...job });
    await updateExportJob(store, job.id, { itemsWritten: 4, updatedAt: '2026-07-01T07:01:00.000Z' });
    const moved = { ...job, itemsWritten: 4, updatedAt: '2026-07-01T07:01:00.000Z' };
    expect(await getExportJob(store, job.id)).toEqual(moved);
    expect(await putExportJobOnce(store, { ...job, total: 99 })).toEqual({ job: moved, created: false });
  });

  it('a failed job is replaced, and a finished one no longer moves', async () => {
    const failed = { ...job, id: 'csv-failed', status: 'failed' as const, error: 'boom' };
    await putExportJobOnce(store, failed);
    const replaceIf = { updatedBefore: '2026-07-01T06:00:00.000Z', nowSeconds: 1_000_000_000 };
    const again = await putExportJobOnce(store, { ...job, id: 'csv-failed' }, replaceIf);
    expect(again).toEqual({ job: { ...job, id: 'csv-failed' }, created: true });
    await updateExportJob(store, 'csv-failed', { status: 'done', bytes: 7 });
    await updateExportJob(store, 'csv-failed', { itemsWritten: 9 });
    expect(await getExportJob(store, 'csv-failed')).toMatchObject({
      status: 'done',
      bytes: 7,
      itemsWritten: 0,
    });
    expect(await getRaw({ pk: 'EXPORT#csv-failed', sk: 'JOB' })).toMatchObject({ kind: 'exportJob' });
  });
});

describe('Open311 keys', () => {
  const key: Open311KeyRecord = {
    id: 'k1',
    name: 'City app',
    prefix: 'o311_k1',
    keyHash: 'a'.repeat(64),
    createdAt: '2026-07-01T07:00:00.000Z',
    createdBy: 'u-admin',
  };

  it('the entity fills the literal key OPEN311KEYS / KEY#<id>', () => {
    const filled = open311KeyEntitiesOf(store).open311Key.get({ id: 'k1' }).params().Key;
    expect(filled).toEqual({ pk: 'OPEN311KEYS', sk: 'KEY#k1' });
  });

  it('a key stored by hand before ElectroDB and one issued through the entity read alike', async () => {
    await put({ pk: 'OPEN311KEYS', sk: 'KEY#k0', entity: 'open311-key', ...key, id: 'k0' });
    await runTransaction(store, [putOpen311KeyOp(store, key)]);
    expect(await getOpen311Key(store, 'k0')).toEqual({ ...key, id: 'k0' });
    expect(await getOpen311Key(store, 'k1')).toEqual(key);
    expect(await listOpen311Keys(store)).toEqual([{ ...key, id: 'k0' }, key]);
  });

  it('a use is recorded at most once per interval, a revoked key not at all, and a key is revoked once', async () => {
    await put({ pk: 'OPEN311KEYS', sk: 'KEY#k2', entity: 'open311-key', ...key, id: 'k2' });
    const now = new Date('2026-07-01T08:00:00.000Z');
    await touchOpen311Key(store, 'k2', now, 60_000);
    await touchOpen311Key(store, 'k2', new Date(now.getTime() + 30_000), 60_000);
    expect((await getOpen311Key(store, 'k2'))?.lastUsedAt).toBe(now.toISOString());
    await runTransaction(store, [revokeOpen311KeyOp(store, 'k2', '2026-07-01T09:00:00.000Z')]);
    await expect(runTransaction(store, [revokeOpen311KeyOp(store, 'k2', 'later')])).rejects.toThrow();
    await touchOpen311Key(store, 'k2', new Date('2026-07-01T10:00:00.000Z'), 60_000);
    expect(await getOpen311Key(store, 'k2')).toMatchObject({
      revokedAt: '2026-07-01T09:00:00.000Z',
      lastUsedAt: now.toISOString(),
    });
    await expect(runTransaction(store, [revokeOpen311KeyOp(store, 'missing', 'x')])).rejects.toThrow();
  });
});

describe('outbox events read through the entity', () => {
  it('events stored by hand before ElectroDB are read one by one and past a batch of 100, a missing one left out', async () => {
    const events = Array.from({ length: 105 }, (_, i) => ({
      id: `ev-${String(i).padStart(3, '0')}`,
      type: 'item.created',
      at: '2026-07-01T07:00:00.000Z',
      subject: { kind: 'item', id: `i${i}` },
      actorSub: null,
      data: {},
      status: 'fanned-out',
      deliveries: 0,
    }));
    await batchPut(
      store,
      events.map((e) => ({ pk: `OUTBOX#${e.id}`, sk: 'EVENT', entity: 'outbox-event', ...e })),
    );
    expect(await getOutboxEvent(store, 'ev-007')).toEqual({
      pk: 'OUTBOX#ev-007',
      sk: 'EVENT',
      entity: 'outbox-event',
      ...events[7],
    });
    expect(await getOutboxEvent(store, 'ev-missing')).toBeNull();
    const found = await batchGetEvents(store, [...events.map((e) => e.id), 'ev-missing']);
    expect(found.size).toBe(105);
    expect(found.get('ev-104')).toEqual(events[104]);
  });
});

describe("a BIN's guard", () => {
  it('the entity fills the literal key BODYBIN#<bin> / BODYBIN', () => {
    const filled = bodyBinEntitiesOf(store).bodyBin.get({ bin: '123456789012' }).params().Key;
    expect(filled).toEqual({ pk: 'BODYBIN#123456789012', sk: 'BODYBIN' });
  });

  it('a guard stored before ElectroDB (no kind) names its body, and holds its BIN against another body', async () => {
    await put({ pk: 'BODYBIN#111111111111', sk: 'BODYBIN', bodyId: 'akimat-a' });
    expect(await binHolder(store, '111111111111')).toBe('akimat-a');
    await expect(
      runTransaction(store, binGuardOps(store, 'akimat-b', undefined, '111111111111')),
    ).rejects.toThrow();
    // Its own body may write it again; releasing someone else's BIN is refused.
    await runTransaction(store, binGuardOps(store, 'akimat-a', undefined, '111111111111'));
    await expect(
      runTransaction(store, binGuardOps(store, 'akimat-b', '111111111111', undefined)),
    ).rejects.toThrow();
    expect(await binHolder(store, '111111111111')).toBe('akimat-a');
  });

  it("a body's BIN moves: the new guard is taken, the old one released; a seeded body takes its guard", async () => {
    await runTransaction(store, binGuardOps(store, 'akimat-c', undefined, '222222222222'));
    await runTransaction(store, binGuardOps(store, 'akimat-c', '222222222222', '333333333333'));
    expect(await binHolder(store, '222222222222')).toBe('');
    expect(await binHolder(store, '333333333333')).toBe('akimat-c');
    await putBody(store, { id: 'akimat-d', name: { ru: 'Акимат' }, bin: '444444444444' });
    expect(await getRaw({ pk: 'BODYBIN#444444444444', sk: 'BODYBIN' })).toMatchObject({ bodyId: 'akimat-d' });
  });
});

describe('an invitation noted as reminded through its entity', () => {
  it('is listed and audited without the identifiers the patch stamps; a missing one is refused', async () => {
    const invitation = {
      sessionId: '01JS0000000000000000000001',
      bodyId: 'akimat-inv',
      invitedAt: '2026-07-01T07:00:00.000Z',
      invitedByName: 'Secretary',
    };
    await runTransaction(store, [invitationPutOp(store, invitation, 'new')]);
    const reminded = { at: '2026-07-09T07:00:00.000Z', forStartsAt: '2026-07-10T07:00:00.000Z' };
    await markInvitationReminded(store, invitation.sessionId, invitation.bodyId, reminded);
    const stored = await getRaw({ pk: `SESSION#${invitation.sessionId}`, sk: 'INVITE#akimat-inv' });
    expect(stored).toMatchObject({ reminded, __edb_e__: 'invitation' });
    const [listed] = await listInvitations(store, invitation.sessionId);
    expect(listed).toEqual({ ...invitation, reminded });
    expect(invitationAuditRecord(listed!).fields).toEqual(invitation);
    await expect(
      markInvitationReminded(store, invitation.sessionId, 'akimat-none', reminded),
    ).rejects.toThrow();
  });
});

describe('consents written through their entity', () => {
  it('land on the literal key USER#<sub> / CONSENT#<purpose>, read as before, and are never overwritten by a seed', async () => {
    expect(consentKey('u-cons', 'email')).toEqual({ pk: 'USER#u-cons', sk: 'CONSENT#email' });
    const given = currentConsent('email', new Date('2026-07-01T07:00:00.000Z'));
    await putConsent(store, 'u-cons', given);
    expect(await getRaw({ pk: 'USER#u-cons', sk: 'CONSENT#email' })).toMatchObject({
      entity: 'consent',
      ...given,
    });
    const withdrawn = { ...given, withdrawnAt: '2026-07-02T07:00:00.000Z' };
    await putConsent(store, 'u-cons', withdrawn);
    expect(await putConsentIfMissing(store, 'u-cons', given)).toBe(false);
    expect(await getConsent(store, 'u-cons', 'email')).toEqual(withdrawn);
    expect(await putConsentIfMissing(store, 'u-cons-2', given)).toBe(true);
    expect(await getConsent(store, 'u-cons-2', 'email')).toEqual(given);
  });
});
