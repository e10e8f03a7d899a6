/**
 * Following an item: its new comments and replies reach the follower's feed (`/api/me/feed`, read
 * on demand from each followed item's thread activity, data/follows.ts). The rule: a person follows
 * at most MAX_FOLLOWS items, since the feed reads each of them; following again is not a new follow.
 */
import type { Store } from '../data/client';
import { countFollows, follow, isFollowing, MAX_FOLLOWS, readFeed, unfollow } from '../data/follows';

export { isFollowing, MAX_FOLLOWS, readFeed };

/** A new follow past MAX_FOLLOWS: unfollow some first. */
export class FollowLimitError extends Error {
  constructor(readonly max: number) {
    super(`Following is limited to ${max} items.`);
  }
}

/** Follows an item (the caller has checked it exists); refused past MAX_FOLLOWS unless followed already. */
export async function followItem(store: Store, sub: string, itemId: string, now: Date): Promise<void> {
  if (!(await isFollowing(store, sub, itemId)) && (await countFollows(store, sub)) >= MAX_FOLLOWS)
    throw new FollowLimitError(MAX_FOLLOWS);
  await follow(store, sub, itemId, now);
}

/** Stops following an item (nothing happens when not following it). */
export async function unfollowItem(store: Store, sub: string, itemId: string): Promise<void> {
  await unfollow(store, sub, itemId);
}
