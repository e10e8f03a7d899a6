import ngeohash from 'ngeohash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { CELL_PRECISION, putItem } from '../../functions/data/items';
import { type LocalFeed, startLocalFeed } from '../../functions/feed/local';
import type { Item } from '../../shared/item';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

let store: Store;
let feed: LocalFeed;

// A geohash cell edge in Taraz: items just either side of it, and some further away in the same cells.
const [, , , edgeLon] = ngeohash.decode_bbox(ngeohash.encode(42.9, 71.37, CELL_PRECISION));
const at = (lon: number, lat = 42.9): Item['location'] => ({ point: [lon, lat] });

const items = {
  westOfEdge: sampleItem({ location: at(edgeLon - 0.0005) }),
  eastOfEdge: sampleItem({ location: at(edgeLon + 0.0005), category: 'education' }),
  farWest: sampleItem({ location: at(edgeLon - 0.02) }),
  farEast: sampleItem({ location: at(edgeLon + 0.02) }),
  merkiSchool: sampleItem({
    area: 'merki',
    category: 'education',
    status: 'completed',
    fiscalYear: 2025,
    body: { id: 'merki-akimat', name: { ru: 'Акимат Меркенского района' } },
    title: { kk: 'Мектеп жөндеу', ru: 'Ремонт школы в Мерке', en: 'School repair' },
    location: at(73.2, 42.98),
  }),
  merkiRoad: sampleItem({
    area: 'merki',
    fiscalYear: 2025,
    status: 'planned',
    title: { ru: 'ТАРАЗСКАЯ трасса, участок Ёлкино' },
    location: at(73.21, 42.97),
  }),
  shuClinic: sampleItem({
    area: 'shu',
    category: 'health',
    status: 'suspended',
    body: { id: 'zha-health', name: { en: 'Health department' } },
    title: { kk: 'Емхана', ru: 'Поликлиника', en: 'Clinic in Tole Bi' },
    location: at(73.5, 43.75),
  }),
  tarazPark: sampleItem({
    category: 'culture_sport',
    fiscalYear: 2027,
    title: { kk: 'Тараз саябағы', ru: 'Парк в Таразе' },
    location: at(71.4, 42.88),
  }),
};
const all = Object.values(items);

beforeAll(async () => {
  store = await createTestStore('items-list');
  await Promise.all(all.map((i) => putItem(store, i)));
  feed = await startLocalFeed({ store, pollMs: 0 });
});
afterAll(async () => {
  await feed.stop();
  store.raw.destroy();
});

const app = () =>
  createApp({ store, auth: refuseTokens, now: () => new Date('2026-07-01T06:00:00Z'), feed: feed.reader });

interface Page {
  items: Array<{ id: string; amounts: Item['amounts'] }>;
  next?: string;
}

