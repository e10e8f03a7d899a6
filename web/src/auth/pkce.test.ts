import { describe, expect, it } from 'vitest';
import { pkceChallenge, randomUrlSafe } from './pkce';

describe('PKCE', () => {
  // The verifier as printed in RFC 7636 appendix B (base64url of the octets listed there); a
  // variant ending "…HIpAK_kg" circulates in blog posts but does not hash to this challenge.
  it('derives the S256 challenge of RFC 7636 appendix B from its verifier', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of 43 unreserved characters, different each time', () => {
    const a = randomUrlSafe();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomUrlSafe()).not.toBe(a);
  });
});
