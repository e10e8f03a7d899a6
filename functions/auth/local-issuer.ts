/**
 * The local token issuer of `npm start`: a stand-in for Cognito so a newcomer can sign in as any
 * demo user in two clicks. It keeps an ES256 signing key under .data/auth/ (made at first start,
 * git-ignored), serves the public half as a JWKS, and signs id tokens with Cognito's claims shape
 * from the user store (so admin grants apply to the next sign-in). The API verifies these tokens
 * with the production verifier, fetching this JWKS over HTTP like it fetches Cognito's.
 *
 * Staff (officials, moderators, secretaries, admins) also give a TOTP code, as Cognito asks them
 * in the cloud (./mfa.ts): the first time the issuer shows the secret to put into an authenticator
 * app (text and otpauth:// URI); demo staff share the documented DEMO_TOTP_SECRET, so browser tests
 * and newcomers can compute the code. Tokens that passed it say `amr: ["otp"]`.
 *
 * Like Cognito it hands out rotating refresh tokens (./refresh.ts): each is good once, and using one
 * again (a stolen copy, or the real one after the thief) ends that whole sign-in.
 *
 * Never mounted in the cloud: only scripts/start.ts and the test hub create one, and its routes
 * answer loopback hosts only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  SignJWT,
} from 'jose';
import { z } from 'zod';
import { ProblemError } from '../api/problems';
import type { Store } from '../data/client';
import { getProfile, listProfiles, profileToPrincipal, type UserProfile } from '../data/users';
import { claimsFor } from './claims';
import { DEMO_TOTP_SECRET, DEMO_USERS } from './demo-users';
import { isStaff, MfaCodeInvalidError, MfaRequiredError } from './mfa';
import { RefreshRefusedError, refreshCookie } from './refresh';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';

export const LOCAL_AUDIENCE = 'open-budget-map-local';
export const LOCAL_ISSUER_PATH = '/local-auth';
/** As Cognito's id tokens in this app's pool (infra/constructs/identity.ts): an hour, then refresh. */
export const TOKEN_LIFETIME_S = 3600;
/** As the pool's refresh tokens: 30 days. */
const REFRESH_LIFETIME_S = 30 * 24 * 3600;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** A fresh ES256 key pair, its kid the RFC 7638 thumbprint of the public key. */
export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub);
  return {
    key: { kid, privateKey, publicJwk: { ...pub, kid, alg: 'ES256', use: 'sig' } },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
  };
}

/** Reads the signing key from `dir`, creating it (owner-readable only) on first start. */
export async function loadOrCreateSigningKey(dir: string): Promise<SigningKey> {
  const file = join(dir, 'signing-key.jwk.json');
  try {
    const jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
    const privateKey = (await importJWK(jwk, 'ES256')) as CryptoKey;
    const { d: _d, ...pub } = jwk;
    const kid = jwk.kid ?? (await calculateJwkThumbprint(pub));
    return { kid, privateKey, publicJwk: { ...pub, kid, alg: 'ES256', use: 'sig' } };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const { key, privateJwk } = await generateSigningKey();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(privateJwk), { mode: 0o600, flag: 'wx' });
  return key;
}

/** What a sign-in or a refresh hands out; the refresh token goes into an HttpOnly cookie, never to page scripts. */
export interface IssuedTokens {
  token: string;
  expiresAt: string;
  /** Seconds until `token` expires. */
  expiresIn: number;
  refreshToken: string;
}

/** How a staff member sets up their authenticator app: the secret as text and as an otpauth:// URI. */
export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
}

/** A staff sign-in without a (right) code; carries the enrolment while the user has not confirmed one. */
export class LocalMfaChallenge extends ProblemError {
  constructor(
    readonly reason: MfaRequiredError | MfaCodeInvalidError,
    readonly enrolment: MfaEnrolment | null,
  ) {
    super(reason.status, reason.type, reason.title, reason.message, undefined, {}, { code: reason.code });
  }
}

