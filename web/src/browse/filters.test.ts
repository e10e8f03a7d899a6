import { describe, expect, it } from 'vitest';
import type { FeedFeature, FeedProperties } from '../../../shared/feed';
import {
  feedFacets,
  filterFeed,
  markOverdue,
  matchesFilters,
  PAGE_SIZE,
  pageOf,
  sortFeatures,
  summarize,
} from './filters';
import { emptyFilters } from './urlState';

function feature(over: Partial<FeedProperties>): FeedFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [71.37, 42.9] },
    properties: {
      id: 'A',
      c: 'roads',
      s: 'in_progress',
      x: 'on_track',
      e: 50,
      p: 1000,
      a: 'taraz',
      y: 2026,
      b: 'zha-roads',
      ...over,
    },
  };
}

const school = feature({
  id: 'S',
  c: 'education',
  a: 'merki',
  p: 5_000_000,
  e: 10,
  x: 'lagging',
  s: 'planned',
});
const road = feature({ id: 'R', c: 'roads', a: 'taraz', p: 9_000_000_000_000, e: 95, x: 'overspent' });
const clinic = feature({ id: 'C', c: 'health', a: 'shu', p: 200, e: 50, y: 2025, b: 'akimat-shu' });
const all = [school, road, clinic];

describe('filters', () => {
  it('shows everything when no filter is set', () => {
    expect(filterFeed(all, emptyFilters(), null)).toHaveLength(3);
  });

  it('combines filters of different kinds with AND and values of one kind with OR', () => {
    const f = { ...emptyFilters(), areas: ['merki', 'taraz'] as const, states: ['lagging'] as const };
    expect(
      filterFeed(all, { ...f, areas: [...f.areas], states: [...f.states] }, null).map((x) => x.properties.id),
    ).toEqual(['S']);
  });

  it('keeps amounts inside an inclusive planned range', () => {
    const f = { ...emptyFilters(), minAmount: 200, maxAmount: 5_000_000 };
    expect(filterFeed(all, f, null).map((x) => x.properties.id)).toEqual(['S', 'C']);
  });

  it('filters by year, body and the ids matched by text search', () => {
    expect(matchesFilters(clinic.properties, { ...emptyFilters(), years: [2026] }, null)).toBe(false);
    expect(matchesFilters(clinic.properties, { ...emptyFilters(), bodies: ['akimat-shu'] }, null)).toBe(true);
    expect(filterFeed(all, emptyFilters(), new Set(['R'])).map((x) => x.properties.id)).toEqual(['R']);
  });

  it('shows only items flagged overdue when the overdue filter is on', () => {
    const features = [feature({ id: 'L' }), feature({ id: 'N' }), feature({ id: 'M' })];
    markOverdue(features, new Set(['L', 'M', 'gone']));
    expect(features.map((x) => x.properties.o)).toEqual([1, undefined, 1]);
    const f = { ...emptyFilters(), overdue: true };
    expect(filterFeed(features, f, null).map((x) => x.properties.id)).toEqual(['L', 'M']);
    expect(filterFeed(features, emptyFilters(), null)).toHaveLength(3);
  });

  it('sums planned amounts exactly beyond the float-safe range', () => {
    const big = feature({ id: 'B', p: 9_000_000_000_000 });
    const s = summarize([road, big, clinic]);
    expect(s.count).toBe(3);
    expect(s.plannedKzt).toBe(18_000_000_000_200n);
    expect(s.byState.overspent).toBe(1);
    expect(s.byState.on_track).toBe(2);
  });

  it('lists the years newest first and the bodies present', () => {
    expect(feedFacets(all)).toEqual({ years: [2026, 2025], bodies: ['akimat-shu', 'zha-roads'] });
  });
});

describe('list order and pages', () => {
  const names: Record<string, string> = { taraz: 'Тараз', merki: 'Меркі', shu: 'Шу' };
  const byName = (code: string) => names[code] ?? code;

  it('sorts by amount descending and ascending', () => {
    expect(
      sortFeatures(all, { key: 'amount', dir: 'desc' }, byName, 'kk').map((x) => x.properties.id),
    ).toEqual(['R', 'S', 'C']);
    expect(
      sortFeatures(all, { key: 'amount', dir: 'asc' }, byName, 'kk').map((x) => x.properties.id),
    ).toEqual(['C', 'S', 'R']);
  });

  it('sorts areas by their shown name and breaks ties by id', () => {
    expect(sortFeatures(all, { key: 'area', dir: 'asc' }, byName, 'kk').map((x) => x.properties.a)).toEqual([
      'merki',
      'taraz',
      'shu',
    ]);
    expect(
      sortFeatures([road, clinic], { key: 'execution', dir: 'asc' }, byName, 'kk').map(
        (x) => x.properties.id,
      ),
    ).toEqual(['C', 'R']);
  });

  it('sorts status in the life-cycle order', () => {
    expect(sortFeatures(all, { key: 'status', dir: 'asc' }, byName, 'kk')[0]?.properties.id).toBe('S');
  });

  it('cuts pages and clamps a page past the end to the last one', () => {
    const rows = Array.from({ length: PAGE_SIZE * 2 + 3 }, (_, i) => i);
    expect(pageOf(rows, 3)).toEqual({ rows: [50, 51, 52], page: 3, pages: 3 });
    expect(pageOf(rows, 9).page).toBe(3);
    expect(pageOf([], 1)).toEqual({ rows: [], page: 1, pages: 1 });
  });
});
