/** Following items (functions/services/follows.ts): the limit of MAX_FOLLOWS items a person follows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchPut } from '../../functions/data/batch';
import type { Store } from '../../functions/data/client';
import { countFollows } from '../../functions/data/follows';
import { entitiesOf } from '../../functions/data/schema';
import {
  FollowLimitError,
  followItem,
  isFollowing,
  MAX_FOLLOWS,
  unfollowItem,
} from '../../functions/services/follows';
import { createTestStore } from '../support/store';

let store: Store;
beforeAll(async () => {
  store = await createTestStore('follows');
});
afterAll(() => store.raw.destroy());

const now = new Date('2026-07-01T06:00:00Z');

describe('following items', () => {
  it('refuses a new follow past the limit, takes a repeat of one followed already, and a new one after an unfollow', async () => {
    const sub = 'u-follows-many';
    // MAX_FOLLOWS follows as the entity writes them, in batches (the limit, not the writes, is under test).
    const follows = Array.from({ length: MAX_FOLLOWS }, (_, i) => {
      const put = entitiesOf(store)
        .follow.put({ sub, itemId: `I${i}`, at: now.toISOString() })
        .params() as { Item: Record<string, unknown> };
      return put.Item;
    });
    await batchPut(store, follows, { concurrency: 2 });
    expect(await countFollows(store, sub)).toBe(MAX_FOLLOWS);

    await expect(followItem(store, sub, 'I-new', now)).rejects.toBeInstanceOf(FollowLimitError);
    expect(await isFollowing(store, sub, 'I-new')).toBe(false);

    await followItem(store, sub, 'I0', now);
    expect(await countFollows(store, sub)).toBe(MAX_FOLLOWS);

    await unfollowItem(store, sub, 'I1');
    await followItem(store, sub, 'I-new', now);
    expect(await isFollowing(store, sub, 'I-new')).toBe(true);
    expect(await countFollows(store, sub)).toBe(MAX_FOLLOWS);
  });
});
