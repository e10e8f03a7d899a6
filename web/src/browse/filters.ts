/**
 * Which feed items are shown for the current filters, in which order, and what they add up to.
 * Runs in the browser on the compact map feed, so filtering 100,000 items needs no request.
 */
import { ITEM_STATUSES } from '../../../shared/categories';
import { EXECUTION_STATES, type ExecutionState } from '../../../shared/execution';
import type { FeedFeature, FeedProperties } from '../../../shared/feed';
import type { BrowseState, Filters } from './urlState';

/** `searchIds` are the ids matching the text query (null when there is none). */
export function matchesFilters(
  p: FeedProperties,
  f: Filters,
  searchIds: ReadonlySet<string> | null,
): boolean {
  if (f.areas.length && !f.areas.includes(p.a)) return false;
  if (f.categories.length && !f.categories.includes(p.c)) return false;
  if (f.statuses.length && !f.statuses.includes(p.s)) return false;
  if (f.states.length && !f.states.includes(p.x)) return false;
  if (f.years.length && !f.years.includes(p.y)) return false;
  if (f.bodies.length && !f.bodies.includes(p.b)) return false;
  if (f.minAmount !== null && p.p < f.minAmount) return false;
  if (f.maxAmount !== null && p.p > f.maxAmount) return false;
  if (f.overdue && p.o !== 1) return false;
  if (f.flags.length) {
    const fl = p.f ?? [];
    if (!(f.flags.includes('any') ? fl.length > 0 : fl.some((c) => f.flags.includes(c)))) return false;
  }
  if (searchIds && !searchIds.has(p.id)) return false;
  return true;
}

export function filterFeed(
  features: readonly FeedFeature[],
  f: Filters,
  searchIds: ReadonlySet<string> | null,
): FeedFeature[] {
  return features.filter((feature) => matchesFilters(feature.properties, f, searchIds));
}

/**
 * Flags the features of `ids` as overdue (`o: 1`), in place: the overdue list comes from its own
 * small request after the feed, so the feed snapshot needs no rebuild when a question turns late.
 */
export function markOverdue(features: readonly FeedFeature[], ids: ReadonlySet<string>): void {
  for (const { properties: p } of features) if (ids.has(p.id)) p.o = 1;
}

export interface ShownSummary {
  count: number;
  /** Sum of planned amounts in whole KZT, as the feed carries them (exact integers, summed as bigint). */
  plannedKzt: bigint;
  byState: Record<ExecutionState, number>;
}

export function summarize(features: readonly FeedFeature[]): ShownSummary {
  const byState = Object.fromEntries(EXECUTION_STATES.map((s) => [s, 0])) as Record<ExecutionState, number>;
  let planned = 0n;
  for (const { properties: p } of features) {
    planned += BigInt(Math.round(p.p));
    byState[p.x] += 1;
  }
  return { count: features.length, plannedKzt: planned, byState };
}

/** Distinct fiscal years and body ids in the feed, for the filter choices. */
export function feedFacets(features: readonly FeedFeature[]): { years: number[]; bodies: string[] } {
  const years = new Set<number>();
  const bodies = new Set<string>();
  for (const { properties: p } of features) {
    years.add(p.y);
    bodies.add(p.b);
  }
  return { years: [...years].sort((a, b) => b - a), bodies: [...bodies].sort() };
}

/**
 * Orders items for the list. Ties keep a stable order by id so pages never shuffle.
 * `areaName` sorts areas by the name the visitor reads, not by code.
 */
export function sortFeatures(
  features: readonly FeedFeature[],
  sort: BrowseState['sort'],
  areaName: (code: FeedProperties['a']) => string,
  locale: string,
): FeedFeature[] {
  const collator = new Intl.Collator(locale);
  const sign = sort.dir === 'asc' ? 1 : -1;
  const compare = (a: FeedProperties, b: FeedProperties): number => {
    switch (sort.key) {
      case 'amount':
        return a.p - b.p;
      case 'execution':
        return a.e - b.e;
      case 'area':
        return collator.compare(areaName(a.a), areaName(b.a));
      case 'status':
        return ITEM_STATUSES.indexOf(a.s) - ITEM_STATUSES.indexOf(b.s);
    }
  };
  return [...features].sort(
    (x, y) =>
      sign * compare(x.properties, y.properties) ||
      (x.properties.id < y.properties.id ? -1 : x.properties.id > y.properties.id ? 1 : 0),
  );
}

export const PAGE_SIZE = 25;

export function pageOf<T>(rows: readonly T[], page: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE), page: current, pages };
}