export interface LocalIssuer {
  /** The `iss` of its tokens, e.g. `http://127.0.0.1:8787/local-auth`. */
  issuer: string;
  audience: string;
  jwks(): JSONWebKeySet;
  /**
   * Tokens for a stored user, or null when there is no such user. Staff must send the current TOTP
   * code (`totp`); without it, or with a wrong one, this throws a LocalMfaChallenge.
   */
  issue(sub: string, proof?: { totp?: string }): Promise<IssuedTokens | null>;
  /** New tokens for a refresh token, which is used up (rotated); throws RefreshRefusedError. */
  refresh(refreshToken: string): Promise<IssuedTokens>;
  /** Ends the sign-in a refresh token belongs to (sign-out). */
  revoke(refreshToken: string): void;
  users(): Promise<UserProfile[]>;
  /**
   * Its HTTP face (the JWKS, the demo users, the token endpoint) and where the local app mounts it.
   * Reached through the object, so the API (functions/api/app.ts) never imports this module: the
   * Lambda bundle carries neither the issuer nor the demo users.
   */
  mountPath: string;
  routes(): Hono;
}

interface RefreshGrant {
  sub: string;
  /** One sign-in: every rotation of it shares the family, and reuse of any old one ends it. */
  family: string;
  mfa: boolean;
  expiresAt: number;
  /** When it was traded for the next one; null while unused. */
  usedAt: number | null;
}

