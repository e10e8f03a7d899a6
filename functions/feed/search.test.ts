import { describe, expect, it } from 'vitest';
import { generateDemoItems } from '../demo/generate';
import { indexRecord } from './index-record.fixture';
import { type IndexRecord, toIndexRecord } from './records';
import { SearchIndex, searchItems } from './search';

const rec = (id: string, t: string, extra: Partial<IndexRecord> = {}) => indexRecord(id, { t, ...extra });

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

describe('searchItems on the demo data', () => {
  const demo = generateDemoItems({ count: 300 });
  const byId = new Map(demo.map((it) => [it.id, it]));
  const demoIndex = new SearchIndex(
    demo.map((it) => toIndexRecord({ ...it, pk: `ITEM#${it.id}`, sk: 'ITEM' })),
  );
  const found = (q: string) => searchItems(demoIndex, { q }).map((r) => r.id);
  const roadsIn = (area: string) =>
    demo.filter((it) => it.category === 'roads' && it.area === area).map((it) => it.id);

  it('finds the road items by "дорога", though their titles say "улица"', () => {
    const hits = found('дорога');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits).toEqual(expect.arrayContaining(roadsIn('taraz')));
    expect(hits.every((id) => byId.get(id)!.category === 'roads')).toBe(true);
  });

  it('finds the Taraz road items by "дорога Тараз", and only items naming Taraz', () => {
    const hits = found('дорога Тараз');
    expect(roadsIn('taraz').length).toBeGreaterThan(0);
    expect(hits).toEqual(expect.arrayContaining(roadsIn('taraz')));
    for (const id of hits) expect(JSON.stringify(byId.get(id))).toMatch(/Тараз/);
  });

  it('finds the same items for other Russian forms of the word', () => {
    expect(found('дороги')).toEqual(found('дорога'));
    expect(found('дорогу Тараз')).toEqual(found('дорога Тараз'));
  });

  it('finds a kk title by another form of its word', () => {
    const music = demo.find((it) => it.title.kk?.includes('мектебін'))!;
    expect(found('мектептің')).toContain(music.id);
  });

  it("finds a contractor's items by its BIN and a programme's items by its code", () => {
    const bin = demo.find((it) => it.contractor)!.contractor!.bin;
    expect(found(bin)).toEqual(demoIndex.records.filter((r) => r.cb === bin).map((r) => r.id));
    const code = demo[0]!.programmeCode;
    const withCode = demo.filter((it) => it.programmeCode === code).map((it) => it.id);
    expect(found(code).sort()).toEqual(withCode.sort());
  });

  it('finds nothing for a word no item has', () => {
    expect(found('космодром')).toEqual([]);
  });
});
