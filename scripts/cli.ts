/** What the one-shot scripts (`npm run import`, `npm run seed`, benchmarks) share. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { config } from '../functions/config';
import { createStore, type Store } from '../functions/data/client';
import { ensureTable } from '../functions/data/table';
import { startLocalDynamo } from '../functions/local/dynamodb-local';

/**
 * Runs `work` on the store `npm start` uses: DYNAMODB_ENDPOINT when set, else the embedded DynamoDB
 * Local over `.data/dynamodb`, with the table ensured. Bulk work gets a patient client (30 s per
 * call); whatever was started is stopped afterwards.
 */
export async function withConfiguredStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const local = config.dynamodbEndpoint
    ? undefined
    : await startLocalDynamo({
        dataDir: resolve(import.meta.dirname, '../.data/dynamodb'),
        readyTimeoutMs: 120_000,
      });
  const store = createStore({ endpoint: config.dynamodbEndpoint ?? local!.endpoint, timeoutMs: 30_000 });
  try {
    await ensureTable(store.raw, store.table);
    return await work(store);
  } finally {
    store.raw.destroy();
    await local?.stop();
  }
}

/** Runs `main` when the module is the script node was started with (not when a test imports it). */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
