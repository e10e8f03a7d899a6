import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { listEntries, pointerPk, readHead } from '../../functions/audit/chain';
import { verifyFull, verifyRecord } from '../../functions/audit/verify';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { listPendingEvents } from '../../functions/data/notifications';
import { runTransaction } from '../../functions/data/transaction';
import { visitCountOp } from '../../functions/data/visits';
import {
  bodyFlagSummaries,
  listFlagSummaries,
  readFlagOverview,
  readFlagRun,
  runFlagJob,
} from '../../functions/services/flags';
import { FLAG_NEWS } from '../../functions/services/notifications';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const BIN = '080540001238';
const OTHER = '123456789013';
const NOW = new Date('2026-07-01T06:00:00Z');

let store: Store;
// Three contracts of one body with one contractor in 2026: repeat award and concentration.
const repeat = [1, 2, 3].map(() =>
  sampleItem({
    contractor: { name: 'ТОО «Жол»', bin: BIN },
    amounts: { planned: '9.00', contracted: '5.00', spent: '0.00' },
  }),
);
const single = sampleItem({
  contractor: { name: 'ТОО «Басқа»', bin: OTHER },
  tender: { numberOfTenderers: 1 },
  body: { id: 'zha-edu', name: { en: 'Education' } },
});
const quiet = sampleItem({
  body: { id: 'zha-edu', name: { en: 'Education' } },
  provenance: { source: 'demo', updatedAt: '2026-06-20T00:00:00.000Z' },
});

const record = async (id: string) =>
  (await store.doc.send(new GetCommand({ TableName: store.table, Key: { pk: `ITEM#${id}`, sk: 'ITEM' } })))
    .Item!;

beforeAll(async () => {
  store = await createTestStore('flagjob');
  for (const i of [...repeat, single, quiet]) await putItem(store, i);
});
afterAll(() => store.raw.destroy());

