import { describe, expect, it } from 'vitest';
import { parseStatsFilters, StatsQuery } from '../../../functions/api/schemas/stats-filters';
import { loadStats, statsQuery } from './data';
import { emptyFilters, type Filters } from './urlState';

const query = (f: Partial<Filters>) => statsQuery({ ...emptyFilters(), ...f });

describe('statsQuery', () => {
  it('sends nothing when no filter is active', () => {
    expect(query({})).toBe('');
  });

  it('sends every ticked area, comma-joined, not only a single one', () => {
    expect(query({ areas: ['taraz', 'merki'] })).toBe('area=taraz,merki');
  });

  it('sends the execution states', () => {
    expect(query({ states: ['lagging', 'overspent'] })).toBe('state=lagging,overspent');
  });

  it('sends the planned amount range in whole KZT', () => {
    expect(query({ minAmount: 0, maxAmount: 5_000_000 })).toBe('minAmount=0&maxAmount=5000000');
  });

  it('sends overdue=1 when only overdue items are shown', () => {
    expect(query({ overdue: true })).toBe('overdue=1');
  });

  it('says what the API reads back as the same filters', () => {
    const f: Filters = {
      areas: ['taraz', 'merki'],
      categories: ['roads', 'health'],
      statuses: ['in_progress'],
      states: ['lagging'],
      years: [2025, 2026],
      bodies: ['zha-roads', 'akimat-shu'],
      minAmount: 1000,
      maxAmount: 2000,
      overdue: true,
      flags: [],
      q: 'жол, көпір',
    };
    const sent = Object.fromEntries(new URLSearchParams(statsQuery(f)));
    expect(parseStatsFilters(StatsQuery.parse(sent))).toEqual({
      areas: f.areas,
      categories: f.categories,
      statuses: f.statuses,
      states: f.states,
      years: f.years,
      bodies: f.bodies,
      minKzt: 1000n,
      maxKzt: 2000n,
      overdue: true,
      q: f.q,
    });
  });
});

describe('loadStats', () => {
  it('totals nothing for a minimum above the maximum, as the map shows nothing, without asking the API', async () => {
    // No server runs here: a request would reject, so resolving proves none was made.
    const stats = await loadStats({ ...emptyFilters(), minAmount: 2000, maxAmount: 1000 });
    expect(stats).toEqual({
      totals: { count: 0, planned: '0', contracted: '0', spent: '0' },
      flagged: 0,
      byArea: [],
      byCategory: [],
    });
  });
});
