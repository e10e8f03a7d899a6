import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { type LocalFeed, startLocalFeed } from '../../functions/feed/local';
import { answerQuestion, raiseQuestion } from '../../functions/services/questions';
import type { AreaCode } from '../../shared/areas';
import type { MapFeed } from '../../shared/feed';
import type { Item } from '../../shared/item';
import { statsQuery } from '../../web/src/browse/data';
import { filterFeed, markOverdue } from '../../web/src/browse/filters';
import { emptyFilters, type Filters } from '../../web/src/browse/urlState';
import { user } from '../support/auth';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

let store: Store;
let feed: LocalFeed;

// Amounts chosen so a float sum would show: 0.1 + 0.2 style tiyn, and totals past 2^53 tiyn.
const big = '50000000000000.01';
const items = [
  sampleItem({ amounts: { planned: '0.10', contracted: '0.20', spent: '0.30' } }),
  sampleItem({ amounts: { planned: '0.20', contracted: '0.10', spent: '0.01' }, category: 'health' }),
  sampleItem({ area: 'merki', amounts: { planned: big, contracted: big, spent: '1.99' } }),
  sampleItem({ area: 'merki', fiscalYear: 2025, amounts: { planned: big, contracted: '0', spent: '0' } }),
];

beforeAll(async () => {
  store = await createTestStore('stats');
  feed = await startLocalFeed({ store, pollMs: 0 });
  await Promise.all(items.map((i) => putItem(store, i)));
  await feed.refresh();
});
afterAll(async () => {
  await feed.stop();
  store.raw.destroy();
});

const app = () => keyed(createApp({ store, auth: refuseTokens, now: () => new Date(), feed: feed.reader }));

