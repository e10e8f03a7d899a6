/**
 * The managed-login code exchange (`POST /api/auth/token`) against a stand-in OAuth provider over
 * real HTTP (test/support/oauth-provider.ts): the API hands out an id token only for a code with
 * its PKCE verifier, only after verifying the token itself, and says 503 + Retry-After when the
 * provider cannot be reached.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { AppDeps } from '../../functions/api/env';
import { cognitoMfaCheck } from '../../functions/auth/mfa';
import { createOAuthSignIn, type OAuthSignIn } from '../../functions/auth/oauth';
import { totpCode } from '../../functions/auth/totp';
import { createTokenVerifier, jwksFromUrl } from '../../functions/auth/verify-token';
import type { Store } from '../../functions/data/client';
import { getProfile } from '../../functions/data/users';
import { freePort } from '../../functions/local/dynamodb-local';
import { ACCOUNT_CONSENT_VERSION } from '../../shared/consent-versions';
import type { Principal } from '../../shared/users';
import {
  associateSoftwareToken,
  confirmSoftwareToken,
  enrolmentOf,
  otpauthUri,
  TotpSetupError,
} from '../../web/src/auth/cognitoTotp';
import { testAuth } from '../support/auth';
import { cognitoIdpStandIn } from '../support/cognito-idp';
import { refuseTokens } from '../support/fixtures';
import { type OAuthProvider, s256, startOAuthProvider } from '../support/oauth-provider';
import { createTestStore } from '../support/store';

const CLIENT_ID = 'stand-in-web-client';
const REDIRECT_URI = 'http://127.0.0.1:5999/';
const VERIFIER = 'dBjftJeZ4CVP-mB92K9uhvN2Hz8Ij6cLNpuHIpAK_kg';
const OTHER_VERIFIER = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';
const user: Principal = {
  sub: 'oauth-citizen-1',
  name: 'Айгерім Нұрланқызы',
  roles: ['citizen'],
  bodies: [],
};

let store: Store;
let provider: OAuthProvider;
let hanging: Server;

beforeAll(async () => {
  store = await createTestStore('oauth');
  provider = await startOAuthProvider({ clientId: CLIENT_ID, user });
  // Accepts connections and never answers: the exchange must give up on its own.
  hanging = createServer(() => {});
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await provider?.stop();
  hanging?.closeAllConnections();
  await new Promise<void>((r) => hanging?.close(() => r()));
  store?.raw.destroy();
});

function signInVia(hostedUiUrl: string, opts: { timeoutMs?: number; verifier?: AppDeps['auth'] } = {}) {
  return createOAuthSignIn({
    settings: { hostedUiUrl, clientId: CLIENT_ID, redirectUri: REDIRECT_URI },
    verifier: opts.verifier ?? provider.verifier(),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
}

function appWith(oauth: OAuthSignIn | undefined) {
  return createApp({
    store,
    auth: provider.verifier(),
    now: () => new Date(),
    ...(oauth ? { oauth } : {}),
  });
}

const exchange = (app: ReturnType<typeof createApp>, body: unknown) =>
  app.request('/api/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('sign-in config', () => {
  it('tells the web to use the provider’s managed login when the code flow is configured', async () => {
    const res = await appWith(signInVia(provider.url)).request('/api/auth/config');
    expect(await res.json()).toEqual({
      mode: 'oauth',
      authorizeUrl: `${provider.url}/oauth2/authorize`,
      clientId: CLIENT_ID,
      scope: 'openid email profile aws.cognito.signin.user.admin',
      redirectUri: REDIRECT_URI,
      logoutUrl: `${provider.url}/logout?client_id=${CLIENT_ID}&logout_uri=${encodeURIComponent(REDIRECT_URI)}`,
    });
  });

  it('says sign-in is not available when neither the local issuer nor the code flow is there', async () => {
    const res = await createApp({ store, auth: refuseTokens, now: () => new Date() }).request(
      '/api/auth/config',
    );
    expect(await res.json()).toEqual({ mode: 'none' });
  });
});

describe('code exchange', () => {
  it('returns a verified id token that the API accepts as the provider’s user', async () => {
    const app = appWith(signInVia(provider.url));
    const res = await exchange(app, {
      code: provider.issueCode(s256(VERIFIER), REDIRECT_URI),
      codeVerifier: VERIFIER,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { idToken, expiresIn } = (await res.json()) as { idToken: string; expiresIn: number };
    expect(expiresIn).toBeGreaterThan(3500);
    const me = await app.request('/api/me', { headers: { Authorization: `Bearer ${idToken}` } });
    expect(((await me.json()) as { name: string }).name).toBe(user.name);
  });

  it('stores no profile for a first-time user until they accept the account text; the sign-up then puts them in the admin’s user list', async () => {
    const newcomer: Principal = {
      sub: 'oauth-newcomer',
      name: 'Ерлан Сәрсенұлы',
      roles: ['citizen'],
      bodies: [],
    };
    const other = await startOAuthProvider({ clientId: CLIENT_ID, user: newcomer });
    try {
      const app = createApp({
        store,
        auth: other.verifier(),
        now: () => new Date(),
        oauth: signInVia(other.url, { verifier: other.verifier() }),
      });
      const res = await exchange(app, {
        code: other.issueCode(s256(VERIFIER), REDIRECT_URI),
        codeVerifier: VERIFIER,
      });
      expect(res.status).toBe(200);
      expect(await getProfile(store, newcomer.sub)).toBeNull();
      const { idToken } = (await res.json()) as { idToken: string };
      const signUp = await app.request('/api/me/sign-up', {
        method: 'PUT',
        headers: { Authorization: `Bearer ${idToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ version: ACCOUNT_CONSENT_VERSION }),
      });
      expect(signUp.status).toBe(200);
      expect(await getProfile(store, newcomer.sub)).toMatchObject({
        name: newcomer.name,
        roles: ['citizen'],
      });
    } finally {
      await other.stop();
    }
  });

  it('refuses staff whose token shows no second factor with 401 auth.mfa_required, handing out no token', async () => {
    const official: Principal = {
      sub: 'oauth-official',
      name: 'Official',
      roles: ['citizen', 'official'],
      bodies: [],
    };
    const other = await startOAuthProvider({ clientId: CLIENT_ID, user: official });
    try {
      const app = appWith(signInVia(other.url, { verifier: other.verifier() }));
      const res = await exchange(app, {
        code: other.issueCode(s256(VERIFIER), REDIRECT_URI),
        codeVerifier: VERIFIER,
      });
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe('auth.mfa_required');
      expect(res.headers.get('set-cookie')).toBeNull();
    } finally {
      await other.stop();
    }
  });

  it('hands staff without TOTP their access token, with which the web sets TOTP up at the pool; the next sign-in gets in; signed in, they move to a new phone', async () => {
    const official: Principal = {
      sub: 'oauth-admin',
      name: 'Admin',
      roles: ['citizen', 'admin'],
      bodies: [],
    };
    const pool = cognitoIdpStandIn();
    const other = await startOAuthProvider({
      clientId: CLIENT_ID,
      user: official,
      identity: pool,
      refreshTokens: true,
    });
    // The stand-in provider gives every user this access token; the pool knows it as the admin's.
    pool.addAccessToken('not-used-here', official.sub);
    try {
      const verifier = createTokenVerifier({
        issuer: other.url,
        audience: CLIENT_ID,
        keys: jwksFromUrl(`${other.url}/.well-known/jwks.json`),
        // The production check, asking the stand-in pool instead of AdminGetUser over IAM.
        staffMfa: cognitoMfaCheck({ getUser: (u) => pool.adminGetUser(u) }),
      });
      const oauth = createOAuthSignIn({
        settings: {
          hostedUiUrl: other.url,
          clientId: CLIENT_ID,
          redirectUri: REDIRECT_URI,
          identityUrl: other.url,
        },
        verifier,
      });
      // Bearers are the other provider's tokens here, checked as in production (MFA asked of the pool).
      const app = createApp({ store, auth: verifier, now: () => new Date(), oauth });
      const signIn = () =>
        exchange(app, { code: other.issueCode(s256(VERIFIER), REDIRECT_URI), codeVerifier: VERIFIER });

      const refused = await signIn();
      expect(refused.status).toBe(401);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      const problem = await refused.json();
      expect(problem).toMatchObject({
        code: 'auth.mfa_required',
        enrolment: {
          accessToken: 'not-used-here',
          identityUrl: other.url,
          account: 'oauth-admin@example.kz',
        },
      });

      // The web's own client code (web/src/auth/cognitoTotp.ts) against the pool's JSON protocol.
      const enrolment = enrolmentOf(problem);
      if (!enrolment) throw new Error('no enrolment');
      const secret = await associateSoftwareToken(enrolment);
      expect(otpauthUri(secret, enrolment.account)).toContain(`secret=${secret}`);
      const wrong = await confirmSoftwareToken(enrolment, '000000').catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(TotpSetupError);
      expect((wrong as TotpSetupError).failure).toBe('code');
      expect((await signIn()).status).toBe(401);

      await confirmSoftwareToken(enrolment, totpCode(secret, new Date()));
      expect(pool.calls).toEqual([
        'AssociateSoftwareToken',
        'VerifySoftwareToken',
        'VerifySoftwareToken',
        'SetUserMFAPreference',
      ]);
      const admitted = await signIn();
      expect(admitted.status).toBe(200);
      const { idToken } = (await admitted.json()) as { idToken: string };
      expect(idToken).toBeTypeOf('string');

      // A new phone, while signed in: the refresh cookie buys the admin's own access token again.
      const cookie = admitted.headers.get('set-cookie')?.split(';')[0] ?? '';
      const renewal = await app.request('/api/auth/totp-device', {
        method: 'POST',
        headers: { Authorization: `Bearer ${idToken}`, Cookie: cookie, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(renewal.status).toBe(200);
      expect(renewal.headers.get('set-cookie')).toMatch(/^obm_refresh=.*HttpOnly/);
      const renewing = enrolmentOf(await renewal.json());
      if (!renewing) throw new Error('no enrolment');
      const newSecret = await associateSoftwareToken(renewing);
      const accepts = (s: string) => pool.acceptsCode(official.sub, totpCode(s, new Date()));
      // As documented: the old app keeps working until the new one is verified.
      expect(accepts(secret)).toBe(true);
      await confirmSoftwareToken(renewing, totpCode(newSecret, new Date()));
      expect(accepts(newSecret)).toBe(true);
      expect(accepts(secret)).toBe(false);
      expect((await signIn()).status).toBe(200);
      // A token the pool does not know (expired, or someone else's) is worded as "sign in again".
      const stale = await associateSoftwareToken({ ...enrolment, accessToken: 'expired' }).catch(
        (e: unknown) => e,
      );
      expect((stale as TotpSetupError).failure).toBe('expired');
    } finally {
      await other.stop();
    }
  });

  it('renews through the provider’s refresh grant, rotating the cookie; a rotated-out token is refused', async () => {
    // A provider that rotates: each refresh token is good once (as Cognito's with rotation on).
    const auth = await testAuth();
    const live = new Set(['refresh-token-number-0001']);
    let n = 1;
    const rotating = createServer((req, res) => {
      let raw = '';
      req.on('data', (d) => {
        raw += d;
      });
      req.on('end', async () => {
        const form = new URLSearchParams(raw);
        const presented = form.get('refresh_token') ?? '';
        res.setHeader('Content-Type', 'application/json');
        if (form.get('grant_type') !== 'refresh_token' || !live.delete(presented)) {
          res.statusCode = 400;
          return res.end(JSON.stringify({ error: 'invalid_grant' }));
        }
        const next = `refresh-token-number-${String(++n).padStart(4, '0')}`;
        live.add(next);
        res.end(JSON.stringify({ id_token: await auth.tokenFor(user), refresh_token: next }));
      });
    });
    await new Promise<void>((r) => rotating.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(rotating.address() as AddressInfo).port}`;
      const app = createApp({
        store,
        auth: auth.verifier,
        now: () => new Date(),
        oauth: signInVia(url, { verifier: auth.verifier }),
      });
      const refresh = (token: string) =>
        app.request('http://127.0.0.1/api/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: `obm_refresh=${token}` },
          body: '{}',
        });
      const renewed = await refresh('refresh-token-number-0001');
      expect(renewed.status).toBe(200);
      expect(renewed.headers.get('set-cookie')).toMatch(/^obm_refresh=refresh-token-number-0002; .*HttpOnly/);
      const { idToken } = (await renewed.json()) as { idToken: string };
      expect((await app.request('/api/me', { headers: { Authorization: `Bearer ${idToken}` } })).status).toBe(
        200,
      );
      const reused = await refresh('refresh-token-number-0001');
      expect(reused.status).toBe(401);
      expect((await reused.json()).code).toBe('auth.refresh_refused');
    } finally {
      await new Promise<void>((r) => rotating.close(() => r()));
    }
  });

  it('refuses a code presented with the wrong PKCE verifier (400 problem+json)', async () => {
    const app = appWith(signInVia(provider.url));
    const res = await exchange(app, {
      code: provider.issueCode(s256(VERIFIER), REDIRECT_URI),
      codeVerifier: OTHER_VERIFIER,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/validation', errors: [{ field: 'code' }] });
  });

  it('refuses a code the second time it is used', async () => {
    const app = appWith(signInVia(provider.url));
    const body = { code: provider.issueCode(s256(VERIFIER), REDIRECT_URI), codeVerifier: VERIFIER };
    expect((await exchange(app, body)).status).toBe(200);
    expect((await exchange(app, body)).status).toBe(400);
  });

  it('never hands out a token its own verifier refuses (502, no token)', async () => {
    const wrongIssuer = await testAuth();
    const app = appWith(signInVia(provider.url, { verifier: wrongIssuer.verifier }));
    const res = await exchange(app, {
      code: provider.issueCode(s256(VERIFIER), REDIRECT_URI),
      codeVerifier: VERIFIER,
    });
    expect(res.status).toBe(502);
    expect(JSON.stringify(await res.json())).not.toContain('eyJ');
  });

  it('answers 503 with Retry-After when the provider is down', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const res = await exchange(appWith(signInVia(nobody)), { code: 'abc', codeVerifier: VERIFIER });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('gives up on a provider that does not answer within the timeout (503)', async () => {
    const silent = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const started = Date.now();
    const res = await exchange(appWith(signInVia(silent, { timeoutMs: 300 })), {
      code: 'abc',
      codeVerifier: VERIFIER,
    });
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('is not there (404) where the code flow is not configured', async () => {
    const res = await exchange(appWith(undefined), { code: 'abc', codeVerifier: VERIFIER });
    expect(res.status).toBe(404);
  });

  it('refuses a malformed verifier before calling the provider (400)', async () => {
    const res = await exchange(appWith(signInVia(provider.url)), { code: 'abc', codeVerifier: 'short' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'codeVerifier' }] });
  });
});
