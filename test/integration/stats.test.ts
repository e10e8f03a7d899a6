import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { type LocalFeed, startLocalFeed } from '../../functions/feed/local';
import { refuseTokens, sampleItem } from '../support/fixtures';
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

const app = () => createApp({ store, auth: refuseTokens, now: () => new Date(), feed: feed.reader });

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
