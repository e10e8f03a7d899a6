/**
 * Signed-in users for tests: a key pair generated here, real JWTs signed with it, verified by the
 * production verifier (`functions/auth/verify-token.ts`) against a key set served from memory.
 *
 *   const auth = await testAuth();
 *   const app = createApp({ store, auth: auth.verifier, now });
 *   await app.request('/api/me', { headers: { Authorization: `Bearer ${await auth.tokenFor(user)}` } });
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import type { TokenVerifier } from '../../functions/api/env';
import { claimsFor } from '../../functions/auth/claims';
import { createTokenVerifier } from '../../functions/auth/verify-token';
import type { Principal, Role } from '../../shared/users';

export const TEST_ISSUER = 'https://issuer.test.invalid/pool';
export const TEST_AUDIENCE = 'test-client';
export const TEST_KID = 'test-key-1';

export interface TestAuth {
  verifier: TokenVerifier;
  /**
   * A valid id token (Cognito shape) for `principal`, expiring in an hour. It says a second factor
   * was checked (`amr: ["otp"]`), as staff tokens must (functions/auth/mfa.ts); pass `{ mfa: false }`
   * for a staff sign-in without one.
   */
  tokenFor(principal: Principal, opts?: { mfa?: boolean }): Promise<string>;
  /** Signs any payload with the test key (for bad-token tests): `header` overrides kid/alg. */
  sign(payload: JWTPayload, header?: { kid?: string; alg?: 'ES256' }): Promise<string>;
  /** Bearer header value for `principal`. */
  bearer(principal: Principal): Promise<Record<string, string>>;
  issuer: string;
  audience: string;
  publicJwk: JWK;
}

export async function testAuth(): Promise<TestAuth> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: TEST_KID, alg: 'ES256', use: 'sig' };
  const verifier = createTokenVerifier({
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    keys: createLocalJWKSet({ keys: [publicJwk] }),
  });
  const sign: TestAuth['sign'] = (payload, header = {}) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: header.alg ?? 'ES256', kid: header.kid ?? TEST_KID })
      .sign(privateKey);
  const tokenFor = (principal: Principal, opts: { mfa?: boolean } = {}) =>
    new SignJWT({ ...claimsFor(principal), token_use: 'id', ...(opts.mfa === false ? {} : { amr: ['otp'] }) })
      .setProtectedHeader({ alg: 'ES256', kid: TEST_KID })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  return {
    verifier,
    tokenFor,
    sign,
    bearer: async (p) => ({ Authorization: `Bearer ${await tokenFor(p)}` }),
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    publicJwk,
  };
}

/** A principal for tests: `user('citizen')`, `user('official', { bodies: ['zha-roads'] })`. */
export function user(role: Role, over: Partial<Principal> = {}): Principal {
  return {
    sub: `test-${role}`,
    name: `Test ${role}`,
    roles: role === 'citizen' ? ['citizen'] : ['citizen', role],
    bodies: [],
    ...over,
  };
}
