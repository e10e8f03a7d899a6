/**
 * The map feed on one machine (`npm start`, tests): follows the table's stream on DynamoDB Local
 * and publishes each change into a FeedStore with the same `applyChanges` and `publishSnapshot`
 * the cloud's stream Lambda uses; the API reads it through the same FeedReader.
 */
import { almatyDate } from '../../shared/dates';
import type { Store } from '../data/client';
import { type FeedStore, MemoryFeedStore } from './feed-store';
import { loadSnapshot, publishSnapshot } from './publish';
import { FeedReader } from './reader';
import { rebuildSnapshot } from './rebuild';
import { applyChanges, type FeedSnapshot } from './snapshot';
import { StreamPoller } from './stream-poller';

export interface LocalFeed {
  reader: FeedReader;
  /** Applies everything the stream holds now and publishes it; resolves to the snapshot version. */
  refresh(): Promise<number>;
  stop(): Promise<void>;
}

export interface LocalFeedOptions {
  store: Store;
  feedStore?: FeedStore;
  /** How often to poll the stream; 0 polls only on `refresh()` (tests). */
  pollMs?: number;
  now?: () => Date;
}

export async function startLocalFeed(opts: LocalFeedOptions): Promise<LocalFeed> {
  const feedStore = opts.feedStore ?? new MemoryFeedStore();
  const now = opts.now ?? (() => new Date());
  const poller = new StreamPoller(opts.store);
  await poller.start();
  // Execution states depend on the date: a new day in Almaty republishes even without changes. A
  // snapshot found in the store may be from another day, so the first poll republishes it.
  let publishedFor = '';
  let snapshot: FeedSnapshot | null = await loadSnapshot(feedStore);
  if (!snapshot) {
    snapshot = await rebuildSnapshot(opts.store);
    publishedFor = almatyDate(now());
    await publishSnapshot(feedStore, snapshot, publishedFor);
  }
  let current = snapshot;
  const reader = new FeedReader(feedStore, { maxAgeMs: 60_000 });

  let chain: Promise<number> = Promise.resolve(current.version);
  const cycle = async () => {
    const changes = await poller.poll();
    const next = applyChanges(current, changes);
    const today = almatyDate(now());
    if (next !== current || today !== publishedFor) {
      await publishSnapshot(feedStore, next, today);
      current = next;
      publishedFor = today;
      reader.invalidate();
    }
    return current.version;
  };
  const refresh = () => {
    chain = chain.then(cycle, cycle);
    return chain;
  };

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped || !opts.pollMs) return;
    timer = setTimeout(() => {
      refresh()
        .catch((err) =>
          console.error(JSON.stringify({ level: 'error', msg: 'feed poll', error: String(err) })),
        )
        .finally(schedule);
    }, opts.pollMs);
  };
  schedule();

  return {
    reader,
    refresh,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await chain.catch(() => undefined);
      poller.stop();
    },
  };
}
