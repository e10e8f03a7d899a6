import { describe, expect, it } from 'vitest';
import type { IndexRecord } from './records';
import { SearchIndex, searchItems } from './search';

const rec = (id: string, t: string, extra: Partial<IndexRecord> = {}): IndexRecord => ({
  id,
  a: 'taraz',
  c: 'roads',
  s: 'in_progress',
  y: 2026,
  b: 'zha-roads',
  p: 100,
  k: 100,
  sp: 50,
  pt: [71.37, 42.9],
  ps: '2026-01-01',
  pe: '2026-12-31',
  t,
  ...extra,
});

const index = new SearchIndex([
  rec('C', 'жол жөндеу ремонт дороги road repair'),
  rec('A', 'мектеп жөндеу ремонт школы school repair', { a: 'merki', pt: [73.2, 42.98] }),
  rec('B', 'тараз саябағы парк park', { y: 2027 }),
]);
const ids = (f: Parameters<typeof searchItems>[1]) => searchItems(index, f).map((r) => r.id);

describe('searchItems', () => {
  it('matches a word by prefix, after folding the query', () => {
    expect(ids({ q: 'ЖӨНД' })).toEqual(['A', 'C']);
  });

  it('needs every query word to match some title word', () => {
    expect(ids({ q: 'ремонт школ' })).toEqual(['A']);
    expect(ids({ q: 'ремонт парк' })).toEqual([]);
  });

  it('applies the item filters with or without text', () => {
    expect(ids({ q: 'repair', area: 'merki' })).toEqual(['A']);
    expect(ids({ year: 2027 })).toEqual(['B']);
    expect(ids({ bbox: { w: 73, s: 42, e: 74, n: 43 } })).toEqual(['A']);
    expect(ids({ ids: ['B', 'C'] })).toEqual(['B', 'C']);
  });

  it('finds nothing for a query of punctuation only', () => {
    expect(ids({ q: '«»!' })).toEqual([]);
  });
});
