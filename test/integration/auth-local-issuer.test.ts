/**
 * The local issuer of `npm start` over real HTTP: its tokens are verified by the production
 * verifier, which fetches the issuer's JWKS from the running hub like it fetches Cognito's.
 */

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_SECRET_HEADER } from '../../functions/api/origin-secret';
import { DEMO_USERS } from '../../functions/auth/demo-users';
import { localAuthDeps } from '../../functions/auth/local';
import { loadOrCreateSigningKey } from '../../functions/auth/local-issuer';
import type { Store } from '../../functions/data/client';
import { DEMO_BODIES } from '../../functions/demo/bodies';
import { freePort } from '../../functions/local/dynamodb-local';
import { createLocalApp, listen } from '../../functions/local/server';
import { createTestStore } from '../support/store';

let store: Store;
let server: Server;
let base: string;
let keyDir: string;

beforeAll(async () => {
  store = await createTestStore('local-issuer');
  keyDir = await mkdtemp(join(tmpdir(), 'obm-auth-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const deps = await localAuthDeps({ store, origin: base, keyDir, env: {} });
  server = await listen(createLocalApp({ store, now: () => new Date(), ...deps }), port);
});
afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  store?.raw.destroy();
  await rm(keyDir, { recursive: true, force: true });
});

async function tokenFor(sub: string): Promise<string> {
  const res = await fetch(`${base}/local-auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

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
