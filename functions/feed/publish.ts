/** Writing a snapshot's blobs to a FeedStore and reading a snapshot back from one. */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ShapeFeature } from '../../shared/feed';
import { FEED_BLOBS, type FeedStore } from './feed-store';
import { parseIndex, renderFeed, renderIndex, renderShapes } from './render';
import type { FeedSnapshot } from './snapshot';

const gzip = (text: string) => gzipSync(text, { level: 9 });

/** Writes feed, shapes, then the index (last: readers that see a new index find the rest current). */
export async function publishSnapshot(feed: FeedStore, snapshot: FeedSnapshot, today: string): Promise<void> {
  await feed.put(FEED_BLOBS.items, gzip(renderFeed(snapshot, today)));
  await feed.put(FEED_BLOBS.shapes, gzip(renderShapes(snapshot)));
  await feed.put(FEED_BLOBS.index, gzip(renderIndex(snapshot)));
}

/** The snapshot stored in `feed`, or null when none was published yet. */
export async function loadSnapshot(feed: FeedStore): Promise<FeedSnapshot | null> {
  const index = await feed.get(FEED_BLOBS.index);
  const shapes = await feed.get(FEED_BLOBS.shapes);
  if (!index || index === 'unchanged') return null;
  const { version, items } = parseIndex(gunzipSync(index.body).toString('utf8'));
  const shapeList =
    shapes && shapes !== 'unchanged'
      ? (JSON.parse(gunzipSync(shapes.body).toString('utf8')) as { features: ShapeFeature[] }).features
      : [];
  return {
    version,
    items: new Map(items.map((r) => [r.id, r])),
    shapes: new Map(shapeList.map((s) => [s.properties.id, s])),
  };
}
