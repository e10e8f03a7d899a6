import { describe, expect, it } from 'vitest';
import type { StatsFilters } from '../../shared/stats-filters';
import { indexRecord } from './index-record.fixture';
import type { IndexRecord } from './records';
import { SearchIndex, type StatsContext, searchForStats } from './search';

const rec = (id: string, extra: Partial<IndexRecord> = {}) => indexRecord(id, { t: 'жол road', ...extra });

const ids = (records: IndexRecord[], f: StatsFilters, ctx: StatsContext = { today: '2026-07-01' }) =>
  searchForStats(new SearchIndex(records), f, ctx).map((r) => r.id);

describe('searchForStats', () => {
  it('keeps the items with any flag, or with one of the flags asked for', () => {
    const records = [rec('A'), rec('B', { fl: ['R-STALE'] }), rec('C', { fl: ['R-SINGLE-BID', 'R-STALE'] })];
    expect(ids(records, { flags: ['any'] })).toEqual(['B', 'C']);
    expect(ids(records, { flags: ['R-SINGLE-BID'] })).toEqual(['C']);
  });

  it('matches a record having any value of a list', () => {
    const records = [rec('A'), rec('B', { a: 'merki' }), rec('C', { a: 'shu' })];
    expect(ids(records, { areas: ['taraz', 'merki'] })).toEqual(['A', 'B']);
  });

  it('combines different filters with AND', () => {
    const records = [rec('A'), rec('B', { a: 'merki' }), rec('C', { a: 'merki', y: 2025 })];
    expect(ids(records, { areas: ['taraz', 'merki'], years: [2025] })).toEqual(['C']);
  });

  it('judges the execution state on the given day', () => {
    // Nothing spent of a contract: on track in January, lagging by July.
    const records = [rec('A', { sp: 0 })];
    expect(ids(records, { states: ['lagging'] }, { today: '2026-01-10' })).toEqual([]);
    expect(ids(records, { states: ['lagging'] }, { today: '2026-07-01' })).toEqual(['A']);
  });

  it('compares the planned amount rounded to whole KZT, as the map feed carries it', () => {
    const records = [
      rec('A', { p: 9_949 }), // 99.49 KZT → 99
      rec('B', { p: 9_950 }), // 99.50 KZT → 100
      rec('C', { p: 20_049 }), // 200.49 KZT → 200
      rec('D', { p: 20_050 }), // 200.50 KZT → 201
    ];
    expect(ids(records, { minKzt: 100n, maxKzt: 200n })).toEqual(['B', 'C']);
  });

  it('compares amounts near 2^53 tiyn exactly, where a float comparison would round', () => {
    // 90,071,992,547,409.49 KZT rounds to …409; the upper bound in tiyn is (409 + 1) × 100, past
    // 2^53, and the shifted amount one below it, which as a float rounds up onto the bound.
    const records = [rec('A', { p: 9_007_199_254_740_949 })];
    expect(ids(records, { maxKzt: 90_071_992_547_409n })).toEqual(['A']);
    expect(ids(records, { maxKzt: 90_071_992_547_408n })).toEqual([]);
  });

  it('keeps only the overdue ids when overdue is asked for', () => {
    const records = [rec('A'), rec('B')];
    expect(ids(records, { overdue: true }, { today: '2026-07-01', overdueIds: new Set(['B']) })).toEqual([
      'B',
    ]);
  });
});
