/**
 * The server-side search over the snapshot's compact records: text `q` against each record's
 * search tokens (titles, descriptions, contractor, BIN, programme code, address, category; stemmed
 * as `shared/search-text.ts` says), plus the same filters as the item list. Built once per snapshot
 * version; a query touches only the tokens that start with the query's keys.
 */
import type { ItemFilters } from '../../shared/item-filters';
import { queryKeys } from '../../shared/search-text';
import type { StatsFilters } from '../../shared/stats-filters';
import type { IndexedRecord, IndexRecord } from './records';
import { executionOf } from './render';

export class SearchIndex {
  /**
   * Records in id order, without their search tokens: the postings below hold those, and a record's
   * token string is most of its heap (UTF-16 Cyrillic).
   */
  readonly records: readonly IndexedRecord[];
  private readonly words: string[];
  /** Per word, the positions of its records (ascending; typed arrays: a fraction of a number[]'s heap). */
  private readonly postings: Uint32Array[];

  constructor(records: readonly IndexRecord[]) {
    const sorted = [...records].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    this.records = sorted.map(({ t: _tokens, ...facts }) => facts);
    const byWord = new Map<string, number[]>();
    sorted.forEach((r, i) => {
      for (const w of r.t.split(' ')) {
        if (!w) continue;
        const list = byWord.get(w);
        if (list) list.push(i);
        else byWord.set(w, [i]);
      }
    });
    this.words = [...byWord.keys()].sort();
    this.postings = this.words.map((w) => Uint32Array.from(byWord.get(w)!));
  }

  /** Positions (ascending) of records having, for every word of `q`, a token starting with one of its keys. */
  matchText(q: string): number[] {
    const keys = queryKeys(q);
    if (keys.length === 0) return [];
    let result: Set<number> | undefined;
    for (const alternatives of keys) {
      const hits = new Set<number>();
      for (const key of alternatives) {
        for (let w = this.firstWordFrom(key); w < this.words.length; w++) {
          if (!this.words[w]!.startsWith(key)) break;
          for (const pos of this.postings[w]!) if (!result || result.has(pos)) hits.add(pos);
        }
      }
      result = hits;
      if (result.size === 0) break;
    }
    return [...(result ?? [])].sort((a, b) => a - b);
  }

  private firstWordFrom(prefix: string): number {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function inBbox(r: IndexedRecord, bbox: NonNullable<ItemFilters['bbox']>): boolean {
  const [lon, lat] = r.pt;
  return lon >= bbox.w && lon <= bbox.e && lat >= bbox.s && lat <= bbox.n;
}

export function matchesFilters(r: IndexedRecord, f: ItemFilters, ids?: ReadonlySet<string>): boolean {
  if (f.area && r.a !== f.area) return false;
  if (f.category && r.c !== f.category) return false;
  if (f.status && r.s !== f.status) return false;
  if (f.year !== undefined && r.y !== f.year) return false;
  if (f.body && r.b !== f.body) return false;
  if (f.contractor && r.cb !== f.contractor) return false;
  if (ids && !ids.has(r.id)) return false;
  if (f.bbox && !inBbox(r, f.bbox)) return false;
  return true;
}

/** Records having every word of `q` (all records without one), in id order. */
function textCandidates(index: SearchIndex, q: string | undefined): readonly IndexedRecord[] {
  return q ? index.matchText(q).map((i) => index.records[i]!) : index.records;
}

/** The records matching every filter (text `q` included), in id order. */
export function searchItems(index: SearchIndex, f: ItemFilters): IndexedRecord[] {
  const ids = f.ids ? new Set(f.ids) : undefined;
  return textCandidates(index, f.q).filter((r) => matchesFilters(r, f, ids));
}

/** What the stats filters need besides the query itself. */
export interface StatsContext {
  /** The Almaty date the execution states are computed for (YYYY-MM-DD). */
  today: string;
  /** Items with a question past its legal due date today; required when `overdue` is set. */
  overdueIds?: ReadonlySet<string>;
}

/**
 * True when the planned amount, rounded to whole KZT the way the map feed rounds it (`p` in
 * render.ts, half up), lies in [min, max]. Compared in tiyn as bigint: round(p/100) >= min exactly
 * when p + 50 >= min·100, and round(p/100) <= max exactly when p + 50 < (max + 1)·100.
 */
function plannedInRange(plannedTiyn: number, min: bigint | undefined, max: bigint | undefined): boolean {
  const shifted = BigInt(plannedTiyn) + 50n;
  if (min !== undefined && shifted < min * 100n) return false;
  if (max !== undefined && shifted >= (max + 1n) * 100n) return false;
  return true;
}

/** The map's filters on one record: each list matches any of its values; filters combine with AND. */
export function matchesStatsFilters(
  r: IndexedRecord,
  f: StatsFilters,
  ctx: StatsContext,
  ids?: ReadonlySet<string>,
): boolean {
  if (f.areas && !f.areas.includes(r.a)) return false;
  if (f.categories && !f.categories.includes(r.c)) return false;
  if (f.statuses && !f.statuses.includes(r.s)) return false;
  if (f.years && !f.years.includes(r.y)) return false;
  if (f.bodies && !f.bodies.includes(r.b)) return false;
  if (f.contractor && r.cb !== f.contractor) return false;
  if (ids && !ids.has(r.id)) return false;
  if (f.overdue && !ctx.overdueIds?.has(r.id)) return false;
  if (f.flags) {
    const fl = r.fl ?? [];
    if (!(f.flags.includes('any') ? fl.length > 0 : fl.some((c) => f.flags?.includes(c)))) return false;
  }
  if (f.bbox && !inBbox(r, f.bbox)) return false;
  if ((f.minKzt !== undefined || f.maxKzt !== undefined) && !plannedInRange(r.p, f.minKzt, f.maxKzt)) {
    return false;
  }
  // Last: the state is the one check that computes something per record.
  if (f.states && !f.states.includes(executionOf(r, ctx.today).state)) return false;
  return true;
}

/** The records the stats total for `f`, in id order. */
export function searchForStats(index: SearchIndex, f: StatsFilters, ctx: StatsContext): IndexedRecord[] {
  if (f.overdue && !ctx.overdueIds) throw new Error('overdue filter without the overdue item ids');
  const ids = f.ids ? new Set(f.ids) : undefined;
  return textCandidates(index, f.q).filter((r) => matchesStatsFilters(r, f, ctx, ids));
}
