/** The hashing rules of chain v2 that an offline verifier must reproduce. */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actorHash, canonical, entryHash, recordDigest } from './chain';

describe('chain v2 hashing', () => {
  it('hashes RFC 8785 canonical JSON: member order and number spelling do not matter', () => {
    expect(canonical({ b: 1.0, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(recordDigest({ b: 1, a: 'x' })).toBe(recordDigest({ a: 'x', b: 1 }));
    expect(recordDigest({ a: 'x' })).toBe(createHash('sha256').update('{"a":"x"}').digest('hex'));
  });

  it('drops undefined members as JSON does, so a stored record hashes like the written one', () => {
    expect(recordDigest({ a: 1, b: undefined })).toBe(recordDigest({ a: 1 }));
  });

  it('pseudonymises the actor with HMAC-SHA-256 under the secret', () => {
    expect(actorHash('sub-1', 'k')).toBe(createHmac('sha256', 'k').update('sub-1').digest('hex'));
    expect(actorHash('sub-1', 'k')).not.toBe(actorHash('sub-1', 'other'));
  });

  it('hashes an entry without its own hash, so a stored entry re-hashes to itself', () => {
    const body = {
      v: 2 as const,
      seq: 2,
      prev: '0'.repeat(64),
      at: '2026-03-20T07:00:00.000Z',
      actor: null,
      action: 'item.update',
      type: 'change' as const,
      records: [{ kind: 'item', key: 'item/x', digest: 'd' }],
    };
    const hash = entryHash(body);
    expect(entryHash({ ...body, hash })).toBe(hash);
    expect(entryHash({ ...body, action: 'item.delete' })).not.toBe(hash);
  });
});
