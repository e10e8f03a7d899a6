/**
 * Many people comment on one item at the same moment: every comment is stored, the item's count is
 * exact (comment and count change in one transaction, retried on TransactionConflict), and nobody
 * gets a 5xx. Each retries a 5xx once with its Idempotency-Key: no duplicates, and every acknowledged
 * id reads back.
 *
 * 100 at once: every write still collides with dozens of others on the item's count, which is what
 * this proves; the retries' cost grows faster than the burst, and 200 took ~55 s of
 * the suite's budget. `npm run bench:resilience` runs the issue's 200 (and the kill of DynamoDB
 * Local under load) on its own DynamoDB Local and prints the figures.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { createDocumentClient, type Store } from '../../functions/data/client';
import { countComments, listThread } from '../../functions/data/comments';
import { putItem } from '../../functions/data/items';
import { ParentNotFoundError, postComment } from '../../functions/services/comments';
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
  // sends the whole burst at once, so the client gets room for that many connections, and retries
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

const BURST = 100;

it(`stores all ${BURST} simultaneous comments from ${BURST} users and counts exactly ${BURST}, without 5xx`, async () => {
  const item = sampleItem();
  await putItem(store, item);
  const app = createApp({ store: burst, auth: auth.verifier, now: () => new Date() });
  const headers = await Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      auth.bearer(user('citizen', { sub: `burst-${i}`, name: `User ${i}` })),
    ),
  );
  // They all signed up before (the test verifier records it the first time it sees each token): the
  // burst is of comments, not of 100 first sign-ups at once.
  for (let i = 0; i < headers.length; i += 10)
    await Promise.all(
      headers.slice(i, i + 10).map((h) => auth.verifier.verify(h.Authorization!.replace('Bearer ', ''))),
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

  // One walk through the thread: the count, every body once, every acknowledged id.
  const bodies = new Set<string>();
  const storedIds = new Set<string>();
  let stored = 0;
  let cursor: string | undefined;
  let count = -1;
  do {
    const res = await app.request(
      `/api/items/${item.id}/comments?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    );
    const page = (await res.json()) as ThreadPage;
    count = page.count;
    for (const c of page.comments) {
      bodies.add(c.body ?? '');
      storedIds.add(c.id);
      stored++;
    }
    cursor = page.next;
  } while (cursor);
  expect(count).toBe(BURST);
  expect(bodies.size).toBe(BURST);
  // No duplicates (as many stored as acknowledged, all ids distinct) and every acknowledged id reads back.
  expect(stored).toBe(BURST);
  expect(storedIds.size).toBe(BURST);
  expect(ids.filter((id) => !storedIds.has(id))).toEqual([]);
}, 180_000);

/** A store of its own (so its own commit lane) that records the items of every transaction it sends. */
function countingStore(): { store: Store; transactions: string[][] } {
  const transactions: string[][] = [];
  const doc = new Proxy(store.doc, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return (cmd: unknown, ...rest: unknown[]) => {
        if (cmd instanceof TransactWriteCommand)
          transactions.push(
            (cmd.input.TransactItems ?? []).map((op) => {
              const body = (op.Put ?? op.Update ?? op.ConditionCheck ?? op.Delete) as {
                Item?: { sk?: string };
                Key?: { sk?: string };
              };
              return `${Object.keys(op)[0]} ${body.Item?.sk ?? body.Key?.sk}`;
            }),
          );
        return (target.send as (...a: unknown[]) => unknown)(cmd, ...rest);
      };
    },
  });
  return { store: { ...store, doc }, transactions };
}

const comment = (itemId: string, i: number, parentId?: string) => ({
  itemId,
  ...(parentId ? { parentId } : {}),
  author: { sub: `group-${i}`, name: `User ${i}` },
  body: `grouped ${i}`,
  attachments: [],
});

it('commits comments posted while one is in flight as one transaction: each stored once, the count exact', async () => {
  const item = sampleItem();
  await putItem(store, item);
  const { store: counted, transactions } = countingStore();
  const now = new Date();
  const posted = await Promise.all(
    Array.from({ length: 12 }, (_, i) => postComment(counted, comment(item.id, i), now)),
  );
  // The first goes alone; the 11 that arrived meanwhile go together (4 items each, counters added up per shard).
  expect(transactions.length).toBeLessThan(12);
  expect(transactions.length).toBeGreaterThan(1);
  const { comments } = await listThread(store, item.id, { order: 'oldest', limit: 100 });
  expect(comments.map((c) => c.id).sort()).toEqual(posted.map((c) => c.id).sort());
  expect(await countComments(store, item.id)).toBe(12);
});

it('refuses only the member whose condition fails; the others in its group are stored', async () => {
  const item = sampleItem();
  await putItem(store, item);
  const { store: counted, transactions } = countingStore();
  const now = new Date();
  const missingParent = '01J0000000000000000000GONE';
  const results = await Promise.allSettled(
    Array.from({ length: 11 }, (_, i) =>
      postComment(counted, comment(item.id, i, i === 5 ? missingParent : undefined), now),
    ),
  );
  expect(
    results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason),
  ).toEqual([expect.any(ParentNotFoundError)]);
  expect(results[5]?.status).toBe('rejected');
  // The reply was refused inside a group (not alone), and the group's others were then stored.
  const withReply = transactions.filter((t) => t.includes(`ConditionCheck COMMENT#${missingParent}`));
  expect(withReply.length).toBeGreaterThan(0);
  expect(withReply.every((t) => t.filter((op) => op.startsWith('Put COMMENT#')).length > 1)).toBe(true);
  const { comments } = await listThread(store, item.id, { order: 'oldest', limit: 100 });
  expect(comments.map((c) => c.body).sort()).toEqual(
    Array.from({ length: 11 }, (_, i) => `grouped ${i}`)
      .filter((_, i) => i !== 5)
      .sort(),
  );
  expect(await countComments(store, item.id)).toBe(10);
});
