/**
 * Following items, and the feed of new activity on the items a user follows. The feed is read
 * on demand from each followed item's activity index (no fan-out on write): a user follows tens of
 * items, a busy item has thousands of followers.
 *
 * Keys (see functions/README.md):
 *   follow             pk USER#<sub>   sk FOLLOW#<item>   { itemId, at }
 *   followers of item  byStatus gsi5pk SUBSCRIBERS#item#<item>  gsi5sk <sub>   (the notifier's fan-out)
 *   activity on item   byCategory gsi3pk THREAD#<item>  gsi3sk <comment id>  (written by comments.ts)
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { encodeTime } from 'ulid';
import type { Store } from './client';
import { type CommentRecord, commentKeys } from './comments';
import { queryAll } from './query-all';

export const followKeys = {
  pk: (sub: string) => `USER#${sub}`,
  sk: (itemId: string) => `FOLLOW#${itemId}`,
};

/** A user follows at most this many items; the feed reads each of them. */
export const MAX_FOLLOWS = 200;

export async function follow(store: Store, sub: string, itemId: string, now: Date): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        pk: followKeys.pk(sub),
        sk: followKeys.sk(itemId),
        entity: 'follow',
        itemId,
        at: now.toISOString(),
        // The Follow button is also a notification subscription: the notifier finds an item's
        // followers on the same subscriber index as `subscribe` (data/notifications.ts) writes.
        gsi5pk: `SUBSCRIBERS#item#${itemId}`,
        gsi5sk: sub,
      },
    }),
  );
}

export async function unfollow(store: Store, sub: string, itemId: string): Promise<void> {
  await store.doc.send(
    new DeleteCommand({ TableName: store.table, Key: { pk: followKeys.pk(sub), sk: followKeys.sk(itemId) } }),
  );
}

export async function isFollowing(store: Store, sub: string, itemId: string): Promise<boolean> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: followKeys.pk(sub), sk: followKeys.sk(itemId) } }),
  );
  return Boolean(res.Item);
}

export async function listFollowedItems(store: Store, sub: string): Promise<string[]> {
  const items = await queryAll(
    store,
    {
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
      ExpressionAttributeValues: { ':pk': followKeys.pk(sub), ':f': 'FOLLOW#' },
    },
    // The follow route refuses past MAX_FOLLOWS; a race past it reads the first ones, on purpose.
    { limit: MAX_FOLLOWS },
  );
  return items.map((i) => i.itemId as string);
}

export async function countFollows(store: Store, sub: string): Promise<number> {
  const res = await store.doc.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
      ExpressionAttributeValues: { ':pk': followKeys.pk(sub), ':f': 'FOLLOW#' },
      Select: 'COUNT',
    }),
  );
  return res.Count ?? 0;
}

/**
 * Comments and replies posted on followed items after `since` by others, newest first. Reads
 * the followed items a few at a time so one user's feed cannot flood the table.
 */
export async function readFeed(
  store: Store,
  sub: string,
  opts: { since: Date; limit: number },
): Promise<CommentRecord[]> {
  const itemIds = await listFollowedItems(store, sub);
  // Comment ids are ULIDs: the time prefix of `since` with the smallest random part bounds them.
  const after = `${encodeTime(opts.since.getTime(), 10)}${'0'.repeat(16)}`;
  const found: CommentRecord[] = [];
  const queue = [...itemIds];
  const worker = async () => {
    for (let itemId = queue.shift(); itemId; itemId = queue.shift()) {
      const res = await store.doc.send(
        new QueryCommand({
          TableName: store.table,
          IndexName: 'byCategory',
          KeyConditionExpression: 'gsi3pk = :a AND gsi3sk > :after',
          ExpressionAttributeValues: { ':a': commentKeys.activity(itemId), ':after': after },
          ScanIndexForward: false,
          Limit: opts.limit + 10,
        }),
      );
      for (const r of (res.Items ?? []) as CommentRecord[]) if (r.authorSub !== sub) found.push(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(5, itemIds.length) }, worker));
  return found.sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, opts.limit);
}
