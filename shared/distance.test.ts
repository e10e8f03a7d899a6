import { describe, expect, it } from 'vitest';
import { distanceToItem, haversineMetres } from './distance';
import { roundUpDistance } from './visits';

describe('distance to an item', () => {
  it('measures to the point: 0.01° of latitude is about 1 112 m', () => {
    expect(haversineMetres([71.37, 42.9], [71.37, 42.91])).toBeCloseTo(1112, -1);
  });

  it('measures to the nearest part of a road, not to its point', () => {
    const road = {
      point: [71.3, 42.9] as const,
      geometry: {
        type: 'LineString' as const,
        coordinates: [
          [71.3, 42.9],
          [71.4, 42.9],
        ] as [number, number][],
      },
    };
    // Beside the middle of the road, 0.001° north (about 111 m), 4 km from its point.
    expect(distanceToItem([71.35, 42.901], road)).toBeCloseTo(111, -1);
  });

  it('is zero inside an area', () => {
    const ring: [number, number][] = [
      [71.3, 42.9],
      [71.31, 42.9],
      [71.31, 42.91],
      [71.3, 42.91],
      [71.3, 42.9],
    ];
    const area = {
      point: [71.3, 42.9] as const,
      geometry: { type: 'Polygon' as const, coordinates: [ring] },
    };
    expect(distanceToItem([71.305, 42.905], area)).toBe(0);
  });

  it('shows distances as a bound, never finer than 50 m', () => {
    expect([12, 237, 300, 301, 1400, 39_970].map(roundUpDistance)).toEqual([50, 300, 300, 500, 2000, 40_000]);
  });
});
