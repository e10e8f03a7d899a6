/** Totals of planned, contracted and spent money, overall and by area and category, as exact sums. */
import type { AreaCode } from '../../shared/areas';
import type { Category } from '../../shared/categories';
import { fromTiyn } from '../../shared/money';
import type { IndexedRecord } from './records';

export interface Totals {
  count: number;
  planned: string;
  contracted: string;
  spent: string;
}

export interface ItemStats {
  totals: Totals;
  /** Items with at least one risk flag (issue 18: flag counts in the stats strip). */
  flagged: number;
  byArea: Array<Totals & { area: AreaCode }>;
  byCategory: Array<Totals & { category: Category }>;
}

interface Sum {
  count: number;
  planned: bigint;
  contracted: bigint;
  spent: bigint;
}

const zero = (): Sum => ({ count: 0, planned: 0n, contracted: 0n, spent: 0n });

function add(sum: Sum, r: IndexedRecord) {
  sum.count++;
  sum.planned += BigInt(r.p);
  sum.contracted += BigInt(r.k);
  sum.spent += BigInt(r.sp);
}

const toTotals = (s: Sum): Totals => ({
  count: s.count,
  planned: fromTiyn(s.planned),
  contracted: fromTiyn(s.contracted),
  spent: fromTiyn(s.spent),
});

export function sumStats(records: Iterable<IndexedRecord>): ItemStats {
  const total = zero();
  const areas = new Map<AreaCode, Sum>();
  const categories = new Map<Category, Sum>();
  let flagged = 0;
  for (const r of records) {
    add(total, r);
    if (r.fl?.length) flagged++;
    if (!areas.has(r.a)) areas.set(r.a, zero());
    add(areas.get(r.a)!, r);
    if (!categories.has(r.c)) categories.set(r.c, zero());
    add(categories.get(r.c)!, r);
  }
  return {
    totals: toTotals(total),
    flagged,
    byArea: [...areas]
      .map(([area, s]) => ({ area, ...toTotals(s) }))
      .sort((x, y) => x.area.localeCompare(y.area)),
    byCategory: [...categories]
      .map(([category, s]) => ({ category, ...toTotals(s) }))
      .sort((x, y) => x.category.localeCompare(y.category)),
  };
}
