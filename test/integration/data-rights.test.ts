/**
 * Data rights through the real API on DynamoDB Local: the export holds exactly the caller's data,
 * and after erasure no public response or export holds their name or contacts while the audit chain
 * still verifies. One store and one set of contributions for the whole file.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { verifyFull } from '../../functions/audit/verify';
import { cognitoGroups } from '../../functions/auth/groups';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { follow } from '../../functions/data/follows';
import { putItem } from '../../functions/data/items';
import { getEmailContact, subscribe } from '../../functions/data/notifications';
import { getTelegramLink, putTelegramLink } from '../../functions/data/telegram';
import { getProfile } from '../../functions/data/users';
import type { MyDataExport } from '../../functions/services/data-rights';
import type { CommentView } from '../../shared/comments';
import { ACCOUNT_CONSENT_VERSION, CONSENT_VERSIONS } from '../../shared/consent-versions';
import type { QuestionView } from '../../shared/questions';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { cognitoIdpStandIn } from '../support/cognito-idp';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const NAME = 'Zhanar Erasable';
const EMAIL = 'zhanar.erasable@example.kz';
const me = user('citizen', { sub: 'dr-me-4b1c', name: NAME });
const other = user('citizen', { sub: 'dr-other-9e2a', name: 'Other Person' });

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
let itemId: string;
let myComment: CommentView;
let myQuestion: QuestionView;

async function call(who: Principal | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.request(`/api${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return text;
}

beforeAll(async () => {
  store = await createTestStore('data-rights');
  auth = await testAuth();
  app = keyed(
    createApp({ store, auth: auth.verifier, now: () => new Date(), rateLimits: GENEROUS_RATE_LIMITS }),
  );
  await putBody(store, { id: ROADS, name: { en: 'Roads' } });
  const item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } });
  await putItem(store, item);
  itemId = item.id;
  const now = new Date();
  await call(me, 'PATCH', '/me', { name: NAME });
  await Promise.all([
    follow(store, me.sub, itemId, now),
    subscribe(store, me.sub, 'body', ROADS, now),
    putTelegramLink(store, me.sub, { chatId: '777000111', linkedAt: now.toISOString() }),
    store.doc.send(
      new PutCommand({
        TableName: store.table,
        Item: { pk: `USER#${me.sub}`, sk: 'CONTACT#email', entity: 'contact', address: EMAIL },
      }),
    ),
    follow(store, other.sub, itemId, now),
  ]);
  myComment = JSON.parse(await call(me, 'POST', `/items/${itemId}/comments`, { body: 'my comment' }));
  myQuestion = JSON.parse(
    await call(me, 'POST', `/items/${itemId}/questions`, { text: 'Why did the works stop?', showName: true }),
  );
  await call(other, 'POST', `/items/${itemId}/comments`, { body: 'their comment' });
}, 120_000);
afterAll(() => store.raw.destroy());

describe('my data', () => {
  it('exports exactly my data: profile, contacts, follows, subscriptions, comments, questions', async () => {
    const text = await call(me, 'GET', '/me/export');
    const data = JSON.parse(text) as MyDataExport;
    expect(data.profile).toMatchObject({ name: NAME });
    expect(data.contacts).toEqual([expect.objectContaining({ address: EMAIL })]);
    expect(data.telegram).toMatchObject({ chatId: '777000111' });
    expect(data.follows.map((f) => f.itemId)).toEqual([itemId]);
    expect(data.subscriptions).toHaveLength(1);
    expect(data.comments.map((c) => c.id)).toEqual([myComment.id]);
    expect(data.questions.map((q) => q.id)).toEqual([myQuestion.id]);
    expect(text).not.toContain(other.sub);
    expect(text).not.toContain('their comment');
  });

  it('after erasure keeps my contributions under a pseudonym, with no name or contact anywhere, and the chain verifies', {
    timeout: 120_000,
  }, async () => {
    const erased = JSON.parse(await call(me, 'DELETE', '/me')) as { pseudonym: string };
    const publicViews = [
      await call(null, 'GET', `/items/${itemId}/comments`),
      await call(null, 'GET', `/items/${itemId}/questions/${myQuestion.id}`),
      await call(null, 'GET', `/items/${itemId}/questions`),
    ].join('\n');
    expect(publicViews).toContain('my comment');
    expect(publicViews).toContain(erased.pseudonym);
    const exported = await call(me, 'GET', '/me/export');
    for (const text of [publicViews, exported]) {
      expect(text).not.toContain(NAME);
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain('777000111');
    }
    const data = JSON.parse(exported) as MyDataExport;
    expect([data.profile, data.telegram, data.contacts, data.follows]).toEqual([null, null, [], []]);
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, chain: null });
  });
});

describe('consent to a contact channel (issue 20, item 5)', () => {
  const carla = user('citizen', { sub: 'dr-consent-7c3d', name: 'Carla Consenting' });
  const CARLA_EMAIL = 'carla.consent@example.kz';

  async function raw(method: string, path: string, body?: unknown) {
    const res = await app.request(`/api${path}`, {
      method,
      headers: { ...(await auth.bearer(carla)), 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it('refuses an e-mail address without consent with a stable code', async () => {
    const res = await raw('PUT', '/me/email', { address: CARLA_EMAIL });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: 'consent.required', params: { purpose: 'email' } });
    expect(await getEmailContact(store, carla.sub)).toBeNull();
  });

  it('refuses a consent to an outdated text', async () => {
    const res = await raw('PUT', '/me/consents/email', { version: '2020-01-01' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain('consent.version_outdated');
  });

  it('keeps the address once consent is given, exports the consent with its version and time, and withdrawing deletes the address', async () => {
    const given = await raw('PUT', '/me/consents/email', { version: CONSENT_VERSIONS.email });
    expect(given.json).toMatchObject({ purpose: 'email', given: true, version: CONSENT_VERSIONS.email });
    expect((await raw('PUT', '/me/email', { address: CARLA_EMAIL })).status).toBe(200);
    expect(await getEmailContact(store, carla.sub)).toMatchObject({ address: CARLA_EMAIL });

    const exported = JSON.parse(await call(carla, 'GET', '/me/export')) as MyDataExport;
    // Carla signed up (test/support/auth.ts): the account text's acceptance comes first.
    expect(exported.consents).toEqual([
      expect.objectContaining({ purpose: 'account', version: ACCOUNT_CONSENT_VERSION }),
      expect.objectContaining({
        purpose: 'email',
        version: CONSENT_VERSIONS.email,
        givenAt: given.json.givenAt,
        history: [{ action: 'given', version: CONSENT_VERSIONS.email, at: given.json.givenAt }],
      }),
    ]);

    const withdrawn = await raw('DELETE', '/me/consents/email');
    expect(withdrawn.json).toMatchObject({ purpose: 'email', given: false });
    expect(withdrawn.json.withdrawnAt).toEqual(expect.any(String));
    // Nothing can be sent to an address the hub no longer holds (the notifier reads this row).
    expect(await getEmailContact(store, carla.sub)).toBeNull();
    const list = (await raw('GET', '/me/consents')).json.consents as { purpose: string; given: boolean }[];
    expect(list.map((c) => [c.purpose, c.given])).toEqual([
      ['email', false],
      ['telegram', false],
      ['positions', false],
    ]);
    expect((await raw('PUT', '/me/email', { address: CARLA_EMAIL })).status).toBe(409);
  });
});

describe('sign-up (issue 20, item 5)', () => {
  const dana = user('citizen', { sub: 'dr-signup-5e8f', name: 'Dana Newcomer' });

  // Tokens of accounts that have not signed up yet (test/support/auth.ts).
  async function as(who: Principal, method: string, path: string, body?: unknown) {
    const res = await app.request(`/api${path}`, {
      method,
      headers: { ...(await auth.bearer(who, { signedUp: false })), 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it('asks a new account to accept the current text; records it with its version, only the ticked channels, and the profile', async () => {
    expect((await as(dana, 'GET', '/me')).json.signUp).toEqual({
      accepted: false,
      version: ACCOUNT_CONSENT_VERSION,
    });
    const outdated = await as(dana, 'PUT', '/me/sign-up', { version: '2020-01-01', email: true });
    expect(outdated.status).toBe(400);
    expect(JSON.stringify(outdated.json)).toContain('consent.version_outdated');
    expect(await getProfile(store, dana.sub)).toBeNull();

    const accepted = await as(dana, 'PUT', '/me/sign-up', { version: ACCOUNT_CONSENT_VERSION, email: true });
    expect(accepted.status).toBe(200);
    const consents = accepted.json.consents as { purpose: string; given: boolean }[];
    expect(consents.map((c) => [c.purpose, c.given])).toEqual([
      ['email', true],
      ['telegram', false],
      ['positions', false],
    ]);
    expect((await as(dana, 'GET', '/me')).json.signUp).toMatchObject({
      accepted: true,
      version: ACCOUNT_CONSENT_VERSION,
    });
    expect(await getProfile(store, dana.sub)).toMatchObject({ name: dana.name });
    const exported = JSON.parse(await call(dana, 'GET', '/me/export')) as MyDataExport;
    expect(exported.consents.map((c) => [c.purpose, c.version])).toEqual([
      ['account', ACCOUNT_CONSENT_VERSION],
      ['email', CONSENT_VERSIONS.email],
    ]);
  });

  it('refuses any write of an account that has not accepted (403 account.sign_up_required) but lets it export and erase its data', async () => {
    const newcomer = user('citizen', { sub: 'dr-unsigned-7c3d', name: 'Not Yet' });
    const comment = await as(newcomer, 'POST', `/items/${itemId}/comments`, { body: 'too early' });
    expect([comment.status, comment.json.code]).toEqual([403, 'account.sign_up_required']);
    expect((await as(newcomer, 'PATCH', '/me', { name: 'Renamed' })).status).toBe(403);
    expect((await as(newcomer, 'GET', '/me/export')).status).toBe(200);
    expect((await as(newcomer, 'DELETE', '/me')).status).toBe(200);
  });

  it('lets an account write once it has accepted, with the token it had before', async () => {
    const newcomer = user('citizen', { sub: 'dr-unsigned-8d4e', name: 'Now Yes' });
    expect((await as(newcomer, 'PUT', '/me/sign-up', { version: ACCOUNT_CONSENT_VERSION })).status).toBe(200);
    expect((await as(newcomer, 'POST', `/items/${itemId}/comments`, { body: 'now' })).status).toBe(201);
  });

  it('removes a legacy address and chat (kept from before consents) whose consent is not ticked', async () => {
    const lev = user('citizen', { sub: 'dr-legacy-2a7b', name: 'Lev Legacy' });
    await putTelegramLink(store, lev.sub, { chatId: '777000222', linkedAt: new Date().toISOString() });
    await store.doc.send(
      new PutCommand({
        TableName: store.table,
        Item: { pk: `USER#${lev.sub}`, sk: 'CONTACT#email', entity: 'contact', address: 'lev@example.kz' },
      }),
    );
    expect((await as(lev, 'PUT', '/me/sign-up', { version: ACCOUNT_CONSENT_VERSION })).status).toBe(200);
    expect(await getEmailContact(store, lev.sub)).toBeNull();
    expect(await getTelegramLink(store, lev.sub)).toBeNull();
  });
});

describe('erasure in the cloud (issue 20, item 5)', () => {
  it('deletes the sign-in account from the user pool last, so that when the pool fails the user can ask again and the retry finishes it', async () => {
    const pool = cognitoIdpStandIn();
    const server = createServer((req, res) => {
      if (!pool.handle(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = new CognitoIdentityProviderClient({
        region: 'eu-central-1',
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        maxAttempts: 1,
      });
      const cloud = keyed(
        createApp({
          store,
          auth: auth.verifier,
          now: () => new Date(),
          groups: cognitoGroups({ userPoolId: 'eu-central-1_Pool', client }),
        }),
      );
      const leaving = user('citizen', { sub: 'dr-cloud-3f9a', name: 'Cloud Leaver' });
      pool.addUser(leaving.sub);
      const erase = async () =>
        (await cloud.request('/api/me', { method: 'DELETE', headers: await auth.bearer(leaving) })).status;
      await cloud.request('/api/me', {
        method: 'PATCH',
        headers: { ...(await auth.bearer(leaving)), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: leaving.name }),
      });

      pool.failNext('AdminDeleteUser');
      expect(await erase()).toBe(503);
      // The hub's records are gone already; the account that lets them ask again is not.
      expect(await getProfile(store, leaving.sub)).toBeNull();
      expect(pool.hasUser(leaving.sub)).toBe(true);

      expect(await erase()).toBe(200);
      expect(pool.hasUser(leaving.sub)).toBe(false);
      expect(pool.calls.filter((op) => op === 'AdminDeleteUser')).toHaveLength(2);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
