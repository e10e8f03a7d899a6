import { describe, expect, it } from 'vitest';
import { mayStartMap } from './startRule';

// MapLibre (≈290 KB gzipped, seconds of CPU on a phone) is fetched once, after `load`, for a map the
// reader can see: not while a page covers it (an item's sheet on a phone).
describe('when the map may load MapLibre', () => {
  const ready = { state: 'waiting', readyState: 'complete', visible: true, held: false } as const;

  it('starts after load with the map on screen', () => {
    expect(mayStartMap(ready)).toBe(true);
  });

  it('waits for load', () => {
    expect(mayStartMap({ ...ready, readyState: 'interactive' })).toBe(false);
  });

  it('waits while the map is hidden', () => {
    expect(mayStartMap({ ...ready, visible: false })).toBe(false);
  });

  it('waits while the page holds the map (an item sheet covers it)', () => {
    expect(mayStartMap({ ...ready, held: true })).toBe(false);
  });

  it('starts once', () => {
    expect(mayStartMap({ ...ready, state: 'loading' })).toBe(false);
    expect(mayStartMap({ ...ready, state: 'started' })).toBe(false);
  });
});
