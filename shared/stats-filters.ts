/**
 * The one filter model (issue 14, Deliver 3) of the map, the list, the stats (`GET /api/stats`),
 * the item pages (`GET /api/items`) and the exports: every filter the map applies, so each of them
 * describes exactly the pins on screen. The map lets a visitor tick several areas, categories, … at
 * once, so each of those is a comma-separated list ("area=taraz,merki"); a record matches a list
 * when it has any value of it, and the filters combine with AND. `singleValued` says when the
 * filters fit the item list's index queries (one value each, `item-filters.ts`); the others are
 * answered from the search index, as the stats are (test/integration/filters-agree.test.ts).
 */
import type { AreaCode } from './areas';
import type { Category, ItemStatus } from './categories';
import type { ExecutionState } from './execution';
import { type ItemFilterQuery, type ItemFilters, type PageQuery, parseItemFilters } from './item-filters';
import type { Flat } from './types';

/** More values than any list the map offers, small enough to keep a query cheap. */
export const MAX_LIST_VALUES = 200;

export const commaList = (value: string) => `^(?:${value})(?:,(?:${value}))*$`;

export type StatsQuery = Flat<
  Pick<ItemFilterQuery, 'bbox' | 'q' | 'ids' | 'contractor'> & {
    area?: string | undefined;
    category?: string | undefined;
    status?: string | undefined;
    state?: string | undefined;
    year?: string | undefined;
    body?: string | undefined;
    minAmount?: string | undefined;
    maxAmount?: string | undefined;
    overdue?: '1' | undefined;
    flag?: string | undefined;
  }
>;

/** `GET /api/items`: the same filters, a page at a time. */
export type FilterListQuery = Flat<StatsQuery & PageQuery>;

export interface StatsFilters extends Pick<ItemFilters, 'bbox' | 'q' | 'ids' | 'contractor'> {
  areas?: AreaCode[];
  categories?: Category[];
  statuses?: ItemStatus[];
  states?: ExecutionState[];
  years?: number[];
  bodies?: string[];
  /** Planned amount range in whole KZT, inclusive. */
  minKzt?: bigint;
  maxKzt?: bigint;
  overdue?: boolean;
  /** Risk flag codes, or `any`; an item matches one of them. */
  flags?: string[];
}

const values = (v: string) => [...new Set(v.split(','))];

/** Typed filters from a validated query; lists lose repeated values, absent filters stay absent. */
export function parseStatsFilters(q: StatsQuery): StatsFilters {
  const f: StatsFilters = parseItemFilters({ bbox: q.bbox, q: q.q, ids: q.ids, contractor: q.contractor });
  if (q.area) f.areas = values(q.area) as AreaCode[];
  if (q.category) f.categories = values(q.category) as Category[];
  if (q.status) f.statuses = values(q.status) as ItemStatus[];
  if (q.state) f.states = values(q.state) as ExecutionState[];
  if (q.year) f.years = values(q.year).map(Number);
  if (q.body) f.bodies = values(q.body);
  if (q.minAmount !== undefined) f.minKzt = BigInt(q.minAmount);
  if (q.maxAmount !== undefined) f.maxKzt = BigInt(q.maxAmount);
  if (q.overdue) f.overdue = true;
  if (q.flag) f.flags = values(q.flag);
  return f;
}

/**
 * The same filters with one value each, as the item list's index queries take them (`item-filters.ts`),
 * or null when they need the search index: several values in a list, an amount range, execution
 * states, overdue questions or risk flags.
 */
export function singleValued(f: StatsFilters): ItemFilters | null {
  const lists = [f.areas, f.categories, f.statuses, f.years, f.bodies];
  if (lists.some((l) => l && l.length > 1)) return null;
  if (f.minKzt !== undefined || f.maxKzt !== undefined || f.states || f.overdue || f.flags) return null;
  const out: ItemFilters = {};
  if (f.bbox) out.bbox = f.bbox;
  if (f.q) out.q = f.q;
  if (f.ids) out.ids = f.ids;
  if (f.contractor) out.contractor = f.contractor;
  if (f.areas?.[0]) out.area = f.areas[0];
  if (f.categories?.[0]) out.category = f.categories[0];
  if (f.statuses?.[0]) out.status = f.statuses[0];
  if (f.years?.[0] !== undefined) out.year = f.years[0];
  if (f.bodies?.[0]) out.body = f.bodies[0];
  return out;
}
