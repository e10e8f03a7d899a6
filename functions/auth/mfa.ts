/**
 * Second factor for staff (issue 22): officials, moderators, club secretaries and admins act for
 * others, so their sign-in needs a TOTP code as well as a password; citizens and club members are
 * never asked. Cognito sets MFA per pool, so the pool keeps it OPTIONAL (TOTP only) and this app
 * refuses staff tokens that carry no proof of a second factor — at sign-in and on every request,
 * since a token can also be had from the provider without going through our sign-in page.
 *
 * What counts as proof depends on the issuer:
 * - the local issuer and the test issuer put `amr: ["otp"]` (RFC 8176) into tokens they issued
 *   after checking a TOTP code; the claim is inside the signature, so a client cannot add it;
 * - Cognito's id tokens carry no `amr`, so for a Cognito issuer the API asks the pool itself
 *   (AdminGetUser, with the function's IAM role) whether the user has TOTP set up: with MFA
 *   OPTIONAL, Cognito challenges every sign-in of a user who has, so their tokens passed TOTP.
 */
import type { JWTPayload } from 'jose';
import { PROBLEM_TYPES } from '../../shared/problem';
import type { Principal, Role } from '../../shared/users';
import { ProblemError } from '../api/problems';
import { userPoolOf } from './groups';

/** The roles that act for others and so must sign in with a second factor. */
export const STAFF_ROLES: readonly Role[] = ['official', 'moderator', 'club_secretary', 'admin'];

export const isStaff = (p: Pick<Principal, 'roles'>): boolean => p.roles.some((r) => STAFF_ROLES.includes(r));

/** RFC 8176 `amr` values that mean "a one-time password was checked". */
const OTP_AMR = new Set(['otp', 'mfa']);

/** True when a (verified) token says a second factor was checked at sign-in. */
export function amrShowsMfa(claims: JWTPayload): boolean {
  const amr = claims.amr;
  return Array.isArray(amr) && amr.some((v) => typeof v === 'string' && OTP_AMR.has(v));
}

/** Decides whether a verified staff token passed a second factor; may ask the issuer (Cognito). */
export type StaffMfaCheck = (claims: JWTPayload, principal: Principal) => Promise<boolean>;

export const amrCheck: StaffMfaCheck = async (claims) => amrShowsMfa(claims);

/** A staff member signed in (or tried to) without a second factor. */
export class MfaRequiredError extends ProblemError {
  constructor(detail = 'Staff accounts sign in with a one-time code from an authenticator app.') {
    super(
      401,
      PROBLEM_TYPES.unauthorized,
      'Unauthorized',
      detail,
      undefined,
      {},
      { code: 'auth.mfa_required' },
    );
  }
}

/**
 * What a staff member without TOTP needs to set it up in the cloud: their own access token (with the
 * `aws.cognito.signin.user.admin` scope) and the user pool's API, which the page calls itself
 * (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference: web/src/auth/cognitoTotp.ts).
 * The token is the user's own, from the code exchange this browser started with its PKCE verifier;
 * it opens nothing in this app (the API takes id tokens, and refuses this user until TOTP is set up).
 */
export interface CloudTotpEnrolment {
  accessToken: string;
  /** `https://cognito-idp.<region>.amazonaws.com`: the origin of the pool's issuer. */
  identityUrl: string;
  /** The name the authenticator app shows for the account (the e-mail, else the subject). */
  account: string;
}

/** The code exchange refused a staff member without TOTP: the answer carries how to set it up. */
export class MfaEnrolmentRequired extends MfaRequiredError {
  constructor(readonly enrolment: CloudTotpEnrolment) {
    super('Staff accounts sign in with a one-time code from an authenticator app; set one up first.');
  }
}

/** The one-time code was wrong (or too old). */
export class MfaCodeInvalidError extends ProblemError {
  constructor() {
    super(
      401,
      PROBLEM_TYPES.unauthorized,
      'Unauthorized',
      'The one-time code is not right; use the current code from the authenticator app.',
      undefined,
      {},
      { code: 'auth.mfa_code_invalid' },
    );
  }
}

/** Cognito's answer to AdminGetUser, the part used here. */
interface CognitoUserMfa {
  UserMFASettingList?: string[];
}

/**
 * The Cognito check: asks the pool (AdminGetUser, server side, IAM-signed) whether the user has
 * software-token MFA set up. The username is the verified token's `cognito:username` (the `sub` in
 * a pool signing in by email), so a client cannot point the question at someone else. A "yes" is
 * kept for a few minutes per user, so a staff member's requests cost one call per Lambda instance
 * now and then, and citizens none at all. A "no" is not kept: a staff member who has just set TOTP
 * up (web/src/auth/totpEnrolmentPage.tsx) signs in again at once, and must not be refused for minutes.
 */
export function cognitoMfaCheck(opts: {
  getUser: (username: string) => Promise<CognitoUserMfa>;
  now?: () => Date;
  cacheMs?: number;
}): StaffMfaCheck {
  const now = opts.now ?? (() => new Date());
  const cacheMs = opts.cacheMs ?? 5 * 60_000;
  const cache = new Map<string, { enrolled: boolean; until: number }>();
  return async (claims, principal) => {
    const username =
      typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : principal.sub;
    const hit = cache.get(username);
    if (hit && hit.until > now().getTime()) return hit.enrolled;
    const user = await opts.getUser(username);
    const enrolled = (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
    if (enrolled) cache.set(username, { enrolled, until: now().getTime() + cacheMs });
    return enrolled;
  };
}

/** The Cognito check for a Cognito issuer URL, or undefined for any other issuer (the `amr` then decides). */
export function cognitoMfaCheckFor(issuer: string): StaffMfaCheck | undefined {
  const pool = userPoolOf(issuer);
  if (!pool) return undefined;
  // The SDK loads on the first staff request, not on every cold start of the API.
  let client:
    | Promise<import('@aws-sdk/client-cognito-identity-provider').CognitoIdentityProviderClient>
    | undefined;
  return cognitoMfaCheck({
    getUser: async (Username) => {
      const sdk = await import('@aws-sdk/client-cognito-identity-provider');
      client ??= Promise.resolve(
        new sdk.CognitoIdentityProviderClient({ region: pool.region, maxAttempts: 2 }),
      );
      return (await client).send(new sdk.AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username }));
    },
  });
}
