import { describe, expect, it } from 'vitest';
import type { IndexedRecord } from './records';
import { sumStats } from './stats';

const record = (id: string, fl?: string[]): IndexedRecord => ({
  id,
  a: 'taraz',
  c: 'roads',
  s: 'in_progress',
  y: 2026,
  b: 'zha-roads',
  p: 100,
  k: 100,
  sp: 10,
  pt: [71.4, 42.9],
  ps: '2026-01-01',
  pe: '2026-12-31',
  ...(fl ? { fl } : {}),
});

describe('sumStats', () => {
  it('counts the items that carry at least one risk flag, once each whatever their number', () => {
    const stats = sumStats([
      record('a', ['R-STALE', 'R-SINGLE-BID']),
      record('b', ['R-AMENDED-UP']),
      record('c'),
      record('d', []),
    ]);
    expect({ count: stats.totals.count, flagged: stats.flagged }).toEqual({ count: 4, flagged: 2 });
  });
});
