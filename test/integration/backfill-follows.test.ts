/**
 * The follows backfill (scripts/backfill-follows.ts) on DynamoDB Local: a follow written before the
 * Follow button was a subscription (no subscriber index) is found by the notifier after it, and a
 * re-run changes nothing.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../functions/data/client';
import { follow } from '../../functions/data/follows';
import { listSubscribers } from '../../functions/data/notifications';
import { backfillFollows } from '../../scripts/backfill-follows';
import { createTestStore } from '../support/store';

let store: Store;
beforeAll(async () => {
  store = await createTestStore('backfill-follows');
});
afterAll(() => store.raw.destroy());

it('gives old follow records the subscriber index once, so their followers are notified', async () => {
  // As the Follow button wrote it before: no gsi5 keys.
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        pk: 'USER#old-follower',
        sk: 'FOLLOW#item-1',
        entity: 'follow',
        itemId: 'item-1',
        at: '2026-03-01T10:00:00Z',
      },
    }),
  );
  await follow(store, 'new-follower', 'item-1', new Date('2026-11-01T10:00:00Z'));
  expect(await listSubscribers(store, 'item', 'item-1')).toEqual(['new-follower']);
  expect(await backfillFollows(store)).toEqual({ found: 1, updated: 1 });
  expect((await listSubscribers(store, 'item', 'item-1')).sort()).toEqual(['new-follower', 'old-follower']);
  expect(await backfillFollows(store)).toEqual({ found: 0, updated: 0 });
});
