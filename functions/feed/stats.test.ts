import { describe, expect, it } from 'vitest';
import { indexRecord } from './index-record.fixture';
import { sumStats } from './stats';

const record = (id: string, fl?: string[]) => indexRecord(id, fl ? { fl } : {});

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
