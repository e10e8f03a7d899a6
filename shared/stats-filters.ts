/**
 * The one filter model (issue 14, Deliver 3) of the map, the list, the stats (`GET /api/stats`),
 * the item pages (`GET /api/items`) and the exports: every filter the map applies, so each of them
 * describes exactly the pins on screen. The map lets a visitor tick several areas, categories, … at
 * once, so each of those is a comma-separated list ("area=taraz,merki"); a record matches a list
 * when it has any value of it, and the filters combine with AND. `singleValued` says when the
 * filters fit the item list's index queries (one value each, `item-filters.ts`); the others are
 * answered from the search index, as the stats are (test/integration/filters-agree.test.ts).
 */
import { z as zodSchema } from 'zod';
import { AREA_CODES, type AreaCode } from './areas';
import { CATEGORIES, type Category, ITEM_STATUSES, type ItemStatus } from './categories';
import { EXECUTION_STATES, type ExecutionState } from './execution';
import { FLAG_CODES } from './flags';
import {
  DEFAULT_LIMIT,
  ItemFilterQuery,
  type ItemFilters,
  MAX_LIMIT,
  parseItemFilters,
} from './item-filters';

/** More values than any list the map offers, small enough to keep a query cheap. */
export const MAX_LIST_VALUES = 200;

const commaList = (value: string) => `^(?:${value})(?:,(?:${value}))*$`;

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

/** `GET /api/items`: the same filters, a page at a time. */
export const FilterListQuery = FilterFields.extend({
  cursor: zodSchema.string().max(4000).optional(),
  limit: zodSchema.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
}).superRefine(amountsInOrder);
export type FilterListQuery = zodSchema.infer<typeof FilterListQuery>;

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
