import ngeohash from 'ngeohash';
import { describe, expect, it } from 'vitest';
import { coverBox, MAX_CELLS } from './cover-box';

describe('coverBox', () => {
  it('covers every point of the box with one of its cells', () => {
    const box = { w: 71.3, s: 42.86, e: 71.44, n: 42.94 };
    const cells = new Set(coverBox(box));
    for (let lon = box.w; lon <= box.e; lon += 0.01)
      for (let lat = box.s; lat <= box.n; lat += 0.01)
        expect(cells.has(ngeohash.encode(lat, lon, 5))).toBe(true);
  });

  it('returns the cells in a stable sorted order', () => {
    const cells = coverBox({ w: 71.3, s: 42.86, e: 71.44, n: 42.94 });
    expect(cells).toEqual([...cells].sort());
  });

  it(`refuses a box needing more than ${MAX_CELLS} cells with a 400 naming bbox`, () => {
    expect(() => coverBox({ w: 68.9, s: 42.2, e: 75.3, n: 45.7 })).toThrowError(
      expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'bbox' })] }),
    );
  });

  it('refuses a world-sized box without enumerating its cells', () => {
    const started = Date.now();
    expect(() => coverBox({ w: -180, s: -90, e: 180, n: 90 })).toThrow();
    expect(Date.now() - started).toBeLessThan(100);
  });
});
