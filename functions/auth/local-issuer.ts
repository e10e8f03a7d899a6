/**
 * The local token issuer of `npm start`: a stand-in for Cognito so a newcomer can sign in as any
 * demo user in two clicks. It keeps an ES256 signing key under .data/auth/ (made at first start,
 * git-ignored), serves the public half as a JWKS, and signs id tokens with Cognito's claims shape
 * from the user store (so admin grants apply to the next sign-in). The API verifies these tokens
 * with the production verifier, fetching this JWKS over HTTP like it fetches Cognito's.
 *
 * Never mounted in the cloud: only scripts/start.ts and the test hub create one, and its routes
 * answer loopback hosts only.
 */
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
import type { Store } from '../data/client';
import { getProfile, listProfiles, profileToPrincipal, type UserProfile } from '../data/users';
import { claimsFor } from './claims';

export const LOCAL_AUDIENCE = 'open-budget-map-local';
export const LOCAL_ISSUER_PATH = '/local-auth';
const TOKEN_LIFETIME_S = 8 * 3600;

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

export interface LocalIssuer {
  /** The `iss` of its tokens, e.g. `http://127.0.0.1:8787/local-auth`. */
  issuer: string;
  audience: string;
  jwks(): JSONWebKeySet;
  /** An id token for a stored user, or null when there is no such user. */
  issue(sub: string): Promise<{ token: string; expiresAt: string } | null>;
  users(): Promise<UserProfile[]>;
}

export function createLocalIssuer(opts: {
  key: SigningKey;
  /** Origin the hub is reached at, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  store: Store;
  now?: () => Date;
}): LocalIssuer {
  const issuer = `${opts.origin}${LOCAL_ISSUER_PATH}`;
  const now = opts.now ?? (() => new Date());
  return {
    issuer,
    audience: LOCAL_AUDIENCE,
    jwks: () => ({ keys: [opts.key.publicJwk] }),
    async issue(sub) {
      const profile = await getProfile(opts.store, sub);
      if (!profile) return null;
      const iat = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({ ...claimsFor(profileToPrincipal(profile)), token_use: 'id' })
        .setProtectedHeader({ alg: 'ES256', kid: opts.key.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + TOKEN_LIFETIME_S)
        .sign(opts.key.privateKey);
      return { token, expiresAt: new Date((iat + TOKEN_LIFETIME_S) * 1000).toISOString() };
    },
    users: () => listProfiles(opts.store),
  };
}

const isLoopbackHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
const TokenRequest = z.object({ sub: z.string().min(1).max(128) }).strict();

function problem(status: 400 | 403 | 404, title: string, detail: string) {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
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
        users: users.map(({ sub, name, roles, bodies }) => ({ sub, name, roles, bodies })),
      });
    })
    .post('/token', async (c) => {
      const parsed = TokenRequest.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return problem(400, 'Invalid request', 'Send {"sub": "<demo user id>"}.');
      const issued = await issuer.issue(parsed.data.sub);
      if (!issued) return problem(404, 'Not found', 'No such local user.');
      return c.json(issued);
    });
}
