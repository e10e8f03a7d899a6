/**
 * Following items, and the feed of new activity on the items a user follows. The feed is read
 * on demand from each followed item's activity index (no fan-out on write): a user follows tens of
 * items, a busy item has thousands of followers.
 *
 * Keys (the `follow` and `threadActivity` entities, data/schema.ts; see functions/README.md):
 *   follow             pk USER#<sub>   sk FOLLOW#<item>   { itemId, at }
 *   followers of item  byStatus gsi5pk SUBSCRIBERS#item#<item>  gsi5sk <sub>   (the notifier's fan-out)
 *   activity on item   byCategory gsi3pk THREAD#<item>  gsi3sk <comment id>  (written by comments.ts)
 */
import { encodeTime } from 'ulid';
import type { Store } from './client';
import type { CommentRecord } from './comments';
import { queryEntityAll } from './query-all';
import { entitiesOf, go, kindIs, OWN } from './schema';

/** A user follows at most this many items; the feed reads each of them. */
export const MAX_FOLLOWS = 200;

export async function follow(store: Store, sub: string, itemId: string, now: Date): Promise<void> {
  // The entity also writes the subscriber-index keys (schema.ts `followModel`): following is a subscription.
  await go(entitiesOf(store).follow.put({ sub, itemId, at: now.toISOString() }).go());
}

export async function unfollow(store: Store, sub: string, itemId: string): Promise<void> {
  await go(entitiesOf(store).follow.delete({ sub, itemId }).go());
}

export async function isFollowing(store: Store, sub: string, itemId: string): Promise<boolean> {
  const res = await go(entitiesOf(store).follow.get({ sub, itemId }).go(OWN));
  return res.data !== null;
}

export async function listFollowedItems(store: Store, sub: string): Promise<string[]> {
  const follows = await queryEntityAll(
    entitiesOf(store).follow.query.record({ sub }),
    // The follow route refuses past MAX_FOLLOWS; a race past it reads the first ones, on purpose.
    { limit: MAX_FOLLOWS },
  );
  return follows.map((f) => f.itemId);
}

export async function countFollows(store: Store, sub: string): Promise<number> {
  const res = await go(
    entitiesOf(store)
      .follow.query.record({ sub })
      .go({ ...OWN, data: 'raw', params: { Select: 'COUNT' } }),
  );
  return (res.data as { Count?: number }).Count ?? 0;
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
      // The whole comment records (`data: 'raw'`): the feed shows what the thread activity model does not declare.
      const res = await go(
        entitiesOf(store)
          .threadActivity.query.activity({ itemId })
          .gt({ id: after })
          .where(kindIs('comment'))
          .go({ ...OWN, data: 'raw', order: 'desc', limit: opts.limit + 10 }),
      );
      const records = ((res.data as { Items?: unknown[] }).Items ?? []) as CommentRecord[];
      for (const r of records) if (r.authorSub !== sub) found.push(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(5, itemIds.length) }, worker));
  return found.sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, opts.limit);
}