async function list(query: string): Promise<Page> {
  const res = await app().request(`/api/items?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

/** Follows cursors to the end; returns every id seen, in order. */
async function listAll(query: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...page.items.map((i) => i.id));
    cursor = page.next;
    if (!cursor) return seen;
  }
  throw new Error('cursor loop did not end');
}

const ids = (...xs: Item[]) => xs.map((x) => x.id).sort();
const sorted = (xs: string[]) => [...xs].sort();

async function problem(query: string) {
  const res = await app().request(`/api/items?${query}`);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return { status: res.status, body: (await res.json()) as { errors: Array<{ field: string }> } };
}

describe('GET /api/items filters', () => {
  it('area returns only the items of that area', async () => {
    expect(sorted(await listAll('area=merki'))).toEqual(ids(items.merkiSchool, items.merkiRoad));
  });

  it('category returns only the items of that category', async () => {
    expect(sorted(await listAll('category=education'))).toEqual(ids(items.eastOfEdge, items.merkiSchool));
  });

  it('status returns only the items with that status', async () => {
    expect(sorted(await listAll('status=suspended'))).toEqual(ids(items.shuClinic));
  });

  it('year returns only the items of that fiscal year', async () => {
    expect(sorted(await listAll('year=2025'))).toEqual(ids(items.merkiSchool, items.merkiRoad));
  });

  it('body returns only the items of that responsible body', async () => {
    expect(sorted(await listAll('body=zha-health'))).toEqual(ids(items.shuClinic));
  });

  it('combined filters all apply (area + year + category)', async () => {
    expect(await listAll('area=merki&year=2025&category=education')).toEqual([items.merkiSchool.id]);
  });

  it('body with year narrows by the year in the sort key', async () => {
    expect(sorted(await listAll('body=zha-roads&year=2027'))).toEqual(ids(items.tarazPark));
  });

  it('bbox across a cell edge returns the items on both sides and nothing outside the box', async () => {
    const cellOf = (i: Item) => ngeohash.encode(i.location.point[1], i.location.point[0], CELL_PRECISION);
    expect(cellOf(items.westOfEdge)).not.toBe(cellOf(items.eastOfEdge));
    const bbox = [edgeLon - 0.001, 42.89, edgeLon + 0.001, 42.91].join(',');
    expect(sorted(await listAll(`bbox=${bbox}`))).toEqual(ids(items.westOfEdge, items.eastOfEdge));
  });

  it('bbox combines with other filters', async () => {
    const bbox = [edgeLon - 0.001, 42.89, edgeLon + 0.001, 42.91].join(',');
    expect(await listAll(`bbox=${bbox}&category=education`)).toEqual([items.eastOfEdge.id]);
  });

  it('ids fetches exactly those items, in the order asked, skipping unknown ones', async () => {
    const page = await list(`ids=${items.shuClinic.id},01HZZZZZZZZZZZZZZZZZZZZZZZ,${items.farWest.id}`);
    expect(page.items.map((i) => i.id)).toEqual([items.shuClinic.id, items.farWest.id]);
    expect(page.items[0]?.amounts).toEqual(items.shuClinic.amounts);
  });
});

describe('GET /api/items text search', () => {
  it('"ТАРАЗ" finds "Тараз" case-insensitively', async () => {
    expect(await listAll('q=ТАРАЗ')).toContain(items.tarazPark.id);
  });

  it('"жол" finds "Жол жөндеу" by word prefix', async () => {
    const found = await listAll(`q=${encodeURIComponent('жол')}`);
    expect(found).toContain(items.westOfEdge.id);
    expect(found).not.toContain(items.shuClinic.id);
  });

  it('folds ё into е ("елкино" finds "Ёлкино")', async () => {
    expect(await listAll(`q=${encodeURIComponent('елкино')}`)).toEqual([items.merkiRoad.id]);
  });

  it('every word must prefix-match a title word ("school merk" finds nothing, "школы мерк" finds it)', async () => {
    expect(await listAll('q=school%20merk')).toEqual([]);
    expect(await listAll(`q=${encodeURIComponent('школы мерк')}`)).toEqual([items.merkiSchool.id]);
  });

  it('combines with filters and pages with cursors', async () => {
    const found = await listAll(`q=${encodeURIComponent('жол')}&area=taraz&limit=1`);
    expect(sorted(found)).toEqual(ids(items.westOfEdge, items.eastOfEdge, items.farWest, items.farEast));
  });
});

describe('GET /api/items pagination', () => {
  it('visits every item exactly once with cursors (no filter, limit 3)', async () => {
    const seen = await listAll('limit=3');
    expect(seen).toHaveLength(all.length);
    expect(sorted(seen)).toEqual(ids(...all));
  });

  it('visits every item in a multi-cell bbox exactly once (limit 1)', async () => {
    const bbox = [edgeLon - 0.03, 42.85, edgeLon + 0.05, 42.95].join(',');
    const seen = await listAll(`bbox=${bbox}&limit=1`);
    expect(seen).toHaveLength(5);
    expect(sorted(seen)).toEqual(
      ids(items.westOfEdge, items.eastOfEdge, items.farWest, items.farEast, items.tarazPark),
    );
  });

  it('pages through a filtered index query without losing items (area + category, limit 1)', async () => {
    expect(sorted(await listAll('area=taraz&category=roads&limit=1'))).toEqual(
      ids(items.westOfEdge, items.farWest, items.farEast),
    );
  });

  it('returns at most `limit` items with a cursor to the rest', async () => {
    const page = await list('limit=2');
    expect(page.items).toHaveLength(2);
    expect(page.next).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('GET /api/items bad input', () => {
  it.each([
    ['bbox=1,2,3', 'bbox'],
    ['bbox=72,43,71,44', 'bbox'],
    ['bbox=68,40,76,46', 'bbox'],
    ['area=mars', 'area'],
    ['category=weapons', 'category'],
    ['status=lost', 'status'],
    ['year=19', 'year'],
    ['body=Not%20A%20Body', 'body'],
    ['limit=201', 'limit'],
    ['limit=0', 'limit'],
    ['ids=123,abc', 'ids'],
    ['cursor=!!!', 'cursor'],
    ['cursor=eyJmb28iOjF9', 'cursor'],
  ])('%s → 400 naming %s', async (query, field) => {
    const { status, body } = await problem(query);
    expect(status).toBe(400);
    expect(body.errors.map((e) => e.field)).toContain(field);
  });

  it('more than 200 ids → 400 naming ids', async () => {
    const many = Array.from(
      { length: 201 },
      (_, i) => `01HZZZZZZZZZZZZZZZZZZZZ${String(i).padStart(3, '0')}`,
    );
    const { status, body } = await problem(`ids=${many.join(',')}`);
    expect(status).toBe(400);
    expect(body.errors[0]?.field).toBe('ids');
  });

  it('a cursor made for other filters → 400 naming cursor', async () => {
    const page = await list('limit=1');
    const { status, body } = await problem(`area=merki&cursor=${page.next}`);
    expect(status).toBe(400);
    expect(body.errors[0]?.field).toBe('cursor');
  });

  it('a cursor with a forged start key → 400, not a storage error', async () => {
    const page = await list('limit=1');
    const state = JSON.parse(Buffer.from(page.next!, 'base64url').toString());
    state.k = { pk: 'BODY#x', sk: 'BODY', gsi7pk: 'KIND#BODY', gsi7sk: 'x' };
    const forged = Buffer.from(JSON.stringify(state)).toString('base64url');
    const { status, body } = await problem(`cursor=${forged}`);
    expect(status).toBe(400);
    expect(body.errors[0]?.field).toBe('cursor');
  });
});
