/**
 * One batch of table stream records into the published snapshot: load what is published (or
 * rebuild from the table when nothing is), apply the changes, publish when anything changed.
 * The cloud's stream Lambda is this function with S3; tests run it with a memory FeedStore.
 *
 * Each point's execution state (`x`: on track, lagging…) depends on the date as well as the item,
 * so a day with no writes would leave yesterday's states on the map. A schedule writes the day
 * marker record just after midnight in Almaty (infra/constructs/map-feed.ts); its stream record
 * republishes the snapshot for the new date. Coming through the stream, the daily run is ordered
 * with the item changes instead of racing them for the snapshot.
 */
import { almatyDate } from '../../shared/dates';
import type { Store } from '../data/client';
import type { FeedStore } from './feed-store';
import { loadSnapshot, publishSnapshot } from './publish';
import { rebuildSnapshot } from './rebuild';
import { applyChanges, isDayMarker, type StreamChange } from './snapshot';

export async function applyStreamBatch(
  deps: { store: Store; feedStore: FeedStore; now?: () => Date },
  records: readonly StreamChange[],
): Promise<number> {
  const stored = await loadSnapshot(deps.feedStore);
  const base = stored ?? (await rebuildSnapshot(deps.store));
  const next = applyChanges(base, records);
  if (next !== base || !stored || records.some(isDayMarker))
    await publishSnapshot(deps.feedStore, next, almatyDate(deps.now?.() ?? new Date()));
  return next.version;
}
