/** What the browse screens load from the API. */
import type { AreaCode } from '../../../shared/areas';
import type { Category } from '../../../shared/categories';
import type { FeedFeature, MapFeed, ShapeFeature } from '../../../shared/feed';
import type { ItemView } from '../../../shared/item';
import { api } from '../api';
import { call, client } from '../api/client';
import { API_PARAM_NAMES, type Filters, filterParams } from './urlState';

export async function loadFeed(): Promise<FeedFeature[]> {
  // Casts: [lon, lat] pairs are tuples in the document, which openapi-typescript 6 types as number[].
  return ((await call(client.GET('/api/map/items'))) as MapFeed).features;
}

/** Ids of items with a question past its legal due date today (the map's overdue badge). */
export async function loadOverdueIds(): Promise<Set<string>> {
  return new Set((await call(client.GET('/api/map/overdue'))).ids);
}

export async function loadShapes(): Promise<ShapeFeature[]> {
  return ((await call(client.GET('/api/map/shapes'))) as { features: ShapeFeature[] }).features;
}

/** Ids of the items whose titles match `q` (the search index behind `GET /api/items?q=`). */
export async function searchItemIds(q: string, maxPages = 10): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const query = { q, limit: 200, ...(cursor ? { cursor } : {}) };
    const res = await call(client.GET('/api/items', { params: { query } }));
    for (const item of res.items) ids.add(item.id);
    // The page's cursor is `next` (the hand-written type said `nextCursor`: search read one page only).
    cursor = res.next;
    if (!cursor) break;
  }
  return ids;
}

/** Full rows for up to 200 ids (one page of the list, or one item per body for the body names). */
export async function loadItemsByIds(ids: string[]): Promise<ItemView[]> {
  if (ids.length === 0) return [];
  const query = { ids: ids.join(','), limit: Math.min(200, ids.length) };
  return (await call(client.GET('/api/items', { params: { query } }))).items as ItemView[];
}

export function loadItem(id: string): Promise<ItemView> {
  return call(client.GET('/api/items/{id}', { params: { path: { id } } })) as Promise<ItemView>;
}

export interface Totals {
  count: number;
  planned: string;
  contracted: string;
  spent: string;
}
export interface Stats {
  totals: Totals;
  /** Items with at least one risk flag. */
  flagged: number;
  byArea: (Totals & { key: AreaCode })[];
  byCategory: (Totals & { key: Category })[];
}

/**
 * The query for `/api/stats` (shared/stats-filters.ts): every active filter, lists comma-joined, so
 * the totals describe exactly the items the map and list show.
 */
export function statsQuery(f: Filters): string {
  return filterParams(f, API_PARAM_NAMES).toString().replaceAll('%2C', ',');
}

type RawTotals = Partial<Record<keyof Totals, unknown>> & Record<string, unknown>;

function totalsOf(raw: RawTotals | undefined): Totals {
  const money = (v: unknown) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? v : '0');
  return {
    count: Number(raw?.count ?? raw?.items ?? 0),
    planned: money(raw?.planned),
    contracted: money(raw?.contracted),
    spent: money(raw?.spent),
  };
}

/** Groups arrive as an array of rows or as a record keyed by code; either becomes rows. */
function groupsOf<K extends string>(raw: unknown, keyField: string): (Totals & { key: K })[] {
  if (Array.isArray(raw)) {
    return raw.map((r: RawTotals) => ({ key: String(r[keyField] ?? r.key ?? r.code) as K, ...totalsOf(r) }));
  }
  if (raw && typeof raw === 'object') {
    return Object.entries(raw as Record<string, RawTotals>).map(([key, r]) => ({
      key: key as K,
      ...totalsOf(r),
    }));
  }
  return [];
}

export async function loadStats(f: Filters): Promise<Stats> {
  // The map shows nothing for an empty amount range; the API would refuse it (400), not total it.
  if (f.minAmount !== null && f.maxAmount !== null && f.minAmount > f.maxAmount) {
    return { totals: totalsOf(undefined), flagged: 0, byArea: [], byCategory: [] };
  }
  const query = statsQuery(f);
  const raw = await api<Record<string, unknown>>(`/api/stats${query ? `?${query}` : ''}`);
  return {
    totals: totalsOf((raw.totals ?? raw.total) as RawTotals),
    flagged: Number(raw.flagged ?? 0),
    byArea: groupsOf<AreaCode>(raw.byArea, 'area'),
    byCategory: groupsOf<Category>(raw.byCategory, 'category'),
  };
}
