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
 *
 * Several shards run this at once against the same blobs. Every write is conditional on the ETag
 * read (publishSnapshotOver); when another writer got in between, the batch is applied again to
 * what is there now. Applying a change twice is harmless (see applyChanges), so a retry after a
 * partly written attempt converges.
 */
import { almatyDate } from '../../shared/dates';
import type { Store } from '../data/client';
import { FeedConflictError, type FeedStore } from './feed-store';
import { loadSnapshotForUpdate, publishSnapshotOver } from './publish';
import { rebuildSnapshot } from './rebuild';
import { applyChanges, isDayMarker, type StreamChange } from './snapshot';

/** Conflicts are brief (another shard's publish); this many in a row means something is wrong. */
export const MAX_PUBLISH_ATTEMPTS = 20;

export async function applyStreamBatch(
  deps: { store: Store; feedStore: FeedStore; now?: () => Date },
  records: readonly StreamChange[],
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const { snapshot: stored, etags } = await loadSnapshotForUpdate(deps.feedStore);
    const base = stored ?? (await rebuildSnapshot(deps.store));
    const next = applyChanges(base, records);
    if (next === base && stored && !records.some(isDayMarker)) return next.version;
    try {
      await publishSnapshotOver(deps.feedStore, next, almatyDate(deps.now?.() ?? new Date()), etags);
      return next.version;
    } catch (err) {
      // Thrown after the last attempt: the stream retries the batch (then bisects, then the DLQ).
      if (!(err instanceof FeedConflictError) || attempt >= MAX_PUBLISH_ATTEMPTS) throw err;
      // A little jitter keeps two shards from colliding again in lockstep.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}
