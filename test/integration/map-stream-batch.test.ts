/**
 * The cloud path of the map feed: a DynamoDB Stream event, as Lambda delivers it, applied to the
 * published snapshot (a memory FeedStore standing in for S3) and read back by the API's reader.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/data/client';
import { putItem, toItemRecord } from '../../functions/data/items';
import { applyStreamBatch } from '../../functions/feed/apply-stream-batch';
import { type FeedStore, MemoryFeedStore } from '../../functions/feed/feed-store';
import { startLocalFeed } from '../../functions/feed/local';
import { FeedReader } from '../../functions/feed/reader';
import { DAY_MARKER_KEY, type StreamChange } from '../../functions/feed/snapshot';
import type { MapFeed } from '../../shared/feed';
import type { Item } from '../../shared/item';
import { sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

let store: Store;
beforeAll(async () => {
  store = await createTestStore('map-lambda');
});
afterAll(() => store.raw.destroy());

function streamEvent(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', item: Item): DynamoDBStreamEvent {
  const image = marshall(toItemRecord(item), { removeUndefinedValues: true });
  return {
    Records: [
      {
        eventID: '1',
        eventName,
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-central-1',
        dynamodb: {
          Keys: marshall({ pk: `ITEM#${item.id}`, sk: 'ITEM' }),
          ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      },
    ],
  } as unknown as DynamoDBStreamEvent;
}

describe('stream batch → published snapshot', () => {
  it('rebuilds from the table into an empty store, then applies the batch on top', async () => {
    const existing = sampleItem();
    await putItem(store, existing);
    const feedStore = new MemoryFeedStore();
    const added = sampleItem({ area: 'shu' });
    await applyStreamBatch({ store, feedStore }, streamEvent('INSERT', added).Records as StreamChange[]);
    const view = await new FeedReader(feedStore).current();
    expect(view.index.records.map((r) => r.id).sort()).toEqual([existing.id, added.id].sort());
  });

  it('removes an item on a REMOVE record and bumps the version', async () => {
    const feedStore = new MemoryFeedStore();
    const item = sampleItem();
    const v1 = await applyStreamBatch(
      { store, feedStore },
      streamEvent('INSERT', item).Records as StreamChange[],
    );
    const v2 = await applyStreamBatch(
      { store, feedStore },
      streamEvent('REMOVE', item).Records as StreamChange[],
    );
    expect(v2).toBe(v1 + 1);
    const view = await new FeedReader(feedStore).current();
    expect(view.index.records.some((r) => r.id === item.id)).toBe(false);
  });
});

/** The published execution state (`x`) of one item, as the map reads it. */
async function publishedState(feedStore: FeedStore, id: string): Promise<string | undefined> {
  const view = await new FeedReader(feedStore).current();
  const feed = JSON.parse(new TextDecoder().decode(view.items.identity())) as MapFeed;
  return feed.features.find((f) => f.properties.id === id)?.properties.x;
}

// Half the contract spent: on track on 1 July, lagging by 30 December (the period is 2026).
const JULY = new Date('2026-07-01T06:00:00Z');
const LATE_DECEMBER = new Date('2026-12-30T06:00:00Z');

describe('a new day without writes', () => {
  it('the daily marker record re-renders execution states for the new date, keeping the version', async () => {
    const feedStore = new MemoryFeedStore();
    const item = sampleItem();
    const version = await applyStreamBatch(
      { store, feedStore, now: () => JULY },
      streamEvent('INSERT', item).Records as StreamChange[],
    );
    expect(await publishedState(feedStore, item.id)).toBe('on_track');

    const marker = { eventName: 'MODIFY', dynamodb: { Keys: marshall(DAY_MARKER_KEY) } };
    expect(await applyStreamBatch({ store, feedStore, now: () => LATE_DECEMBER }, [marker])).toBe(version);
    expect(await publishedState(feedStore, item.id)).toBe('lagging');
  });

  it('the local feed republishes on the first poll of a new Almaty day', async () => {
    const feedStore = new MemoryFeedStore();
    const item = sampleItem();
    await putItem(store, item);
    let now = JULY;
    const feed = await startLocalFeed({ store, feedStore, pollMs: 0, now: () => now });
    try {
      await feed.refresh();
      expect(await publishedState(feedStore, item.id)).toBe('on_track');
      now = LATE_DECEMBER;
      await feed.refresh();
      expect(await publishedState(feedStore, item.id)).toBe('lagging');
    } finally {
      await feed.stop();
    }
  });
});