describe('the flag job', () => {
  it('stores each item’s flags with their numbers, and the per-contractor and per-body counts', async () => {
    const report = await runFlagJob(store, { now: NOW });
    expect(report).toMatchObject({
      today: '2026-07-01',
      items: 5,
      flagged: 4,
      changed: { items: 4, run: true },
    });
    const r = await record(repeat[0]!.id);
    // sampleItem's data was last updated on 1 January: stale by 1 July.
    expect(r.flags).toEqual(['R-CONCENTRATION', 'R-REPEAT-AWARD', 'R-STALE']);
    expect(r.flagFacts['R-REPEAT-AWARD']).toEqual({
      body: 'zha-roads',
      year: 2026,
      contractor: BIN,
      contracts: 3,
    });
    expect((await record(quiet.id)).flags).toBeUndefined();
    const contractors = await listFlagSummaries(store, 'contractor', 10);
    expect(contractors[0]).toMatchObject({ id: BIN, name: 'ТОО «Жол»', items: 3, flagged: 3 });
    expect(contractors[0]!.byFlag).toEqual({ 'R-CONCENTRATION': 3, 'R-REPEAT-AWARD': 3, 'R-STALE': 3 });
    const bodies = await listFlagSummaries(store, 'body', 10);
    expect(bodies.map((b) => [b.id, b.flagged, b.items])).toEqual([
      ['zha-roads', 3, 3],
      ['zha-edu', 1, 2],
    ]);
    expect(await readFlagRun(store)).toMatchObject({ flagged: 4, contractorsFlagged: 2, bodiesFlagged: 2 });
  });

  it('gives /flags the run and the most flagged contractors and bodies, bounded by the limit', async () => {
    const overview = await readFlagOverview(store, 1);
    expect(overview.run).toMatchObject({ flagged: 4 });
    expect(overview.contractors.map((c) => c.id)).toEqual([BIN]);
    expect(overview.bodies.map((b) => b.id)).toEqual(['zha-roads']);
  });

  it('gives each body’s responsiveness row its flag counts (none for a body the job has not counted)', async () => {
    for (const id of ['zha-roads', 'zha-edu', 'zha-none']) await putBody(store, { id, name: { en: id } });
    const app = createApp({ store, auth: refuseTokens, now: () => NOW });
    const res = await app.request('/api/responsiveness');
    expect(res.status).toBe(200);
    const rows = new Map(
      ((await res.json()) as { bodies: Array<{ bodyId: string; flags?: unknown }> }).bodies.map((b) => [
        b.bodyId,
        b.flags,
      ]),
    );
    const summaries = await bodyFlagSummaries(store, ['zha-roads', 'zha-edu']);
    expect(rows.get('zha-roads')).toEqual({
      items: 3,
      flagged: 3,
      byFlag: summaries.get('zha-roads')!.byFlag,
    });
    expect(rows.get('zha-edu')).toMatchObject({ items: 2, flagged: 1, byFlag: { 'R-SINGLE-BID': 1 } });
    expect(rows.get('zha-none')).toBeUndefined();
  });

  it('puts every changed record and the run’s summary on the audit chain, and they verify', async () => {
    const entries = await listEntries(store, 0, 100);
    const keys = entries.filter((e) => e.action === 'flags.run').flatMap((e) => e.records.map((r) => r.key));
    expect(keys).toContain(`flags/${single.id}`);
    expect(keys).toContain(`flag-summary/contractor/${BIN}`);
    expect(keys.at(-1)).toBe('flag-run/latest');
    for (const key of [`flags/${repeat[1]!.id}`, `flag-summary/body/zha-edu`, 'flag-run/latest'])
      expect(await verifyRecord(store, key)).toMatchObject({ ok: true });
  });

  it('writes each item’s flags and each summary with the seq of the entry naming them, instead of an audit pointer record', async () => {
    const pointer = async (key: string) =>
      (
        await store.doc.send(
          new GetCommand({ TableName: store.table, Key: { pk: pointerPk(key), sk: 'LATEST' } }),
        )
      ).Item;
    const summary = (
      await store.doc.send(
        new GetCommand({ TableName: store.table, Key: { pk: `FLAGS#CONTRACTOR#${BIN}`, sk: 'SUMMARY' } }),
      )
    ).Item!;
    const entries = await listEntries(store, 0, 100);
    const naming = (key: string) => entries.filter((e) => e.records.some((r) => r.key === key)).at(-1)?.seq;
    expect((await record(single.id)).flagsAuditSeq).toBe(naming(`flags/${single.id}`));
    expect(summary.auditSeq).toBe(naming(`flag-summary/contractor/${BIN}`));
    expect(await pointer(`flags/${single.id}`)).toBeUndefined();
    expect(await pointer(`flag-summary/contractor/${BIN}`)).toBeUndefined();
    // The run's summary is one record: it keeps its pointer (the job reads it to see if it changed).
    expect(await pointer('flag-run/latest')).toBeDefined();
    expect(await verifyFull(store, null, NOW)).toMatchObject({ ok: true, records_failed: [] });
  });

  it('a summary changed in the table fails its check, though it carries its entry’s seq', async () => {
    const key = { pk: 'FLAGS#BODY#zha-edu', sk: 'SUMMARY' };
    const stored = (await store.doc.send(new GetCommand({ TableName: store.table, Key: key }))).Item!;
    try {
      await store.doc.send(new PutCommand({ TableName: store.table, Item: { ...stored, flagged: 0 } }));
      expect(await verifyRecord(store, 'flag-summary/body/zha-edu')).toMatchObject({
        ok: false,
        reason: 'digest',
      });
    } finally {
      await store.doc.send(new PutCommand({ TableName: store.table, Item: stored }));
    }
    expect(await verifyRecord(store, 'flag-summary/body/zha-edu')).toMatchObject({ ok: true });
  });

  it('re-run on the same day over the same data writes nothing, appends nothing and tells nobody', async () => {
    const head = await readHead(store);
    const events = (await listPendingEvents(store, 100)).length;
    const report = await runFlagJob(store, { now: new Date(NOW.getTime() + 3_600_000) });
    expect(report.changed).toEqual({ items: 0, summaries: 0, run: false });
    expect(report.auditEntries).toBe(0);
    expect(await readHead(store)).toEqual(head);
    expect(await listPendingEvents(store, 100)).toHaveLength(events);
  });

  it('a new flag is news for its followers (the news event in the same write); flags an import dropped and the job puts back are not', async () => {
    // The job's news is one event per written group, naming each item with the codes it gained;
    // its fan-out writes the item.flagged events of those someone follows (notifications.test.ts).
    const flagNews = async () => (await listPendingEvents(store, 100)).filter((e) => e.type === FLAG_NEWS);
    const before = new Set((await flagNews()).map((e) => e.id));
    // An import replaces the record whole: its flags are gone until the job puts them back.
    await putItem(store, repeat[2]!);
    expect((await record(repeat[2]!.id)).flags).toBeUndefined();
    const back = await runFlagJob(store, { now: NOW });
    expect(back.changed.items).toBe(1);
    expect(await flagNews()).toHaveLength(before.size);
    // A visit count makes a flag the item did not carry: news naming its place and the new code only.
    for (let v = 0; v < 2; v++)
      await runTransaction(store, [visitCountOp(store, quiet.id, { foundProblems: true, onSite: true }, {})]);
    await runFlagJob(store, { now: NOW });
    const news = (await flagNews()).filter((e) => !before.has(e.id));
    expect(news.flatMap((e) => JSON.parse(String(e.data.items)))).toEqual([
      { i: quiet.id, a: quiet.area, b: 'zha-edu', f: 'R-SITE-CONTESTED' },
    ]);
  });

  it('drops a flag that no longer fires, and says so on the chain', async () => {
    // The data was updated: no longer stale.
    await putItem(store, {
      ...single,
      provenance: { source: 'demo', updatedAt: '2026-06-30T00:00:00.000Z' },
    });
    const report = await runFlagJob(store, { now: NOW });
    expect(report.changed.items).toBe(1);
    expect((await record(single.id)).flags).toEqual(['R-SINGLE-BID']);
    expect(await verifyRecord(store, `flags/${single.id}`)).toMatchObject({ ok: true });
  });

  it('R-SITE-CONTESTED comes from the site-visit counts: fires at 3 and at its minimum of 2, not at 1', async () => {
    const fresh = { source: 'demo', updatedAt: '2026-06-30T00:00:00.000Z' } as const;
    const table = [3, 2, 1].map((withProblems) => ({
      withProblems,
      item: sampleItem({ body: { id: 'zha-visits', name: { en: 'Visits' } }, provenance: fresh }),
    }));
    for (const { item, withProblems } of table) {
      await putItem(store, item);
      // Four visits, as functions/services/site-visits.ts counts each in its transaction.
      for (let v = 0; v < 4; v++)
        await runTransaction(store, [
          visitCountOp(store, item.id, { foundProblems: v < withProblems, onSite: true }, {}),
        ]);
    }
    await runFlagJob(store, { now: NOW });
    const flagsOf = async (id: string) => (await record(id)).flags as string[] | undefined;
    expect(await flagsOf(table[0]!.item.id)).toEqual(['R-SITE-CONTESTED']);
    expect((await record(table[1]!.item.id)).flagFacts['R-SITE-CONTESTED']).toEqual({
      visitsFindingProblems: 2,
    });
    expect(await flagsOf(table[2]!.item.id)).toBeUndefined();
  });
});
