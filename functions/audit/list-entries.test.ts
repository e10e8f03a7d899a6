import { describe, expect, it } from 'vitest';
import type { Store } from '../data/client';
import { listEntries } from './chain';

/** A stand-in document client answering one Query page of `count` entries of `recordBytes` each. */
function storeOf(count: number, recordBytes: number): Store {
  const items = Array.from({ length: count }, (_, i) => ({
    pk: 'AUDIT#CHAIN',
    sk: `ENTRY#${String(i + 1).padStart(12, '0')}`,
    v: 2,
    seq: i + 1,
    records: ['x'.repeat(recordBytes)],
    hash: 'h',
  }));
  const doc = { send: async () => ({ Items: items }) };
  return { doc, raw: {}, table: 't' } as unknown as Store;
}

describe('listEntries', () => {
  it('stops before the entry that would take the page past maxBytes', async () => {
    const entries = await listEntries(storeOf(10, 1_000), 0, 10, 3_500);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('returns one entry even when it alone is larger than maxBytes, so paging always moves on', async () => {
    const entries = await listEntries(storeOf(3, 10_000), 0, 10, 3_500);
    expect(entries.map((e) => e.seq)).toEqual([1]);
  });

  it('returns up to the limit when no byte cap is given', async () => {
    const entries = await listEntries(storeOf(10, 1_000), 0, 10);
    expect(entries).toHaveLength(10);
  });
});
