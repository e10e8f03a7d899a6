/**
 * Bearer-token verification with `jose`, the same code for Amazon Cognito in the cloud and for the
 * local issuer of `npm start`; only the issuer URL and key set differ. Checks the signature against
 * the issuer's JWKS (cached, re-fetched when a token names an unknown `kid`), the issuer, the
 * audience (Cognito id tokens carry `aud`, access tokens carry `client_id` instead — `token_use`
 * says which), expiry and not-before. Algorithms are pinned to RS256/ES256: never `none`, never an
 * HMAC, so a public key can never be used as a shared secret. Staff tokens must also show a second
 * factor (./mfa.ts).
 */
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { PROBLEM_TYPES } from '../../shared/problem';
import type { Principal } from '../../shared/users';
import type { TokenVerifier } from '../api/env';
import { ProblemError, UnauthorizedError } from '../api/problems';
import { principalFromClaims } from './claims';
import { amrCheck, isStaff, MfaRequiredError, type StaffMfaCheck } from './mfa';

export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'];
/** Seconds of clock skew tolerated between the issuer and us. */
export const CLOCK_TOLERANCE_S = 5;

export interface VerifierOptions {
  /** The `iss` every token must carry, e.g. `https://cognito-idp.<region>.amazonaws.com/<pool>`. */
  issuer: string;
  /** The Cognito app client id (or the local audience). */
  audience: string;
  /** Where the signing keys come from: `jwksFromUrl(...)` in production, a local set in tests. */
  keys: JWTVerifyGetKey;
  /** Clock for exp/nbf; the real one unless a test pins it. */
  now?: () => Date;
  /**
   * How a staff token proves its second factor (./mfa.ts): the token's `amr` by default (local and
   * test issuers), the pool's MFA settings for Cognito. A staff token without it is refused.
   */
  staffMfa?: StaffMfaCheck;
}

/** The issuer's key set over HTTPS, cached and refreshed on an unknown `kid` (at most every 30 s). */
export function jwksFromUrl(url: string | URL, opts: { cooldownMs?: number } = {}): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), {
    timeoutDuration: 3000,
    cooldownDuration: opts.cooldownMs ?? 30_000,
    cacheMaxAge: 10 * 60_000,
  });
}

/** The issuer's JWKS could not be fetched: our trouble, not the caller's token. */
export class IssuerUnavailableError extends ProblemError {
  constructor() {
    super(
      503,
      PROBLEM_TYPES.unavailable,
      'Service unavailable',
      'The sign-in service is not answering; try again shortly.',
      undefined,
      { 'Retry-After': '5' },
      { code: 'upstream.unavailable' },
    );
  }
}

// Fetch failures, timeouts and an unreadable key set mean the issuer is down, not that the token is bad.
function isIssuerTrouble(err: unknown): boolean {
  if (!(err instanceof errors.JOSEError)) return true;
  return err.code === 'ERR_JWKS_TIMEOUT' || err.code === 'ERR_JWKS_INVALID';
}

export function createTokenVerifier(opts: VerifierOptions): TokenVerifier {
  const keys: JWTVerifyGetKey = async (header, token) => {
    try {
      return await opts.keys(header, token);
    } catch (err) {
      if (isIssuerTrouble(err)) {
        console.error(JSON.stringify({ level: 'error', msg: 'jwks unavailable', error: String(err) }));
        throw new IssuerUnavailableError();
      }
      throw err;
    }
  };

  const staffMfa = opts.staffMfa ?? amrCheck;
  const staffMfaOf: StaffMfaCheck = async (claims, principal) => {
    try {
      return await staffMfa(claims, principal);
    } catch (err) {
      // The pool not answering is our trouble, like the JWKS not answering: 503, retry.
      console.error(JSON.stringify({ level: 'error', msg: 'mfa state unavailable', error: String(err) }));
      throw new IssuerUnavailableError();
    }
  };

  return {
    async verify(token: string): Promise<Principal> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: opts.issuer,
          algorithms: ALLOWED_ALGORITHMS,
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: CLOCK_TOLERANCE_S,
          ...(opts.now ? { currentDate: opts.now() } : {}),
        }));
      } catch (err) {
        if (err instanceof ProblemError) throw err;
        if (err instanceof errors.JWTExpired) throw new UnauthorizedError('The token has expired.');
        throw new UnauthorizedError('The token is not valid.');
      }
      if (!isForAudience(payload, opts.audience)) throw new UnauthorizedError('The token is not valid.');
      const principal = principalFromClaims(payload);
      if (isStaff(principal) && !(await staffMfaOf(payload, principal))) throw new MfaRequiredError();
      return principal;
    },
  };
}

/**
 * Cognito id tokens name the app client in `aud`; access tokens have no `aud` and name it in
 * `client_id`. Any other `token_use` (or none) is refused, so a token meant for something else
 * cannot slip through either check.
 */
function isForAudience(payload: JWTPayload, audience: string): boolean {
  switch (payload.token_use) {
    case 'id': {
      const aud = payload.aud;
      return Array.isArray(aud) ? aud.includes(audience) : aud === audience;
    }
    case 'access':
      return payload.client_id === audience;
    default:
      return false;
  }
}