async function stats(query = '') {
  const res = await app().request(`/api/stats${query}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe('GET /api/stats', () => {
  it('sums planned, contracted and spent exactly, as KZT strings, with counts', async () => {
    const body = await stats();
    expect(body.totals).toEqual({
      count: 4,
      planned: '100000000000000.32',
      contracted: '50000000000000.31',
      spent: '2.30',
    });
    // No flag job ran and no item's own data fires a flag here.
    expect(body.flagged).toBe(0);
  });

  it('splits the totals by area and by category', async () => {
    const body = await stats();
    expect(body.byArea).toEqual([
      {
        area: 'merki',
        count: 2,
        planned: '100000000000000.02',
        contracted: '50000000000000.01',
        spent: '1.99',
      },
      { area: 'taraz', count: 2, planned: '0.30', contracted: '0.30', spent: '0.31' },
    ]);
    expect(body.byCategory).toEqual([
      { category: 'health', count: 1, planned: '0.20', contracted: '0.10', spent: '0.01' },
      {
        category: 'roads',
        count: 3,
        planned: '100000000000000.12',
        contracted: '50000000000000.21',
        spent: '2.29',
      },
    ]);
  });

  it('takes the item filters (area + year)', async () => {
    const body = await stats('?area=merki&year=2025');
    expect(body.totals).toEqual({ count: 1, planned: big, contracted: '0.00', spent: '0.00' });
  });

  it('rejects a bad filter with 400 naming it', async () => {
    const res = await app().request('/api/stats?status=lost');
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].field).toBe('status');
  });
});

/**
 * The map's filters on DynamoDB Local with an injected clock: several values per filter, the
 * execution state on the app's date, the planned amount range and the overdue questions.
 */
describe('GET /api/stats with the filters the map applies', () => {
  /** Almaty noon of a date, so the Almaty calendar date is that date. */
  const noonOf = (date: string) => new Date(`${date}T07:00:00Z`);
  const TODAY = '2026-07-01';
  let clock = noonOf(TODAY);
  let filterStore: Store;
  let filterFeed_: LocalFeed;

  const item = (area: AreaCode, planned: string, contracted: string, spent: string) =>
    sampleItem({ area, amounts: { planned, contracted, spent } });
  // On 2026-07-01 about half of each 2026 period has gone: spending far below half is lagging.
  const onTrackLow = item('taraz', '999.00', '999.00', '999.00');
  const laggingAtMin = item('taraz', '1000.00', '1000.00', '0.00');
  const onTrackAtMax = item('merki', '2000.00', '2000.00', '1000.00');
  const laggingHigh = item('merki', '2001.00', '2001.00', '100.00');
  const elsewhere = item('shu', '5000.00', '5000.00', '5000.00');
  const all = [onTrackLow, laggingAtMin, onTrackAtMax, laggingHigh, elsewhere];

  const asker = user('citizen', { sub: 'asker-1', name: 'Aigerim' });
  const official = user('official', { sub: 'roads-1', name: 'Roads Official', bodies: ['zha-roads'] });
  const ask = (i: Item) =>
    raiseQuestion(
      filterStore,
      i,
      asker,
      { text: 'When will the work resume?' },
      { now: noonOf('2026-05-04') },
    );

  beforeAll(async () => {
    filterStore = await createTestStore('stats-filters');
    filterFeed_ = await startLocalFeed({ store: filterStore, pollMs: 0, now: () => clock });
    await Promise.all(all.map((i) => putItem(filterStore, i)));
    // Overdue by 2026-07-01: onTrackAtMax and elsewhere; onTrackLow's question was answered in time.
    for (const late of [onTrackAtMax, elsewhere]) expect((await ask(late)).dueOn < TODAY).toBe(true);
    await answerQuestion(filterStore, await ask(onTrackLow), official, 'Resumes in June.', {
      now: noonOf('2026-05-05'),
    });
    await filterFeed_.refresh();
  });
  afterAll(async () => {
    await filterFeed_.stop();
    filterStore.raw.destroy();
  });

  const filterApp = () =>
    keyed(createApp({ store: filterStore, auth: refuseTokens, now: () => clock, feed: filterFeed_.reader }));

  async function totals(query: string) {
    const res = await filterApp().request(`/api/stats?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()).totals;
  }

  it('sums both of two areas', async () => {
    expect(await totals('area=taraz,merki')).toEqual({
      count: 4,
      planned: '6000.00',
      contracted: '6000.00',
      spent: '2099.00',
    });
  });

  it("counts only the items lagging on the app's date", async () => {
    clock = noonOf(TODAY);
    expect(await totals('state=lagging')).toEqual({
      count: 2,
      planned: '3001.00',
      contracted: '3001.00',
      spent: '100.00',
    });
  });

  it("judges the state on the app's date, not once for good", async () => {
    clock = noonOf('2026-01-10');
    try {
      expect((await totals('state=lagging')).count).toBe(0);
    } finally {
      clock = noonOf(TODAY);
    }
  });

  it('includes both bounds of an amount range exactly', async () => {
    expect(await totals('minAmount=1000&maxAmount=2000')).toEqual({
      count: 2,
      planned: '3000.00',
      contracted: '3000.00',
      spent: '1000.00',
    });
  });

  it('totals only items with an overdue question for overdue=1', async () => {
    expect(await totals('overdue=1')).toEqual({
      count: 2,
      planned: '7000.00',
      contracted: '7000.00',
      spent: '6000.00',
    });
  });

  it('rejects an unknown execution state with 400 naming `state`', async () => {
    const res = await filterApp().request('/api/stats?state=lagging,delayed');
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toMatch(/application\/problem\+json/);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual(['state']);
  });

  it('counts, for each filter the web sends, exactly the pins the map shows', async () => {
    const feed = (await (await filterApp().request('/api/map/items')).json()) as MapFeed;
    const overdue = (await (await filterApp().request('/api/map/overdue')).json()) as { ids: string[] };
    markOverdue(feed.features, new Set(overdue.ids));
    const cases: Partial<Filters>[] = [
      { areas: ['taraz', 'merki'] },
      { states: ['lagging', 'on_track'], areas: ['merki', 'shu'] },
      { minAmount: 1000 },
      { maxAmount: 2000, overdue: true },
      { overdue: true, states: ['on_track'], years: [2026, 2025], bodies: ['zha-roads'] },
    ];
    for (const c of cases) {
      const f = { ...emptyFilters(), ...c };
      const shown = filterFeed(feed.features, f, null);
      expect((await totals(statsQuery(f))).count, JSON.stringify(c)).toBe(shown.length);
    }
  });
});