/** As the pool client's rotation grace (infra/constructs/identity.ts): a lost answer may be retried. */
const ROTATION_GRACE_MS = 10_000;

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export function createLocalIssuer(opts: {
  key: SigningKey;
  /** Origin the hub is reached at, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  store: Store;
  now?: () => Date;
}): LocalIssuer {
  const issuer = `${opts.origin}${LOCAL_ISSUER_PATH}`;
  const now = opts.now ?? (() => new Date());
  // Built here, not at module level: a module-level computation would keep the demo users (and the
  // demo bodies they are bound to) in the Lambda bundle, which imports this module for its routes only.
  const DEMO_SUBS = new Set(DEMO_USERS.map((u) => u.sub));
  // Kept in memory: a restart signs everyone out and asks staff to confirm their app again.
  const authenticators = new Map<string, { secret: string; confirmed: boolean }>();
  const grants = new Map<string, RefreshGrant>();
  const revokedFamilies = new Set<string>();

  const authenticatorOf = (sub: string) => {
    let entry = authenticators.get(sub);
    if (!entry) {
      entry = { secret: DEMO_SUBS.has(sub) ? DEMO_TOTP_SECRET : newTotpSecret(), confirmed: false };
      authenticators.set(sub, entry);
    }
    return entry;
  };

  async function sign(profile: UserProfile, mfa: boolean, family: string): Promise<IssuedTokens> {
    const iat = Math.floor(now().getTime() / 1000);
    const token = await new SignJWT({
      ...claimsFor(profileToPrincipal(profile)),
      token_use: 'id',
      // RFC 8176: a one-time password was checked at this sign-in (./mfa.ts reads it).
      ...(mfa ? { amr: ['pwd', 'otp'] } : {}),
    })
      .setProtectedHeader({ alg: 'ES256', kid: opts.key.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_LIFETIME_S)
      .sign(opts.key.privateKey);
    const refreshToken = randomBytes(32).toString('base64url');
    grants.set(digest(refreshToken), {
      sub: profile.sub,
      family,
      mfa,
      expiresAt: (iat + REFRESH_LIFETIME_S) * 1000,
      usedAt: null,
    });
    return {
      token,
      expiresAt: new Date((iat + TOKEN_LIFETIME_S) * 1000).toISOString(),
      expiresIn: TOKEN_LIFETIME_S,
      refreshToken,
    };
  }

  const self: LocalIssuer = {
    issuer,
    audience: LOCAL_AUDIENCE,
    jwks: () => ({ keys: [opts.key.publicJwk] }),
    async issue(sub, proof = {}) {
      const profile = await getProfile(opts.store, sub);
      if (!profile) return null;
      const staff = isStaff(profile);
      if (staff) {
        const app = authenticatorOf(sub);
        const enrolment = app.confirmed
          ? null
          : {
              secret: app.secret,
              otpauthUri: otpauthUri({ secret: app.secret, account: sub, issuer: 'Open Budget Map (local)' }),
            };
        if (!proof.totp) throw new LocalMfaChallenge(new MfaRequiredError(), enrolment);
        if (matchTotp(app.secret, proof.totp, now()) === null)
          throw new LocalMfaChallenge(new MfaCodeInvalidError(), enrolment);
        app.confirmed = true;
      }
      return sign(profile, staff, randomBytes(12).toString('base64url'));
    },
    async refresh(refreshToken) {
      const key = digest(refreshToken);
      const grant = grants.get(key);
      if (!grant || revokedFamilies.has(grant.family) || grant.expiresAt <= now().getTime())
        throw new RefreshRefusedError();
      const at = now().getTime();
      if (grant.usedAt !== null && at - grant.usedAt > ROTATION_GRACE_MS) {
        // Reuse of a rotated-out token: someone has a copy. End the sign-in for both holders.
        revokedFamilies.add(grant.family);
        throw new RefreshRefusedError();
      }
      grant.usedAt ??= at;
      const profile = await getProfile(opts.store, grant.sub);
      if (!profile) throw new RefreshRefusedError();
      // A grant made since sign-in to someone who signed in without a code asks them to sign in again.
      if (isStaff(profile) && !grant.mfa) throw new RefreshRefusedError();
      return sign(profile, grant.mfa, grant.family);
    },
    revoke(refreshToken) {
      const grant = grants.get(digest(refreshToken));
      if (grant) revokedFamilies.add(grant.family);
    },
    users: () => listProfiles(opts.store),
    mountPath: LOCAL_ISSUER_PATH,
    routes: () => localIssuerRoutes(self),
  };
  return self;
}

const isLoopbackHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
const TokenRequest = z
  .object({
    sub: z.string().min(1).max(128),
    totp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();

function problem(
  status: 400 | 401 | 403 | 404,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/** The issuer's HTTP face, mounted at /local-auth by the local app only. */
export function localIssuerRoutes(issuer: LocalIssuer) {
  return new Hono()
    .use('*', async (c, next) => {
      if (!isLoopbackHost(new URL(c.req.url).hostname))
        return problem(403, 'Forbidden', 'The local sign-in answers on this machine only.');
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .get('/.well-known/jwks.json', (c) => c.json(issuer.jwks()))
    .get('/users', async (c) => {
      const users = await issuer.users();
      return c.json({
        localOnly: true,
        users: users.map(({ sub, name, roles, bodies }) => ({
          sub,
          name,
          roles,
          bodies,
          mfa: isStaff({ roles }),
        })),
      });
    })
    .post('/token', async (c) => {
      const parsed = TokenRequest.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success)
        return problem(
          400,
          'Invalid request',
          'Send {"sub": "<demo user id>", "totp": "<6 digits, staff only>"}.',
        );
      let issued: IssuedTokens | null;
      try {
        issued = await issuer.issue(parsed.data.sub, parsed.data.totp ? { totp: parsed.data.totp } : {});
      } catch (err) {
        if (!(err instanceof LocalMfaChallenge)) throw err;
        return problem(401, err.title, err.message, {
          code: err.code,
          ...(err.enrolment ? { enrolment: err.enrolment } : {}),
        });
      }
      if (!issued) return problem(404, 'Not found', 'No such local user.');
      // The refresh token goes where page scripts cannot read it; /api/auth/refresh reads it back.
      c.header('Set-Cookie', refreshCookie(issued.refreshToken, c.req.url));
      const { refreshToken: _kept, ...body } = issued;
      return c.json(body);
    });
}
