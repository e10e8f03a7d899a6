/** The zod schemas of shared/stats-filters.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import { AREA_CODES } from '../../../shared/areas';
import { CATEGORIES, ITEM_STATUSES } from '../../../shared/categories';
import { EXECUTION_STATES } from '../../../shared/execution';
import { FLAG_CODES } from '../../../shared/flags';
import type * as Shared from '../../../shared/stats-filters';
import { commaList, MAX_LIST_VALUES } from '../../../shared/stats-filters';
import type { Equal, Expect } from './assert-equal';
import { ItemFilterQuery, PageQuery } from './item-filters';

function listOf<T extends string>(allowed: readonly T[]) {
  return zodSchema
    .string()
    .regex(new RegExp(commaList(allowed.join('|'))), `comma-separated, each one of: ${allowed.join(', ')}`)
    .optional();
}

function patternList(value: string, what: string) {
  return zodSchema
    .string()
    .regex(new RegExp(commaList(value)), `comma-separated ${what}`)
    .refine((v) => v.split(',').length <= MAX_LIST_VALUES, `at most ${MAX_LIST_VALUES} values`)
    .optional();
}

// As many digits as the web's URL state keeps; KZT × 100 then passes 2^53, so it is compared as bigint.
const wholeKzt = zodSchema
  .string()
  .regex(/^\d{1,15}$/, 'a whole number of KZT, 0 or more')
  .optional();

const FilterFields = ItemFilterQuery.pick({ bbox: true, q: true, ids: true, contractor: true }).extend({
  area: listOf(AREA_CODES).describe('areas, comma-separated'),
  category: listOf(CATEGORIES).describe('categories, comma-separated'),
  status: listOf(ITEM_STATUSES).describe('item statuses, comma-separated'),
  state: listOf(EXECUTION_STATES).describe('execution states today (Asia/Almaty), comma-separated'),
  year: patternList('20\\d\\d|2100', 'fiscal years 2000–2100').describe('fiscal years, comma-separated'),
  body: patternList('[a-z0-9-]{2,64}', 'body ids like "zha-roads"').describe('body ids, comma-separated'),
  minAmount: wholeKzt.describe('least planned amount in whole KZT, inclusive'),
  maxAmount: wholeKzt.describe('greatest planned amount in whole KZT, inclusive'),
  overdue: zodSchema
    .literal('1')
    .optional()
    .describe('1: only items with a question past its legal due date today'),
  flag: listOf(['any', ...FLAG_CODES])
    .describe('risk flags (shared/flags.ts), comma-separated, or `any`: items with one of them')
    .optional(),
});

function amountsInOrder(
  q: { minAmount?: string | undefined; maxAmount?: string | undefined },
  ctx: zodSchema.core.$RefinementCtx,
) {
  // Zod runs this refinement even when a bound already failed its own check (found by the API
  // fuzz: `minAmount=abc` made BigInt throw, a 500), so compare only two whole numbers.
  const whole = (v: unknown): v is string => typeof v === 'string' && /^\d+$/.test(v);
  if (whole(q.minAmount) && whole(q.maxAmount) && BigInt(q.minAmount) > BigInt(q.maxAmount)) {
    ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: 'must not be less than minAmount' });
  }
}

/** The filters of the map, the stats and the exports. */
export const StatsQuery = FilterFields.superRefine(amountsInOrder);
export type StatsQuery = zodSchema.infer<typeof StatsQuery>;
type _StatsQueryAgrees = Expect<Equal<StatsQuery, Shared.StatsQuery>>;

/** `GET /api/items`: the same filters, a page at a time. */
export const FilterListQuery = FilterFields.extend(PageQuery.shape).superRefine(amountsInOrder);
export type FilterListQuery = zodSchema.infer<typeof FilterListQuery>;
type _FilterListQueryAgrees = Expect<Equal<FilterListQuery, Shared.FilterListQuery>>;

export * from '../../../shared/stats-filters';
