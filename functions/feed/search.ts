/**
 * The server-side search over the snapshot's compact records: text `q` by word prefix on titles
 * in every language (folded as in `text.ts`), plus the same filters as the item list. Built once
 * per snapshot version; a query touches only the words that start with the query's words.
 */
import type { ItemFilters } from '../../shared/item-filters';
import type { IndexRecord } from './records';
import { tokenize } from './text';

export class SearchIndex {
  /** Records in id order. */
  readonly records: readonly IndexRecord[];
  private readonly words: string[];
  private readonly postings: number[][];

  constructor(records: readonly IndexRecord[]) {
    this.records = [...records].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const byWord = new Map<string, number[]>();
    this.records.forEach((r, i) => {
      for (const w of r.t.split(' ')) {
        if (!w) continue;
        const list = byWord.get(w);
        if (list) list.push(i);
        else byWord.set(w, [i]);
      }
    });
    this.words = [...byWord.keys()].sort();
    this.postings = this.words.map((w) => byWord.get(w)!);
  }

  /** Positions (ascending) of records having, for every word of `q`, a title word starting with it. */
  matchText(q: string): number[] {
    const tokens = tokenize(q);
    if (tokens.length === 0) return [];
    let result: Set<number> | undefined;
    for (const token of tokens) {
      const hits = new Set<number>();
      for (let w = this.firstWordFrom(token); w < this.words.length; w++) {
        if (!this.words[w]!.startsWith(token)) break;
        for (const pos of this.postings[w]!) if (!result || result.has(pos)) hits.add(pos);
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

export function matchesFilters(r: IndexRecord, f: ItemFilters, ids?: ReadonlySet<string>): boolean {
  if (f.area && r.a !== f.area) return false;
  if (f.category && r.c !== f.category) return false;
  if (f.status && r.s !== f.status) return false;
  if (f.year !== undefined && r.y !== f.year) return false;
  if (f.body && r.b !== f.body) return false;
  if (ids && !ids.has(r.id)) return false;
  if (f.bbox) {
    const [lon, lat] = r.pt;
    if (lon < f.bbox.w || lon > f.bbox.e || lat < f.bbox.s || lat > f.bbox.n) return false;
  }
  return true;
}

/** The records matching every filter (text `q` included), in id order. */
export function searchItems(index: SearchIndex, f: ItemFilters): IndexRecord[] {
  const ids = f.ids ? new Set(f.ids) : undefined;
  const candidates = f.q ? index.matchText(f.q).map((i) => index.records[i]!) : index.records;
  return candidates.filter((r) => matchesFilters(r, f, ids));
}
