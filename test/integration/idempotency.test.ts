/**
 * Idempotent creates on a real DynamoDB Local: one key, one create, whatever the client retries and
 * whatever the store does to the request in flight.
 */
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { claimIdempotencyKey, idempotencyKeys } from '../../functions/data/idempotency';
import { putItem } from '../../functions/data/items';
import type { ThreadPage } from '../../shared/comments';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

let store: Store;
let auth: TestAuth;
beforeAll(async () => {
  store = await createTestStore('idem');
  auth = await testAuth();
});
afterAll(() => store.raw.destroy());

type Fault = 'after-send' | 'before-send' | null;

/** The store with one TransactWrite made to time out, after or before it reached DynamoDB. */
function faultyStore(): { store: Store; arm: (f: Fault) => void } {
  let fault: Fault = null;
  const doc = {
    send: async (cmd: unknown) => {
      if (cmd instanceof TransactWriteCommand && fault) {
        const f = fault;
        fault = null;
        const timeout = Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
        if (f === 'before-send') throw timeout;
        await store.doc.send(cmd);
        throw timeout;
      }
      return store.doc.send(cmd as never);
    },
  };
  return { store: { ...store, doc: doc as unknown as Store['doc'] }, arm: (f) => (fault = f) };
}

async function setup(s: Store = store) {
  const item = sampleItem();
  await putItem(store, item);
  const app = createApp({ store: s, auth: auth.verifier, now: () => new Date() });
  const who = user('citizen', { sub: `idem-${randomUUID().slice(0, 8)}`, name: 'Aigerim' });
  const headers = { ...(await auth.bearer(who)), 'Content-Type': 'application/json' };
  const post = (key: string | undefined, body: unknown) =>
    app.request(`/api/items/${item.id}/comments`, {
      method: 'POST',
      headers: { ...headers, ...(key ? { 'Idempotency-Key': key } : {}) },
      body: JSON.stringify(body),
    });
  const thread = async () =>
    (await (await app.request(`/api/items/${item.id}/comments?limit=50`)).json()) as ThreadPage;
  return { app, item, who, post, thread };
}

it('answers the first result again for the same key and stores one comment', async () => {
  const { post, thread } = await setup();
  const key = randomUUID();
  const first = await post(key, { body: 'Where is the school roof money?' });
  const again = await post(key, { body: 'Where is the school roof money?' });
  expect(first.status).toBe(201);
  expect(again.status).toBe(201);
  expect(again.headers.get('Idempotent-Replayed')).toBe('true');
  expect(await again.json()).toEqual(await first.json());
  const page = await thread();
  expect(page.count).toBe(1);
  expect(page.comments).toHaveLength(1);
});

it('treats the same JSON with other key order and spacing as the same request', async () => {
  const { app, item, who } = await setup();
  const key = randomUUID();
  const headers = { ...(await auth.bearer(who)), 'Content-Type': 'application/json', 'Idempotency-Key': key };
  const url = `/api/items/${item.id}/comments`;
  const a = await app.request(url, { method: 'POST', headers, body: '{"body":"same","attachments":[]}' });
  const b = await app.request(url, {
    method: 'POST',
    headers,
    body: '{ "attachments": [], "body": "same" }',
  });
  expect(b.status).toBe(201);
  expect((await b.json()).id).toBe((await a.json()).id);
});

it('refuses the same key with another body: 422 idempotency.key_reused', async () => {
  const { post, thread } = await setup();
  const key = randomUUID();
  expect((await post(key, { body: 'first text' })).status).toBe(201);
  const res = await post(key, { body: 'other text' });
  expect(res.status).toBe(422);
  expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  expect((await res.json()).code).toBe('idempotency.key_reused');
  expect((await thread()).count).toBe(1);
});

it('refuses a create without a key: 400 idempotency.key_missing', async () => {
  const { post, thread } = await setup();
  const res = await post(undefined, { body: 'no key here' });
  expect(res.status).toBe(400);
  expect((await res.json()).code).toBe('idempotency.key_missing');
  expect((await thread()).count).toBe(0);
});

it('answers 409 idempotency.in_progress with Retry-After while the first request holds the key', async () => {
  const { item, who, post } = await setup();
  const key = randomUUID();
  // The first request has claimed the key and not finished (same scope and request hash).
  const body = JSON.stringify({ body: 'slow one' });
  const { createHash } = await import('node:crypto');
  const canonicalize = (await import('canonicalize')).default;
  const hash = createHash('sha256')
    .update(`POST /api/items/${item.id}/comments\n`)
    .update(canonicalize(JSON.parse(body)) ?? '')
    .digest('hex');
  const claimed = await claimIdempotencyKey(store, `user:${who.sub}|POST /items/{id}/comments`, key, hash);
  expect(claimed.kind).toBe('claimed');
  const res = await post(key, { body: 'slow one' });
  expect(res.status).toBe(409);
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
  expect((await res.json()).code).toBe('idempotency.in_progress');
});

it('resolves a timeout after the write landed by reading back: 201 with the stored comment, not 503', async () => {
  const faulty = faultyStore();
  const { post, thread } = await setup(faulty.store);
  faulty.arm('after-send');
  const key = randomUUID();
  const res = await post(key, { body: 'landed despite the timeout' });
  expect(res.status).toBe(201);
  const created = await res.json();
  const page = await thread();
  expect(page.count).toBe(1);
  expect(page.comments.map((c) => c.id)).toEqual([created.id]);
  // The retry a client would send anyway gets the same comment.
  expect((await (await post(key, { body: 'landed despite the timeout' })).json()).id).toBe(created.id);
});

it('answers 503 + Retry-After only when the write did not land, and the retry with the key creates once', async () => {
  const faulty = faultyStore();
  const { post, thread } = await setup(faulty.store);
  faulty.arm('before-send');
  const key = randomUUID();
  const res = await post(key, { body: 'never sent the first time' });
  expect(res.status).toBe(503);
  expect(res.headers.get('Retry-After')).toBeTruthy();
  expect((await thread()).count).toBe(0);
  const retry = await post(key, { body: 'never sent the first time' });
  expect(retry.status).toBe(201);
  expect((await thread()).count).toBe(1);
});

it('keeps the key record 24 h through the TTL attribute', async () => {
  const { item, who, post } = await setup();
  const key = randomUUID();
  await post(key, { body: 'ttl check' });
  const res = await store.doc.send(
    new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
      TableName: store.table,
      Key: { pk: idempotencyKeys.pk(`user:${who.sub}|POST /items/{id}/comments`, key), sk: 'IDEM' },
    }),
  );
  expect(item.id).toBeTruthy();
  const ttl = Number(res.Item?.expiresAt) - Date.now() / 1000;
  expect(ttl).toBeGreaterThan(24 * 3600 - 60);
  expect(ttl).toBeLessThanOrEqual(24 * 3600);
});
