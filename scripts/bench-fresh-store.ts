/**
 * The timing harness the write benchmarks share (bench:import, bench:sync): each side of a comparison
 * runs on its own DynamoDB Local, whose JVM is first warmed with the same writes, on a fresh table,
 * so neither side pays for the JIT or for the other side's items.
 */
import { batchPut } from '../functions/data/batch';
import { createStore, type Store } from '../functions/data/client';
import { ensureTable } from '../functions/data/table';
import { startLocalDynamo } from '../functions/local/dynamodb-local';

export interface FreshStoreRun {
  /** Records written before timing starts, to warm the JVM. */
  warmup: readonly object[];
  /** BatchWriteItem calls kept in flight while warming (the compared sides keep as many). */
  writesInFlight: number;
  /** Untimed set-up on the timed table (e.g. the bodies a sync binds contracts to). */
  prepare?: (store: Store) => Promise<void>;
}

/**
 * Seconds `run` takes on a fresh table of its own freshly started, warmed DynamoDB Local. One shared instance is unfair:
 * DynamoDB Local slows down as it holds more data, across tables (measured: 5,000 puts took 9 s in a
 * fresh instance and 100 s after 30,000 more items had been written), so whichever run came second
 * paid for the first run's items.
 */
export async function timedOnFreshStore(
  { warmup, writesInFlight, prepare }: FreshStoreRun,
  run: (store: Store) => Promise<void>,
): Promise<number> {
  const local = await startLocalDynamo({ readyTimeoutMs: 300_000 });
  const stores: Store[] = [];
  const fresh = async (name: string) => {
    const store = createStore({ endpoint: local.endpoint, table: name, timeoutMs: 60_000, maxAttempts: 5 });
    stores.push(store);
    await ensureTable(store.raw, store.table);
    return store;
  };
  try {
    await batchPut(await fresh('bench-warm'), warmup, { concurrency: writesInFlight });
    const store = await fresh('bench-timed');
    await prepare?.(store);
    const t = performance.now();
    await run(store);
    return (performance.now() - t) / 1000;
  } finally {
    for (const s of stores) s.raw.destroy();
    await local.stop();
  }
}
