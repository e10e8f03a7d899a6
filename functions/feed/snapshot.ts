/**
 * The materialized map-feed snapshot: every item's compact record plus its shape, and a version
 * that grows with each applied change. Built once from the table (full rebuild) and then kept
 * current from the table's stream with `applyChanges` — the same pure function in the cloud
 * (Stream → Lambda → S3) and locally (DynamoDB Local Streams poller), so both behave alike.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ShapeFeature } from '../../shared/feed';
import { type IndexRecord, isItemRecord, toIndexRecord, toShapeFeature } from './records';

export interface FeedSnapshot {
  version: number;
  items: ReadonlyMap<string, IndexRecord>;
  shapes: ReadonlyMap<string, ShapeFeature>;
}

/** A table stream record, as Lambda and the DynamoDB Streams API both deliver it. */
export interface StreamChange {
  eventName?: string;
  dynamodb?: {
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
  };
}

export function emptySnapshot(): FeedSnapshot {
  return { version: 0, items: new Map(), shapes: new Map() };
}

/** A snapshot of the given stored item records (full rebuild). */
export function buildSnapshot(records: Iterable<Record<string, unknown>>, version = 1): FeedSnapshot {
  const items = new Map<string, IndexRecord>();
  const shapes = new Map<string, ShapeFeature>();
  for (const r of records) {
    if (!isItemRecord(r)) continue;
    const rec = toIndexRecord(r);
    items.set(rec.id, rec);
    const shape = toShapeFeature(r);
    if (shape) shapes.set(rec.id, shape);
  }
  return { version, items, shapes };
}

const image = (img: Record<string, unknown> | undefined) =>
  img ? unmarshall(img as Record<string, AttributeValue>) : undefined;

/**
 * The day marker: one record a schedule rewrites just after midnight in Almaty, so that the stream
 * says "a new day" and the feed re-renders execution states for it (apply-stream-batch.ts).
 */
export const DAY_MARKER_KEY = { pk: 'FEED#DAY', sk: 'DAY' } as const;

export function isDayMarker(change: StreamChange): boolean {
  const keys = image(change.dynamodb?.Keys);
  return keys?.pk === DAY_MARKER_KEY.pk && keys?.sk === DAY_MARKER_KEY.sk;
}

/**
 * The snapshot after `changes`, in order. Pure: the input is not modified; when no change touches
 * an item the same snapshot comes back (version unchanged). Replaying a change is harmless (an
 * insert or modify writes the new image, a remove deletes), which lets a rebuild overlap the stream.
 */
export function applyChanges(snapshot: FeedSnapshot, changes: readonly StreamChange[]): FeedSnapshot {
  let items: Map<string, IndexRecord> | undefined;
  let shapes: Map<string, ShapeFeature> | undefined;
  for (const change of changes) {
    const keys = image(change.dynamodb?.Keys);
    if (!isItemRecord(keys)) continue;
    items ??= new Map(snapshot.items);
    shapes ??= new Map(snapshot.shapes);
    const id = String(keys!.pk).slice('ITEM#'.length);
    const next = change.eventName === 'REMOVE' ? undefined : image(change.dynamodb?.NewImage);
    if (!next) {
      items.delete(id);
      shapes.delete(id);
      continue;
    }
    items.set(id, toIndexRecord(next));
    const shape = toShapeFeature(next);
    if (shape) shapes.set(id, shape);
    else shapes.delete(id);
  }
  if (!items || !shapes) return snapshot;
  return { version: snapshot.version + 1, items, shapes };
}
