/** Writing a snapshot's blobs to a FeedStore and reading a snapshot back from one. */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ShapeFeature } from '../../shared/feed';
import { conditionFor, FEED_BLOBS, type FeedStore } from './feed-store';
import { parseIndex, renderFeed, renderIndex, renderShapes } from './render';
import type { FeedSnapshot } from './snapshot';

const gzip = (text: string) => gzipSync(text, { level: 9 });

/** Writes feed, shapes, then the index (last: readers that see a new index find the rest current). */
export async function publishSnapshot(feed: FeedStore, snapshot: FeedSnapshot, today: string): Promise<void> {
  await feed.put(FEED_BLOBS.items, gzip(renderFeed(snapshot, today)));
  await feed.put(FEED_BLOBS.shapes, gzip(renderShapes(snapshot)));
  await feed.put(FEED_BLOBS.index, gzip(renderIndex(snapshot)));
}

/** The ETag of each blob as read (null: absent), the preconditions of writing them back. */
export type FeedEtags = Record<keyof typeof FEED_BLOBS, string | null>;

/**
 * Writes the snapshot only over the blobs `read` saw: feed and shapes first, then the index, which
 * holds the version and every record and so is what a retry re-reads (readers that see a new index
 * find the rest current). Throws FeedConflictError when another writer got in between.
 */
export async function publishSnapshotOver(
  feed: FeedStore,
  snapshot: FeedSnapshot,
  today: string,
  read: FeedEtags,
): Promise<void> {
  await feed.put(FEED_BLOBS.items, gzip(renderFeed(snapshot, today)), conditionFor(read.items));
  await feed.put(FEED_BLOBS.shapes, gzip(renderShapes(snapshot)), conditionFor(read.shapes));
  await feed.put(FEED_BLOBS.index, gzip(renderIndex(snapshot)), conditionFor(read.index));
}

/** The snapshot stored in `feed` (null when none was published yet) and the ETags it was read at. */
export async function loadSnapshotForUpdate(
  feed: FeedStore,
): Promise<{ snapshot: FeedSnapshot | null; etags: FeedEtags }> {
  // The derived blobs' ETags first: a write between these reads then fails a precondition
  // instead of going unnoticed.
  const items = await feed.head(FEED_BLOBS.items);
  const shapes = await feed.get(FEED_BLOBS.shapes);
  const index = await feed.get(FEED_BLOBS.index);
  const etagOf = (blob: typeof index) => (blob && blob !== 'unchanged' ? blob.etag : null);
  return {
    snapshot: parseSnapshot(index, shapes),
    etags: { items, shapes: etagOf(shapes), index: etagOf(index) },
  };
}

/** The snapshot stored in `feed`, or null when none was published yet. */
export async function loadSnapshot(feed: FeedStore): Promise<FeedSnapshot | null> {
  const index = await feed.get(FEED_BLOBS.index);
  const shapes = await feed.get(FEED_BLOBS.shapes);
  return parseSnapshot(index, shapes);
}

function parseSnapshot(
  index: Awaited<ReturnType<FeedStore['get']>>,
  shapes: Awaited<ReturnType<FeedStore['get']>>,
): FeedSnapshot | null {
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
