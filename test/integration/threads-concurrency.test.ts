/**
 * 200 people comment on one item at the same moment: every comment is stored, the item's count is
 * exactly 200 (comment and count change in one transaction), and nobody gets a 5xx. Each retries a
 * 5xx once with its Idempotency-Key: no duplicates, and every acknowledged id reads back.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { createDocumentClient, type Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { ThreadPage } from '../../shared/comments';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

let store: Store;
let burst: Store;
let auth: TestAuth;
beforeAll(async () => {
  store = await createTestStore('threads-burst');
  // In the cloud each request runs in its own Lambda with its own connection. Here one process
  // sends all 200 at once, so the client gets room for that many connections, and retries
  // DynamoDB Local's own lock timeouts ("will succeed in actual DynamoDB"); the API code is the same.
  const raw = new DynamoDBClient({
    maxAttempts: 10,
    endpoint: inject('ddbEndpoint'),
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 20_000, httpAgent: { maxSockets: 400 } },
  });
  burst = { raw, doc: createDocumentClient(raw), table: store.table };
  auth = await testAuth();
});
afterAll(() => {
  burst.raw.destroy();
  store.raw.destroy();
});

it('stores all 200 simultaneous comments from 200 users and counts exactly 200, without 5xx', async () => {
  const item = sampleItem();
  await putItem(store, item);
  const app = createApp({ store: burst, auth: auth.verifier, now: () => new Date() });
  const headers = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      auth.bearer(user('citizen', { sub: `burst-${i}`, name: `User ${i}` })),
    ),
  );
  // Each user sends one key and, like the web client, retries a 5xx once with the same key.
  const send = (h: Record<string, string>, i: number, key: string) =>
    app.request(`/api/items/${item.id}/comments`, {
      method: 'POST',
      headers: { ...h, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ body: `comment ${i}` }),
    });
  const responses = await Promise.all(
    headers.map(async (h, i) => {
      const key = randomUUID();
      const first = await send(h, i, key);
      return first.status >= 500 ? send(h, i, key) : first;
    }),
  );
  const statuses = responses.map((r) => r.status);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(statuses.every((s) => s === 201)).toBe(true);
  const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));

  const seen = new Set<string>();
  let cursor: string | undefined;
  let count = -1;
  do {
    const res = await app.request(
      `/api/items/${item.id}/comments?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    );
    const page = (await res.json()) as ThreadPage;
    count = page.count;
    for (const c of page.comments) seen.add(c.body ?? '');
    cursor = page.next;
  } while (cursor);
  expect(count).toBe(200);
  expect(seen.size).toBe(200);
  // No duplicates and every acknowledged id reads back.
  const storedIds = new Set<string>();
  let next: string | undefined;
  do {
    const page = (await (
      await app.request(`/api/items/${item.id}/comments?limit=50${next ? `&cursor=${next}` : ''}`)
    ).json()) as ThreadPage;
    for (const c of page.comments) storedIds.add(c.id);
    next = page.next;
  } while (next);
  expect(storedIds.size).toBe(200);
  expect(ids.filter((id) => !storedIds.has(id))).toEqual([]);
}, 180_000);
