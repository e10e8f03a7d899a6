/**
 * What the visitor is looking at, kept in the URL so a link shows the same thing and Back works:
 * the view (map or list), the open item, the filters, the list's sort and page.
 *
 *   /                     map
 *   /list                 list
 *   /items/<id>           the item over the map (`?view=list` over the list)
 *   ?area=taraz,merki&cat=roads&status=…&exec=lagging&year=2026&body=zha-roads&min=…&max=…&overdue=1&q=…
 *   &sort=amount-desc&page=2
 */

import { AREA_CODES, type AreaCode } from '../../../shared/areas';
import { CATEGORIES, type Category, ITEM_STATUSES, type ItemStatus } from '../../../shared/categories';
import { EXECUTION_STATES, type ExecutionState } from '../../../shared/execution';
import { FLAG_CODES } from '../../../shared/flags';

export type View = 'map' | 'list';
export const SORT_KEYS = ['amount', 'execution', 'area', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

/** What the flags filter accepts in the URL: any flag, or one code. */
export const FLAG_FILTERS = ['any', ...FLAG_CODES] as const;

export interface Filters {
  areas: AreaCode[];
  categories: Category[];
  statuses: ItemStatus[];
  states: ExecutionState[];
  years: number[];
  bodies: string[];
  /** Planned amount range in whole KZT, inclusive; null = open. */
  minAmount: number | null;
  maxAmount: number | null;
  /** Only items with a question to the body past its legal due date. */
  overdue: boolean;
  /** Risk flags: `any` for any flag, or flag codes (shared/flags.ts); an item matches one of them. */
  flags: string[];
  q: string;
}

export interface BrowseState {
  view: View;
  itemId: string | null;
  filters: Filters;
  sort: { key: SortKey; dir: SortDir };
  page: number;
}

export const DEFAULT_SORT = { key: 'amount', dir: 'desc' } as const satisfies BrowseState['sort'];

export function emptyFilters(): Filters {
  return {
    areas: [],
    categories: [],
    statuses: [],
    states: [],
    years: [],
    bodies: [],
    minAmount: null,
    maxAmount: null,
    overdue: false,
    flags: [],
    q: '',
  };
}

function list(params: URLSearchParams, name: string): string[] {
  const raw = params.get(name);
  if (!raw) return [];
  return [...new Set(raw.split(',').map((s) => s.trim()))].filter(Boolean);
}

function oneOf<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((v): v is T => (allowed as readonly string[]).includes(v));
}

function wholeNumber(raw: string | null): number | null {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}

const ITEM_PATH = /^\/items\/([0-9A-HJKMNP-TV-Z]{26})\/?$/;

export function parseState(url: URL): BrowseState {
  const p = url.searchParams;
  const itemMatch = ITEM_PATH.exec(url.pathname);
  const view: View =
    url.pathname.replace(/\/$/, '') === '/list' || (itemMatch && p.get('view') === 'list') ? 'list' : 'map';
  const [key, dir] = (p.get('sort') ?? '').split('-');
  const sortKey = oneOf(SORT_KEYS, [key ?? ''])[0];
  const page = wholeNumber(p.get('page'));
  return {
    view,
    itemId: itemMatch?.[1] ?? null,
    filters: {
      areas: oneOf(AREA_CODES, list(p, 'area')),
      categories: oneOf(CATEGORIES, list(p, 'cat')),
      statuses: oneOf(ITEM_STATUSES, list(p, 'status')),
      states: oneOf(EXECUTION_STATES, list(p, 'exec')),
      years: list(p, 'year')
        .filter((y) => /^\d{4}$/.test(y))
        .map(Number),
      bodies: list(p, 'body').filter((b) => /^[a-z0-9-]{2,64}$/.test(b)),
      minAmount: wholeNumber(p.get('min')),
      maxAmount: wholeNumber(p.get('max')),
      overdue: p.get('overdue') === '1',
      flags: oneOf(FLAG_FILTERS, list(p, 'flag')),
      q: (p.get('q') ?? '').trim().slice(0, 200),
    },
    sort: sortKey ? { key: sortKey, dir: dir === 'asc' ? 'asc' : 'desc' } : { ...DEFAULT_SORT },
    page: page && page > 0 ? page : 1,
  };
}

/** Query parameter name of each filter. */
export type FilterParamNames = Record<
  'area' | 'category' | 'status' | 'state' | 'year' | 'body' | 'min' | 'max' | 'overdue' | 'q',
  string
> & { /** Absent where the flags filter is not understood (the stats API). */ flag?: string };

/** Page URLs use short names; `/api/stats` takes the API's names (data.ts `statsQuery`). */
const URL_PARAM_NAMES: FilterParamNames = {
  area: 'area',
  category: 'cat',
  status: 'status',
  state: 'exec',
  year: 'year',
  body: 'body',
  min: 'min',
  max: 'max',
  overdue: 'overdue',
  flag: 'flag',
  q: 'q',
};

/**
 * The API's names of the same filters: `/api/stats`, `/api/items` and the exports take them all
 * (shared/stats-filters.ts), so totals, pages and downloads describe exactly what is shown.
 */
export const API_PARAM_NAMES: FilterParamNames = {
  area: 'area',
  category: 'category',
  status: 'status',
  state: 'state',
  year: 'year',
  body: 'body',
  min: 'minAmount',
  max: 'maxAmount',
  overdue: 'overdue',
  q: 'q',
  flag: 'flag',
};

/** The active filters as query parameters, lists comma-joined. */
export function filterParams(f: Filters, names: FilterParamNames = URL_PARAM_NAMES): URLSearchParams {
  const p = new URLSearchParams();
  if (f.areas.length) p.set(names.area, f.areas.join(','));
  if (f.categories.length) p.set(names.category, f.categories.join(','));
  if (f.statuses.length) p.set(names.status, f.statuses.join(','));
  if (f.states.length) p.set(names.state, f.states.join(','));
  if (f.years.length) p.set(names.year, f.years.join(','));
  if (f.bodies.length) p.set(names.body, f.bodies.join(','));
  if (f.minAmount !== null) p.set(names.min, String(f.minAmount));
  if (f.maxAmount !== null) p.set(names.max, String(f.maxAmount));
  if (f.overdue) p.set(names.overdue, '1');
  if (f.flags.length && names.flag) p.set(names.flag, f.flags.join(','));
  if (f.q) p.set(names.q, f.q);
  return p;
}

/** The path and query for a state; defaults are left out so links stay short. */
export function stateToPath(s: BrowseState): string {
  const p = filterParams(s.filters);
  if (s.sort.key !== DEFAULT_SORT.key || s.sort.dir !== DEFAULT_SORT.dir)
    p.set('sort', `${s.sort.key}-${s.sort.dir}`);
  if (s.page > 1) p.set('page', String(s.page));
  let path = s.view === 'list' ? '/list' : '/';
  if (s.itemId) {
    path = `/items/${s.itemId}`;
    if (s.view === 'list') p.set('view', 'list');
  }
  const query = p.toString().replaceAll('%2C', ',');
  return query ? `${path}?${query}` : path;
}

export function hasFilters(f: Filters): boolean {
  return filterParams(f).toString() !== '';
}
