import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, filtersFingerprint } from './item-cursor';

const filters = { areas: ['taraz' as const] };
const f = filtersFingerprint(filters);

describe('item cursor', () => {
  it('round-trips a position for the same filters', () => {
    const state = { f, i: 2, k: { pk: 'ITEM#A', sk: 'ITEM', gsi1pk: 'CELL#txwt1', gsi1sk: 'A' } };
    expect(decodeCursor(encodeCursor(state), filters)).toEqual(state);
  });

  it.each([
    ['not base64url', '%%%'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['unknown fields', encodeCursor({ f, x: 1 } as never)],
    ['a negative position', encodeCursor({ f, i: -1 })],
  ])('rejects %s with a 400 naming cursor', (_, cursor) => {
    expect(() => decodeCursor(cursor, filters)).toThrowError(
      expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'cursor' })] }),
    );
  });

  it('tells amount bounds apart (bigint, which JSON refuses)', () => {
    expect(filtersFingerprint({ minKzt: 1000n })).not.toBe(filtersFingerprint({ minKzt: 1001n }));
  });

  it('rejects a cursor made for other filters', () => {
    expect(() => decodeCursor(encodeCursor({ f, o: 50 }), { areas: ['merki' as const] })).toThrowError(
      expect.objectContaining({
        errors: [expect.objectContaining({ message: expect.stringMatching(/other filters/) })],
      }),
    );
  });
});
