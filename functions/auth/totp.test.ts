import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode } from './totp';

// RFC 6238 Appendix B's SHA-1 seed, "12345678901234567890" in ASCII.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238, SHA-1)', () => {
  it('gives the RFC 6238 Appendix B codes (last 6 of the 8 digits)', () => {
    const seed = base32Decode(RFC_SECRET);
    expect([59, 1111111109, 1234567890, 2000000000].map((t) => hotp(seed, Math.floor(t / 30), 8))).toEqual([
      '94287082',
      '07081804',
      '89005924',
      '69279037',
    ]);
    expect(totpCode(RFC_SECRET, new Date(59_000))).toBe('287082');
  });

  it('accepts the code one step either side and refuses two steps away', () => {
    const at = new Date('2026-12-02T02:00:00Z');
    const code = totpCode(RFC_SECRET, at);
    expect(matchTotp(RFC_SECRET, code, new Date(at.getTime() + 30_000))).not.toBeNull();
    expect(matchTotp(RFC_SECRET, code, new Date(at.getTime() + 60_000))).toBeNull();
    expect(matchTotp(RFC_SECRET, 'abcdef', at)).toBeNull();
  });

  it('writes an otpauth URI authenticator apps read', () => {
    const uri = new URL(otpauthUri({ secret: RFC_SECRET, account: 'saule', issuer: 'Open Budget Map' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(uri.searchParams.get('period')).toBe('30');
  });
});
