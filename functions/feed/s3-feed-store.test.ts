/**
 * The cloud feed store against a local S3 stand-in (test/support/s3-standin.ts) through the real
 * @aws-sdk/client-s3: conditional writes, and two stream shards publishing different changes at
 * the same time without losing either.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleItem } from '../../test/support/fixtures';
import { type S3StandIn, startS3StandIn } from '../../test/support/s3-standin';
import type { Store } from '../data/client';
import { toItemRecord } from '../data/items';
import { applyStreamBatch } from './apply-stream-batch';
import { FEED_BLOBS, FeedConflictError } from './feed-store';
import { loadSnapshot, publishSnapshot } from './publish';
import { FEED_CACHE_CONTROL, S3FeedStore } from './s3-feed-store';
import { emptySnapshot, type StreamChange } from './snapshot';

let s3: S3StandIn;
beforeAll(async () => {
  s3 = await startS3StandIn();
});
afterAll(() => s3.close());

// A snapshot is always published before these run, so the table is never read.
const noTable = {} as Store;

function insert(item: ReturnType<typeof sampleItem>): StreamChange {
  return {
    eventName: 'INSERT',
    dynamodb: {
      Keys: marshall({ pk: `ITEM#${item.id}`, sk: 'ITEM' }),
      NewImage: marshall(toItemRecord(item), { removeUndefinedValues: true }),
    },
  };
}

describe('S3FeedStore', () => {
  it('refuses a write over a blob that changed since it was read, and one over a blob that appeared', async () => {
    const feed = new S3FeedStore(s3.s3Client(), 'conditions');
    await feed.put('map/x.json', gzipSync('1'), { ifNoneMatch: '*' });
    const read = await feed.head('map/x.json');
    await feed.put('map/x.json', gzipSync('2'), { ifMatch: read! });
    await expect(feed.put('map/x.json', gzipSync('3'), { ifMatch: read! })).rejects.toBeInstanceOf(
      FeedConflictError,
    );
    await expect(feed.put('map/x.json', gzipSync('4'), { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      FeedConflictError,
    );
    const blob = await feed.get('map/x.json');
    expect(blob !== 'unchanged' && gunzipSync(blob!.body).toString()).toBe('2');
  });

  it('stores feed objects with a short max-age, stale-while-revalidate and an ETag', async () => {
    const feed = new S3FeedStore(s3.s3Client(), 'headers');
    await feed.put(FEED_BLOBS.items, gzipSync('{}'));
    const stored = s3.objects.get(`/headers/${FEED_BLOBS.items}`)!;
    expect(stored.headers['cache-control']).toBe(FEED_CACHE_CONTROL);
    expect(FEED_CACHE_CONTROL).toMatch(/max-age=60\b.*stale-while-revalidate=\d+/);
    expect(stored.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });
});

describe('two shards applying different changes at once', () => {
  it('publish both, 100 times out of 100', async () => {
    const client = s3.s3Client();
    const failuresBefore = s3.preconditionFailures;
    const lost: string[] = [];
    const race = async (trial: number) => {
      const feedStore = new S3FeedStore(client, `race-${trial}`);
      await publishSnapshot(feedStore, emptySnapshot(), '2026-07-01');
      const [a, b] = [sampleItem(), sampleItem()];
      await Promise.all([
        applyStreamBatch({ store: noTable, feedStore }, [insert(a)]),
        applyStreamBatch({ store: noTable, feedStore }, [insert(b)]),
      ]);
      const snapshot = await loadSnapshot(feedStore);
      const feed = await feedStore.get(FEED_BLOBS.items);
      const feedText = feed && feed !== 'unchanged' ? gunzipSync(feed.body).toString() : '';
      for (const id of [a.id, b.id])
        if (!snapshot?.items.has(id) || !feedText.includes(id)) lost.push(`trial ${trial}: ${id}`);
    };
    // Each trial races its two appliers on its own prefix, so trials do not meet each other: four
    // run at once, overlapping their HTTP round trips with each other's work, and every one of the
    // 100 trials is still a race of two appliers over the same blobs.
    for (let wave = 0; wave < 100; wave += 4) await Promise.all([0, 1, 2, 3].map((i) => race(wave + i)));
    expect(lost).toEqual([]);
    // The appliers really raced: S3 refused some writes, and they were applied again.
    expect(s3.preconditionFailures - failuresBefore).toBeGreaterThan(0);
    // About 100 ms a trial on a loaded 2-core machine (HTTP round trips and gzip level 9).
  }, 60_000);
});
