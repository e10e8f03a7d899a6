/**
 * The club's public report (issue 21, part 8): over the demo club (5 sessions held in 2026, 15
 * questions considered), its figures equal independent counts of the records; the quarter counts
 * only its own sessions; answers on time follow the legal term; effects come from the impact ledger;
 * the CSV carries the same figures and the chain head the report was computed from.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { readHead } from '../../functions/audit/chain';
import type { Store } from '../../functions/data/client';
import { itemKeys, putItem } from '../../functions/data/items';
import { listRecommendations, listSessions } from '../../functions/data/sessions';
import { seedDemoSessions } from '../../functions/demo/sessions';
import { recordImpact } from '../../functions/services/impact';
import { answerQuestion, raiseQuestion } from '../../functions/services/questions';
import type { Item } from '../../shared/item';
import { isHeld } from '../../shared/sessions';
import { user } from '../support/auth';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const NOW = new Date('2026-11-28T06:00:00Z');
let store: Store;
let items: Item[];

beforeAll(async () => {
  store = await createTestStore('club-report');
  items = Array.from({ length: 20 }, (_, i) =>
    sampleItem({
      body: { id: i % 2 ? 'zha-roads' : 'zha-education', name: { en: 'Body' } },
      // Every third item has one tenderer: the item-only flag R-SINGLE-BID.
      ...(i % 3 === 0 ? { tender: { numberOfTenderers: 1 } } : {}),
    }),
  );
  for (const i of items) await putItem(store, i);
  // What the flag job would have written: R-STALE on every fourth item, and R-SINGLE-BID again on
  // item 0 (which has it on its own too: an item counts once per flag).
  for (const [n, i] of items.entries()) {
    const stored = n === 0 ? ['R-SINGLE-BID', 'R-STALE'] : n % 4 === 0 ? ['R-STALE'] : [];
    if (stored.length)
      await store.doc.send(
        new UpdateCommand({
          TableName: store.table,
          Key: { pk: itemKeys.pk(i.id), sk: itemKeys.sk },
          UpdateExpression: 'SET flags = :f',
          ExpressionAttributeValues: { ':f': stored },
        }),
      );
  }
  await seedDemoSessions(store, items, NOW);
  // One question answered in Q3 on time, one answered in Q3 after its term.
  const official = user('official', { sub: 'rep-official', bodies: ['zha-roads'] });
  const asker = user('citizen', { sub: 'rep-asker' });
  const item = items[1]!;
  const q1 = await raiseQuestion(
    store,
    item,
    asker,
    { text: 'When is the road finished?' },
    { now: new Date('2026-08-03T05:00:00Z') },
  );
  await answerQuestion(store, q1, official, 'In October.', { now: new Date('2026-08-10T05:00:00Z') });
  const q2 = await raiseQuestion(
    store,
    item,
    asker,
    { text: 'Who signed the act?' },
    { now: new Date('2026-07-01T05:00:00Z') },
  );
  await answerQuestion(store, q2, official, 'The deputy akim.', { now: new Date('2026-09-01T05:00:00Z') });
  const rec = (await listRecommendations(store))[0]!;
  await recordImpact(
    store,
    {
      subject: { kind: 'recommendation', itemId: rec.itemId, id: rec.id, sessionId: rec.sessionId },
      kind: 'money_recovered',
      amountKzt: '4200000.50',
      bodyId: rec.bodyId,
      description: { kk: 'Қайтарылды', ru: 'Возвращено в бюджет' },
      source: { title: 'Платёжное поручение № 311' },
      on: '2026-09-05',
    },
    { sub: 'rep-secretary', name: 'Secretary' },
    NOW,
  );
});
afterAll(() => store.raw.destroy());

const app = () => createApp({ store, auth: refuseTokens, now: () => NOW });
const report = async (period: string) => (await app().request(`/api/club/report?period=${period}`)).json();

describe('the club report', () => {
  it('counts the year as the records do: 5 sessions held, 15 questions considered', async () => {
    const r = await report('2026');
    const sessions = (await listSessions(store)).filter(
      (s) => isHeld(s.status) && s.startsAt.startsWith('2026'),
    );
    const heldIds = new Set(sessions.map((s) => s.id));
    const recs = (await listRecommendations(store)).filter((x) => heldIds.has(x.sessionId));
    expect(r.figures.sessionsHeld).toBe(5);
    expect(r.figures.questionsConsidered).toBe(15);
    expect(r.figures.sessionsHeld).toBe(sessions.length);
    expect(r.figures.questionsConsidered).toBe(sessions.reduce((n, s) => n + s.entries.length, 0));
    expect(r.figures.recommendationsMade).toBe(recs.length);
    expect(r.figures.recommendationsDone).toBe(recs.filter((x) => x.status === 'done').length);
    expect(r.figures.recommendationsOverdue).toBe(
      recs.filter((x) => x.status === 'open' && x.due < '2026-11-28').length,
    );
    expect(r.figures.moneyRecoveredKzt).toBe('4200000.50');
    expect(r.figures.moneyConfirmedKzt).toBe('0.00');
    expect(r.chainHead).toEqual(await readHead(store));
  });

  it('counts a quarter’s own sessions and its answers on time and late', async () => {
    const r = await report('2026-Q3');
    expect(r).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
    // Demo sessions on 16 July, 20 August and 17 September, three questions each.
    expect(r.figures).toMatchObject({ sessionsHeld: 3, questionsConsidered: 9 });
    expect(r.figures).toMatchObject({ answersGiven: 2, answersOnTime: 1, answersLate: 1 });
    expect((await report('2026-Q4')).figures.moneyRecoveredKzt).toBe('0.00');
  });

  it('ranks the flags on the items the held sessions considered, each item once per flag', async () => {
    const r = await report('2026');
    const considered = new Set(
      (await listSessions(store))
        .filter((s) => isHeld(s.status) && s.startsAt.startsWith('2026'))
        .flatMap((s) => s.entries.map((e) => e.itemId)),
    );
    const index = new Map(items.map((i, n) => [i.id, n]));
    const count = (pick: (n: number) => boolean) =>
      [...considered].filter((id) => pick(index.get(id)!)).length;
    const expected = [
      { code: 'R-SINGLE-BID', items: count((n) => n % 3 === 0) },
      { code: 'R-STALE', items: count((n) => n % 4 === 0) },
    ]
      .filter((f) => f.items > 0)
      .sort((a, b) => b.items - a.items);
    expect(expected.length).toBeGreaterThan(0);
    expect(r.topFlags).toEqual(expected);
  });

  it('gives the same figures as CSV, with the chain head', async () => {
    const res = await app().request('/api/club/report.csv?period=2026');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = new Map(
      (await res.text())
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',') as [string, string]),
    );
    expect(rows.get('sessionsHeld')).toBe('5');
    expect(rows.get('questionsConsidered')).toBe('15');
    expect(rows.get('chainHeadHash')).toBe((await readHead(store))!.hash);
    const json = await report('2026');
    for (const f of json.topFlags) expect(rows.get(`flag:${f.code}`)).toBe(String(f.items));
    expect((await app().request('/api/club/report?period=2026-Q5')).status).toBe(400);
  });
});
