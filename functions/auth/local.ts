/**
 * Sign-in for a hub running on this machine (`npm start`, browser tests). With AUTH_ISSUER set it
 * verifies that issuer's tokens (e.g. a dev Cognito pool); otherwise it runs the local issuer:
 * demo users in the store, a signing key, and the production verifier pointed at the local JWKS
 * over HTTP — the same path Cognito's tokens take.
 */
import type { AppDeps } from '../api/env';
import type { Store } from '../data/client';
import { cloudAuthFrom } from './config';
import { seedDemoUsers } from './demo-users';
import { createLocalIssuer, LOCAL_AUDIENCE, loadOrCreateSigningKey, type SigningKey } from './local-issuer';
import { oauthSignInFrom } from './oauth';
import { createTokenVerifier, jwksFromUrl } from './verify-token';

export type AuthDeps = Pick<AppDeps, 'auth' | 'local' | 'groups' | 'oauth'>;

export async function localAuthDeps(opts: {
  store: Store;
  /** Where the hub listens, e.g. `http://127.0.0.1:8787`: the issuer URL and JWKS live under it. */
  origin: string;
  /** Keeps the signing key across restarts (`.data/auth`); or pass `key` to use one in memory. */
  keyDir?: string;
  key?: SigningKey;
  env?: Record<string, string | undefined>;
  /** The issuer's and verifier's clock (token expiry, TOTP steps); the real one unless a test pins it. */
  now?: () => Date;
}): Promise<AuthDeps> {
  const env = opts.env ?? process.env;
  if (env.AUTH_ISSUER) {
    const { verifier, groups } = cloudAuthFrom(env);
    // A dev pool with a hosted domain signs in through its managed login, as the cloud does.
    const oauth = oauthSignInFrom(env, verifier);
    return { auth: verifier, ...(groups ? { groups } : {}), ...(oauth ? { oauth } : {}) };
  }
  const key = opts.key ?? (opts.keyDir ? await loadOrCreateSigningKey(opts.keyDir) : undefined);
  if (!key) throw new Error('localAuthDeps needs keyDir or key.');
  await seedDemoUsers(opts.store);
  const now = opts.now;
  const issuer = createLocalIssuer({ key, origin: opts.origin, store: opts.store, ...(now ? { now } : {}) });
  const auth = createTokenVerifier({
    issuer: issuer.issuer,
    audience: LOCAL_AUDIENCE,
    keys: jwksFromUrl(`${issuer.issuer}/.well-known/jwks.json`),
    ...(now ? { now } : {}),
  });
  return { auth, local: { issuer } };
}
