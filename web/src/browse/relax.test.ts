import { describe, expect, it } from 'vitest';
import type { FeedFeature, FeedProperties } from '../../../shared/feed';
import { relaxHints } from './relax';
import { emptyFilters } from './urlState';

const feature = (over: Partial<FeedProperties>): FeedFeature => ({
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
});

const feed = [
  feature({ id: 'R1' }),
  feature({ id: 'R2', y: 2025 }),
  feature({ id: 'S1', c: 'education', a: 'merki', y: 2025 }),
];

describe('relaxHints', () => {
  it('names each set filter whose removal alone brings items back, with the count, most first', () => {
    // Roads in Merki in 2025: none; without the area one road (R2), without the category one school (S1), without the year none.
    const f = { ...emptyFilters(), areas: ['merki' as const], categories: ['roads' as const], years: [2025] };
    expect(relaxHints(feed, f, null)).toEqual([
      { filter: 'areas', count: 1 },
      { filter: 'categories', count: 1 },
    ]);
  });

  it('offers dropping the text query when the words match nothing under the filters', () => {
    const f = { ...emptyFilters(), q: 'космодром', areas: ['taraz' as const] };
    expect(relaxHints(feed, f, new Set())).toEqual([{ filter: 'q', count: 2 }]);
  });
});
