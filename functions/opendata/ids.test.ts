import { describe, expect, it } from 'vitest';
import { Ulid } from '../api/schemas/item';
import { stableItemId } from './ids';

describe('stableItemId', () => {
  it('is the same for the same source record and a valid ULID shape', () => {
    const id = stableItemId('csv', 'R-001');
    expect(stableItemId('csv', 'R-001')).toBe(id);
    expect(Ulid.safeParse(id).success).toBe(true);
    expect(id[0]).toMatch(/[0-7]/);
  });

  it('differs between sources and between records', () => {
    expect(stableItemId('csv', 'R-001')).not.toBe(stableItemId('other', 'R-001'));
    expect(stableItemId('csv', 'R-001')).not.toBe(stableItemId('csv', 'R-002'));
    // The separator keeps ("a", "bc") and ("ab", "c") apart.
    expect(stableItemId('a', 'bc')).not.toBe(stableItemId('ab', 'c'));
  });
});
