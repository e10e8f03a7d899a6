/**
 * Stable item ids for imported records. The same (source, source id) always gives the same id, so
 * re-importing a file updates the items it created instead of adding copies. The id is shaped like
 * a ULID (26 Crockford base32 characters, first one 0–7) so it fits every place a ULID goes.
 */
import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function stableItemId(source: string, sourceId: string): string {
  const digest = createHash('sha256').update(`${source}\u0000${sourceId}`).digest();
  // 128 bits → 26 base32 digits (130 bits), top two bits zero: the first digit stays within 0–7
  // like a real ULID's timestamp part.
  let n = 0n;
  for (const byte of digest.subarray(0, 16)) n = (n << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}
