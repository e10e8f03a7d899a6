import { describe, expect, it } from 'vitest';
import { simplifyLine, simplifyRing } from './extract-basemap';

describe('basemap extract simplification', () => {
  it('drops points that do not move the line by more than the tolerance', () => {
    expect(
      simplifyLine(
        [
          [0, 0],
          [1, 0.0001],
          [2, 0],
          [3, 1],
        ],
        0.001,
      ),
    ).toEqual([
      [0, 0],
      [2, 0],
      [3, 1],
    ]);
  });

  it('keeps a ring closed and drops points along a straight edge', () => {
    const ring: [number, number][] = [
      [0, 0],
      [0.25, 0],
      [0.5, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(simplifyRing(ring, 0.001)).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });
});
