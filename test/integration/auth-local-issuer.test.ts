/**
 * The local issuer of `npm start` over real HTTP: its tokens are verified by the production
 * verifier, which fetches the issuer's JWKS from the running hub like it fetches Cognito's. Staff
 * sign in with a TOTP code (issue 22), and sessions renew through the refresh-token cookie; the
 * hub's clock is injected, so an hour can pass in a test.
 */

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_SECRET_HEADER } from '../../functions/api/origin-secret';
import { DEMO_TOTP_SECRET, DEMO_USERS } from '../../functions/auth/demo-users';
import { localAuthDeps } from '../../functions/auth/local';
import { loadOrCreateSigningKey } from '../../functions/auth/local-issuer';
import { totpCode } from '../../functions/auth/totp';
import type { Store } from '../../functions/data/client';
import { DEMO_BODIES } from '../../functions/demo/bodies';
import { freePort } from '../../functions/local/dynamodb-local';
import { createLocalApp, listen } from '../../functions/local/server';
import { createTestStore } from '../support/store';

let store: Store;
let server: Server;
let base: string;
let keyDir: string;
/** The hub's clock (issuer, verifier, app); tests move it forward. */
let clock = new Date();

beforeAll(async () => {
  store = await createTestStore('local-issuer');
  keyDir = await mkdtemp(join(tmpdir(), 'obm-auth-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const deps = await localAuthDeps({ store, origin: base, keyDir, env: {}, now: () => clock });
  server = await listen(createLocalApp({ store, now: () => clock, ...deps }), port);
});
afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  store?.raw.destroy();
  await rm(keyDir, { recursive: true, force: true });
});

const signIn = (body: { sub: string; totp?: string }) =>
  fetch(`${base}/local-auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Signs in as a demo user; staff give the code of the demo secret, as the browser helpers do. */
async function tokenFor(sub: string): Promise<string> {
  const totp = totpCode(DEMO_TOTP_SECRET, clock);
  const res = await signIn({ sub, totp });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** The refresh-token cookie a response set, as the browser would send it back. */
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const refresh = (cookie: string) =>
  fetch(`${base}/api/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: '{}',
  });

const me = async (token: string) =>
  fetch(`${base}/api/me`, { headers: { Authorization: `Bearer ${token}` } });

describe('local issuer', () => {
  it('lists two citizens, two club members, a secretary, a moderator, an admin and an official of each demo body', async () => {
    const { localOnly, users } = await (await fetch(`${base}/local-auth/users`)).json();
    expect(localOnly).toBe(true);
    const count = (role: string) => users.filter((u: { roles: string[] }) => u.roles.includes(role)).length;
    expect([
      count('club_member') - count('club_secretary'),
      count('club_secretary'),
      count('moderator'),
      count('admin'),
    ]).toEqual([2, 1, 1, 1]);
    expect(users.filter((u: { roles: string[] }) => u.roles.length === 1)).toHaveLength(2);
    const bound = new Set(users.flatMap((u: { bodies: string[] }) => u.bodies));
    expect(DEMO_BODIES.filter((b) => !bound.has(b.id))).toEqual([]);
  });

  it('issues a token the API accepts, with the same claims shape as Cognito id tokens', async () => {
    const official = DEMO_USERS.find((u) => u.bodies.includes('zha-roads'))!;
    const token = await tokenFor(official.sub);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({
      iss: `${base}/local-auth`,
      token_use: 'id',
      sub: official.sub,
      'cognito:groups': ['citizen', 'official', 'body:zha-roads'],
    });
    const res = await me(token);
    expect(res.status).toBe(200);
    expect((await res.json()).bodies).toEqual(['zha-roads']);
  });

  it('applies an admin grant at the next sign-in', async () => {
    const admin = await tokenFor('demo-admin-saule');
    const grant = await fetch(`${base}/api/admin/users/demo-citizen-nurlan/roles/moderator`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(grant.status).toBe(200);
    const res = await me(await tokenFor('demo-citizen-nurlan'));
    expect((await res.json()).roles).toEqual(['citizen', 'moderator']);
  });

  it('asks staff for a TOTP code, showing the secret to enrol until a code is confirmed; citizens are not asked', async () => {
    const sub = 'demo-moderator-marat';
    const asked = await signIn({ sub });
    expect(asked.status).toBe(401);
    const problem = await asked.json();
    expect(problem.code).toBe('auth.mfa_required');
    expect(problem.enrolment.secret).toBe(DEMO_TOTP_SECRET);
    expect(new URL(problem.enrolment.otpauthUri).searchParams.get('secret')).toBe(DEMO_TOTP_SECRET);
    const wrong = String((Number(totpCode(DEMO_TOTP_SECRET, clock)) + 1) % 1_000_000).padStart(6, '0');
    expect((await (await signIn({ sub, totp: wrong })).json()).code).toBe('auth.mfa_code_invalid');
    const token = await tokenFor(sub);
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).amr).toContain('otp');
    expect((await me(token)).status).toBe(200);
    // Confirmed: the next sign-in asks for the code only.
    expect((await (await signIn({ sub })).json()).enrolment).toBeUndefined();
    expect((await signIn({ sub: 'demo-citizen-aigerim' })).status).toBe(200);
  });

  it('keeps a session going past its hour through the refresh cookie, which rotates; a reused one ends it', async () => {
    const first = await signIn({ sub: 'demo-admin-saule', totp: totpCode(DEMO_TOTP_SECRET, clock) });
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/api\/auth/);
    const { token } = await first.json();
    clock = new Date(clock.getTime() + 61 * 60_000);
    expect((await me(token)).status).toBe(401);
    const renewed = await refresh(cookieOf(first));
    expect(renewed.status).toBe(200);
    const { idToken } = await renewed.json();
    const res = await me(idToken);
    expect(res.status).toBe(200);
    expect((await res.json()).roles).toContain('admin');
    // A minute later (past the rotation grace) the first cookie is used up: refused, and the
    // sign-in it belongs to ends, so the holder of the newer cookie must sign in again too.
    clock = new Date(clock.getTime() + 60_000);
    const reused = await refresh(cookieOf(first));
    expect(reused.status).toBe(401);
    expect((await reused.json()).code).toBe('auth.refresh_refused');
    expect(reused.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await refresh(cookieOf(renewed))).status).toBe(401);
  });

  it('answers an unknown user with 404 and no token', async () => {
    const res = await fetch(`${base}/local-auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sub: 'nobody' }),
    });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('eyJ');
  });

  it('keeps its signing key in the key folder, readable by the owner only, and reuses it', async () => {
    const file = join(keyDir, 'signing-key.jwk.json');
    expect((await stat(file)).mode & 0o077).toBe(0);
    const again = await loadOrCreateSigningKey(keyDir);
    const { keys } = await (await fetch(`${base}/local-auth/.well-known/jwks.json`)).json();
    expect(keys[0].kid).toBe(again.kid);
    expect(keys[0].d).toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8')).d).toBeTruthy();
  });

  it('is not part of the cloud app', async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    // The cloud app refuses to start without the secret CloudFront adds; ask as CloudFront would.
    process.env.ORIGIN_SECRET = 'test-origin-secret';
    const { cloudApp } = await import('../../functions/api/cloud');
    const viaCloudFront = { headers: { [ORIGIN_SECRET_HEADER]: 'test-origin-secret' } };
    expect((await cloudApp.request('/local-auth/users', viaCloudFront)).status).toBe(404);
    expect((await cloudApp.request('/local-auth/.well-known/jwks.json', viaCloudFront)).status).toBe(404);
  });
});
