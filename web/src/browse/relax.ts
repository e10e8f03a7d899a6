/**
 * The list's zero-result state: which one filter, dropped, would bring items back, and how many.
 * Counted on the map feed already in the browser (the text query's ids come from the search).
 */
import type { FeedFeature } from '../../../shared/feed';
import { matchesFilters } from './filters';
import type { Filters } from './urlState';

/** A filter the visitor can relax, with the label key it has in the filter bar. */
export type RelaxableFilter =
  | 'areas'
  | 'categories'
  | 'statuses'
  | 'states'
  | 'years'
  | 'bodies'
  | 'amount'
  | 'overdue'
  | 'flags'
  | 'q';

export interface RelaxHint {
  filter: RelaxableFilter;
  /** Items shown with this filter cleared and every other one kept. */
  count: number;
}

/** The filter without `filter` (null when it is not set). */
function without(f: Filters, filter: RelaxableFilter): Filters | null {
  switch (filter) {
    case 'amount':
      return f.minAmount === null && f.maxAmount === null ? null : { ...f, minAmount: null, maxAmount: null };
    case 'overdue':
      return f.overdue ? { ...f, overdue: false } : null;
    case 'q':
      return f.q ? { ...f, q: '' } : null;
    default:
      return f[filter].length ? { ...f, [filter]: [] } : null;
  }
}

const RELAXABLE: readonly RelaxableFilter[] = [
  'q',
  'areas',
  'categories',
  'statuses',
  'states',
  'years',
  'bodies',
  'amount',
  'overdue',
  'flags',
];

/** For each set filter whose removal alone would show items: the count, most items first. */
export function relaxHints(
  features: readonly FeedFeature[],
  f: Filters,
  searchIds: ReadonlySet<string> | null,
): RelaxHint[] {
  const hints: RelaxHint[] = [];
  for (const filter of RELAXABLE) {
    const relaxed = without(f, filter);
    if (!relaxed) continue;
    const ids = relaxed.q ? searchIds : null;
    let count = 0;
    for (const { properties } of features) if (matchesFilters(properties, relaxed, ids)) count++;
    if (count > 0) hints.push({ filter, count });
  }
  return hints.sort((a, b) => b.count - a.count);
}

/** The message key naming each filter (the filter bar's own labels, and two of this state's). */
export const RELAX_LABEL: Readonly<Record<RelaxableFilter, string>> = {
  q: 'relax.text',
  areas: 'filters.area',
  categories: 'filters.category',
  statuses: 'filters.status',
  states: 'filters.execution',
  years: 'filters.year',
  bodies: 'filters.body',
  amount: 'relax.amount',
  overdue: 'filters.overdue',
  flags: 'integrity.filter',
};
