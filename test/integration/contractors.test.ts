import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { fromTiyn, toTiyn } from '../../shared/money';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

// Valid control digits (shared/bin.ts): a resident entity and another one.
const BIN = '080540001238';
const OTHER = '123456789013';

let store: Store;
const app = () => createApp({ store, auth: refuseTokens, now: () => new Date('2026-07-01T06:00:00Z') });

const mine = [
  sampleItem({
    contractor: { name: 'ТОО «Жол»', bin: BIN },
    amounts: { planned: '1000.00', contracted: '600.10', spent: '100.00' },
  }),
  sampleItem({
    contractor: { name: 'ТОО «Жол»', bin: BIN },
    amounts: { planned: '900.00', contracted: '300.25', spent: '300.25' },
    fiscalYear: 2025,
    status: 'completed',
    period: { start: '2025-01-01', end: '2025-12-31' },
  }),
  // Past its period and not completed on 1 July 2026: late.
  sampleItem({
    contractor: { name: 'ТОО «Жол»', bin: BIN },
    area: 'merki',
    amounts: { planned: '500.00', contracted: '400.00', spent: '10.00' },
    period: { start: '2026-01-01', end: '2026-05-31' },
  }),
];
const others = [
  sampleItem({
    contractor: { name: 'ТОО «Басқа»', bin: OTHER },
    amounts: { planned: '500.00', contracted: '399.90', spent: '0.00' },
  }),
  sampleItem({ amounts: { planned: '500.00', contracted: '0.00', spent: '0.00' } }),
];

beforeAll(async () => {
  store = await createTestStore('contractors');
  for (const i of [...mine, ...others]) await putItem(store, i);
});
afterAll(() => store.raw.destroy());

describe('GET /api/contractors/{bin}', () => {
  it('totals equal the sum of the contractor’s items, in total and by year', async () => {
    const res = await app().request(`/api/contractors/${BIN}`);
    expect(res.status).toBe(200);
    const p = await res.json();
    const sum = (k: 'contracted' | 'spent') => fromTiyn(mine.reduce((s, i) => s + toTiyn(i.amounts[k]), 0n));
    expect(p.totals).toEqual({ count: 3, contracted: sum('contracted'), spent: sum('spent') });
    expect(p.contracts.map((c: { id: string }) => c.id).sort()).toEqual(mine.map((i) => i.id).sort());
    const byYear = p.byYear.reduce((s: bigint, y: { contracted: string }) => s + toTiyn(y.contracted), 0n);
    expect(fromTiyn(byYear)).toBe(sum('contracted'));
  });

  it('gives its share of each body’s contracted value in the same years', async () => {
    const p = await (await app().request(`/api/contractors/${BIN}`)).json();
    // zha-roads contracted 600.10 + 300.25 + 400.00 (mine) + 399.90 (other) + 0 in 2025–2026.
    expect(p.bodies).toEqual([
      { id: 'zha-roads', count: 3, contracted: '1300.35', totalContracted: '1700.25', sharePercent: 76.4 },
    ]);
    expect(p.areas.find((a: { id: string }) => a.id === 'merki')).toMatchObject({ sharePercent: 100 });
  });

  it('counts its late items among those still open', async () => {
    const p = await (await app().request(`/api/contractors/${BIN}`)).json();
    expect(p.lateness).toEqual({ late: 1, open: 2, latePercent: 50 });
  });

  it('refuses a BIN whose control digit is wrong with 400 naming `bin`', async () => {
    const res = await app().request('/api/contractors/080540001239');
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatchObject({ field: 'bin' });
  });

  it('answers 404 for a valid BIN with no contract', async () => {
    expect((await app().request('/api/contractors/987654321090')).status).toBe(404);
  });
});

describe('GET /api/items?contractor=', () => {
  it('lists exactly the contractor’s items', async () => {
    const res = await app().request(`/api/items?contractor=${BIN}`);
    expect(res.status).toBe(200);
    const ids = (await res.json()).items.map((i: { id: string }) => i.id).sort();
    expect(ids).toEqual(mine.map((i) => i.id).sort());
  });
  it('refuses a bad BIN with 400', async () => {
    expect((await app().request('/api/items?contractor=123456789012')).status).toBe(400);
  });
});
