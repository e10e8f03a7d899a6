/**
 * Discussion threads through the real app on DynamoDB Local with real signed tokens: posting,
 * replies, pagination, edits with history, tombstones, +1, official badges, limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { CommentView, ThreadPage } from '../../shared/comments';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

let store: Store;
let auth: TestAuth;
let clock = new Date('2026-07-01T06:00:00Z');
const now = () => clock;

beforeAll(async () => {
  store = await createTestStore('threads');
  auth = await testAuth();
  await putBody(store, {
    id: 'zha-roads',
    name: { kk: 'Жолдар басқармасы', ru: 'Управление дорог', en: 'Department of Roads' },
  });
});
afterAll(() => store.raw.destroy());

// A generous comment limit except in the rate-limit test, so tests sharing users do not trip it.
const app = (limits = true) =>
  keyed(
    createApp({
      store,
      auth: auth.verifier,
      now,
      ...(limits ? { rateLimits: { comment: { limit: 1000, windowSeconds: 60 } } } : {}),
    }),
  );
const alice = user('citizen', { sub: 'alice', name: 'Alice' });
const bob = user('citizen', { sub: 'bob', name: 'Bob' });

async function call(method: string, path: string, who?: Principal, body?: unknown, relaxed = true) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return app(relaxed).request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function newItem() {
  const item = sampleItem();
  await putItem(store, item);
  return item.id;
}

async function post(itemId: string, who: Principal, body: unknown) {
  const res = await call('POST', `/api/items/${itemId}/comments`, who, body);
  return { res, json: (await res.json()) as CommentView };
}

async function page(itemId: string, query = '', who?: Principal) {
  const res = await call('GET', `/api/items/${itemId}/comments${query}`, who);
  expect(res.status).toBe(200);
  return (await res.json()) as ThreadPage;
}

describe('posting', () => {
  it('stores the text exactly as typed and shows it to anonymous readers', async () => {
    const itemId = await newItem();
    const text = 'The roof still leaks.\n\n- photo 1\n- <b>not bold</b>';
    const { res, json } = await post(itemId, alice, { body: text });
    expect(res.status).toBe(201);
    expect(json).toMatchObject({
      body: text,
      author: { name: 'Alice' },
      mine: true,
      deleted: false,
      supportCount: 0,
    });
    const thread = await page(itemId);
    expect(thread.count).toBe(1);
    expect(thread.comments[0]).toMatchObject({ id: json.id, body: text, mine: false });
  });

  it('refuses anonymous comments with 401', async () => {
    const itemId = await newItem();
    const res = await call('POST', `/api/items/${itemId}/comments`, undefined, { body: 'hi' });
    expect(res.status).toBe(401);
  });

  it.each([
    ['empty', { body: '' }],
    ['only spaces and zero-width characters', { body: '  \u200B\n ' }],
    ['over 5000 characters', { body: 'x'.repeat(5001) }],
    ['not a string', { body: 42 }],
    ['unknown fields', { body: 'ok', html: '<b>x</b>' }],
    [
      'six attachments',
      { body: 'ok', attachments: Array.from({ length: 6 }, () => '01J00000000000000000000000') },
    ],
  ])('answers %s with 400 and stores nothing', async (_, body) => {
    const itemId = await newItem();
    const res = await call('POST', `/api/items/${itemId}/comments`, alice, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await page(itemId)).count).toBe(0);
  });

  it('answers a body over the size limit with 413', async () => {
    const itemId = await newItem();
    const res = await call('POST', `/api/items/${itemId}/comments`, alice, { body: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
  });

  it('answers 404 for an unknown item', async () => {
    const { res } = await post('01HZZZZZZZZZZZZZZZZZZZZZZZ', alice, { body: 'hello' });
    expect(res.status).toBe(404);
  });

  it('gives an official of the item’s body a badge naming the body', async () => {
    const itemId = await newItem();
    const official = user('official', { sub: 'roads-1', name: 'A. Official', bodies: ['zha-roads'] });
    const { json } = await post(itemId, official, { body: 'We will fix it in August.' });
    expect(json.author.official).toEqual({
      bodyId: 'zha-roads',
      bodyName: { kk: 'Жолдар басқармасы', ru: 'Управление дорог', en: 'Department of Roads' },
    });
    const { json: citizen } = await post(itemId, alice, { body: 'Thanks' });
    expect(citizen.author.official).toBeUndefined();
  });
});

describe('replies', () => {
  it('nests replies under their comment, oldest first', async () => {
    const itemId = await newItem();
    const { json: top } = await post(itemId, alice, { body: 'question' });
    await post(itemId, bob, { body: 'first reply', parentId: top.id });
    await post(itemId, alice, { body: 'second reply', parentId: top.id });
    const thread = await page(itemId);
    expect(thread.count).toBe(3);
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]?.replies?.map((r) => r.body)).toEqual(['first reply', 'second reply']);
  });

  it('refuses a reply to a reply (one level only) with 400', async () => {
    const itemId = await newItem();
    const { json: top } = await post(itemId, alice, { body: 'question' });
    const { json: reply } = await post(itemId, bob, { body: 'reply', parentId: top.id });
    const { res } = await post(itemId, alice, { body: 'nested', parentId: reply.id });
    expect(res.status).toBe(400);
    expect((await page(itemId)).count).toBe(2);
  });
});

describe('pagination', () => {
  it('walks all comments oldest-first and newest-first with opaque cursors', async () => {
    const itemId = await newItem();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await post(itemId, alice, { body: `c${i}` })).json.id);
    const walk = async (order: string) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const p = await page(itemId, `?order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...p.comments.map((c) => c.id));
        cursor = p.next;
      } while (cursor);
      return seen;
    };
    expect(await walk('oldest')).toEqual(ids);
    expect(await walk('newest')).toEqual([...ids].reverse());
  });

  it('refuses a forged cursor with 400', async () => {
    const itemId = await newItem();
    const forged = Buffer.from(JSON.stringify({ o: 'oldest', k: '../ITEM' })).toString('base64url');
    const res = await call('GET', `/api/items/${itemId}/comments?cursor=${forged}`);
    expect(res.status).toBe(400);
  });
});

describe('editing and deleting', () => {
  it('keeps the previous text in the history and marks the comment edited', async () => {
    const itemId = await newItem();
    const { json } = await post(itemId, alice, { body: 'first' });
    clock = new Date(clock.getTime() + 60_000);
    const res = await call('PATCH', `/api/comments/${json.id}`, alice, { body: 'second' });
    expect(res.status, await res.clone().text()).toBe(200);
    const edited = (await res.json()) as CommentView;
    expect(edited.body).toBe('second');
    expect(edited.editedAt).toBe(clock.toISOString());
    const hist = await (await call('GET', `/api/comments/${json.id}/revisions`)).json();
    expect(hist.revisions).toEqual([{ body: 'first', at: json.createdAt }]);
  });

  it('forbids editing someone else’s comment with 403', async () => {
    const itemId = await newItem();
    const { json } = await post(itemId, alice, { body: 'mine' });
    const res = await call('PATCH', `/api/comments/${json.id}`, bob, { body: 'hijacked' });
    expect(res.status).toBe(403);
    expect((await page(itemId)).comments[0]?.body).toBe('mine');
  });

  it('leaves a tombstone without text when the author deletes, keeping replies', async () => {
    const itemId = await newItem();
    const { json } = await post(itemId, alice, { body: 'to be deleted' });
    await post(itemId, bob, { body: 'reply stays', parentId: json.id });
    expect((await call('DELETE', `/api/comments/${json.id}`, bob)).status).toBe(403);
    expect((await call('DELETE', `/api/comments/${json.id}`, alice)).status).toBe(204);
    const thread = await page(itemId);
    expect(thread.comments[0]).toMatchObject({ id: json.id, deleted: true, body: null });
    expect(thread.comments[0]?.replies?.[0]?.body).toBe('reply stays');
    expect((await call('GET', `/api/comments/${json.id}/revisions`)).status).toBe(404);
  });
});

describe('+1', () => {
  it('counts each user once however often they press it', async () => {
    const itemId = await newItem();
    const { json } = await post(itemId, alice, { body: 'support me' });
    for (let i = 0; i < 3; i++) await call('POST', `/api/comments/${json.id}/support`, bob);
    const res = await call('POST', `/api/comments/${json.id}/support`, alice);
    expect(await res.json()).toEqual({ supportCount: 2 });
    expect((await page(itemId)).comments[0]?.supportCount).toBe(2);
  });

  it('counts exactly under 30 simultaneous +1s from different users', async () => {
    const itemId = await newItem();
    const { json } = await post(itemId, alice, { body: 'popular' });
    const users = Array.from({ length: 30 }, (_, i) => user('citizen', { sub: `fan-${i}` }));
    const results = await Promise.all(users.map((u) => call('POST', `/api/comments/${json.id}/support`, u)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect((await page(itemId)).comments[0]?.supportCount).toBe(30);
  });
});

describe('rate limits', () => {
  it('answers the 11th comment in a minute with 429 and Retry-After', async () => {
    const itemId = await newItem();
    const eager = user('citizen', { sub: 'eager' });
    const strict = (body: string) => call('POST', `/api/items/${itemId}/comments`, eager, { body }, false);
    for (let i = 0; i < 10; i++) expect((await strict(`m${i}`)).status).toBe(201);
    const res = await strict('one too many');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await page(itemId)).count).toBe(10);
  });
});

describe('following', () => {
  it('lists others’ new comments on followed items in /api/me/feed, newest first', async () => {
    const followed = await newItem();
    const other = await newItem();
    const carol = user('citizen', { sub: 'carol', name: 'Carol' });
    expect((await call('PUT', `/api/items/${followed}/follow`, carol)).status).toBe(204);
    expect(await (await call('GET', `/api/items/${followed}/follow`, carol)).json()).toEqual({
      following: true,
    });
    await post(followed, alice, { body: 'news one' });
    await post(other, alice, { body: 'elsewhere' });
    await post(followed, carol, { body: 'my own' });
    await post(followed, bob, { body: 'news two' });
    const feed = await (await call('GET', '/api/me/feed', carol)).json();
    expect(feed.entries.map((e: { excerpt: string }) => e.excerpt)).toEqual(['news two', 'news one']);
  });

  it('stops listing an item after unfollowing', async () => {
    const itemId = await newItem();
    const dan = user('citizen', { sub: 'dan' });
    await call('PUT', `/api/items/${itemId}/follow`, dan);
    await call('DELETE', `/api/items/${itemId}/follow`, dan);
    await post(itemId, alice, { body: 'unseen' });
    const feed = await (await call('GET', '/api/me/feed', dan)).json();
    expect(feed.entries).toEqual([]);
  });
});
