import { describe, expect, it } from 'vitest';
import type { Item } from '../../shared/item';
import { sampleItem } from '../../test/support/fixtures';
import { toItemRecord } from '../data/items';
import { toIndexRecord } from './records';

const rec = (i: Item) => toItemRecord(i) as unknown as Record<string, unknown>;

describe('flags in the map feed records', () => {
  it('carries the item-only flags and the ones the flag job wrote, and nothing when none fires', () => {
    const flagged = rec(sampleItem({ tender: { procurementMethod: 'direct' } }));
    expect(toIndexRecord({ ...flagged, flags: ['R-STALE'] }).fl).toEqual(['R-SINGLE-BID', 'R-STALE']);
    expect(toIndexRecord(rec(sampleItem())).fl).toBeUndefined();
  });
  it('publishes a BIN for the contractor filter but never an IIN', () => {
    const bin = toIndexRecord(rec(sampleItem({ contractor: { name: 'ТОО «Жол»', bin: '080540001238' } })));
    expect(bin.cb).toBe('080540001238');
    const iin = toIndexRecord(rec(sampleItem({ contractor: { name: 'ИП', bin: '260303001237' } })));
    expect(iin.cb).toBeUndefined();
    expect(iin.t).not.toContain('260303001237');
  });
});
