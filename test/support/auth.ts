/**
 * Signed-in users for tests: a key pair generated here, real JWTs signed with it, verified by the
 * production verifier (`functions/auth/verify-token.ts`) against a key set served from memory.
 *
 *   const auth = await testAuth();
 *   const app = createApp({ store, auth: auth.verifier, now });
 *   await app.request('/api/me', { headers: { Authorization: `Bearer ${await auth.tokenFor(user)}` } });
 */
import {
  createLocalJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import type { TokenVerifier } from '../../functions/api/env';
import { claimsFor } from '../../functions/auth/claims';
import { createTokenVerifier } from '../../functions/auth/verify-token';
import type { Store } from '../../functions/data/client';
import { putConsentIfMissing } from '../../functions/data/consents';
import { accountAcceptance } from '../../functions/services/consents';
import type { Principal, Role } from '../../shared/users';
import { openedStores } from './store';

export const TEST_ISSUER = 'https://issuer.test.invalid/pool';
export const TEST_AUDIENCE = 'test-client';
export const TEST_KID = 'test-key-1';

export interface TestAuth {
  verifier: TokenVerifier;
  /**
   * A valid id token (Cognito shape) for `principal`, expiring in an hour. It says a second factor
   * was checked (`amr: ["otp"]`), as staff tokens must (functions/auth/mfa.ts); pass `{ mfa: false }`
   * for a staff sign-in without one. Its user has accepted the account text at sign-up (on every
   * table the test file opened, when the token is first verified); pass `{ signedUp: false }` for
   * an account that has not yet.
   */
  tokenFor(principal: Principal, opts?: TokenOptions): Promise<string>;
  /** Signs any payload with the test key (for bad-token tests): `header` overrides kid/alg. */
  sign(payload: JWTPayload, header?: { kid?: string; alg?: 'ES256' }): Promise<string>;
  /** Bearer header value for `principal`. */
  bearer(principal: Principal, opts?: TokenOptions): Promise<Record<string, string>>;
  issuer: string;
  audience: string;
  publicJwk: JWK;
}

export interface TokenOptions {
  mfa?: boolean;
  signedUp?: boolean;
}

/** A claim only test tokens carry: its user has not signed up (the production verifier ignores it). */
const NOT_SIGNED_UP = 'test:not_signed_up';

/** Who has signed up on which table already (one write per user and table). */
const signedUpOn = new WeakMap<Store, Map<string, Promise<unknown>>>();

/**
 * Records the account text's acceptance for `sub` on every table this file opened, as a real
 * sign-up does (PUT /api/me/sign-up). A table whose client a test has closed is skipped.
 */
function signUpEverywhere(sub: string): Promise<unknown> {
  return Promise.all(
    openedStores.map((store) => {
      const subs = signedUpOn.get(store) ?? new Map<string, Promise<unknown>>();
      signedUpOn.set(store, subs);
      let done = subs.get(sub);
      if (!done) {
        // A failed write is forgotten, so the user's next request tries again (the request itself
        // then meets the API's refusal, as a user who has not signed up would).
        done = putConsentIfMissing(store, sub, accountAcceptance(new Date().toISOString())).catch(() => {
          subs.delete(sub);
          return false;
        });
        subs.set(sub, done);
      }
      return done;
    }),
  );
}

/**
 * Forgets that `sub` signed up, so its next verified token signs it up again: for a test that erased
 * the account (erasure removes the acceptance, as it must) and goes on using the same user.
 */
export function forgetSignUp(sub: string): void {
  for (const store of openedStores) signedUpOn.get(store)?.delete(sub);
}

export async function testAuth(): Promise<TestAuth> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: TEST_KID, alg: 'ES256', use: 'sig' };
  const production = createTokenVerifier({
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    keys: createLocalJWKSet({ keys: [publicJwk] }),
  });
  const verifier: TokenVerifier = {
    async verify(token) {
      const principal = await production.verify(token);
      if (decodeJwt(token)[NOT_SIGNED_UP] !== true) await signUpEverywhere(principal.sub);
      return principal;
    },
  };
  const sign: TestAuth['sign'] = (payload, header = {}) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: header.alg ?? 'ES256', kid: header.kid ?? TEST_KID })
      .sign(privateKey);
  const tokenFor = (principal: Principal, opts: TokenOptions = {}) =>
    new SignJWT({
      ...claimsFor(principal),
      token_use: 'id',
      ...(opts.mfa === false ? {} : { amr: ['otp'] }),
      ...(opts.signedUp === false ? { [NOT_SIGNED_UP]: true } : {}),
    })
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
    bearer: async (p, opts) => ({ Authorization: `Bearer ${await tokenFor(p, opts)}` }),
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
