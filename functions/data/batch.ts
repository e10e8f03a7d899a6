/**
 * Bulk writes for seeding and imports: BatchWriteItem in chunks of 25, several chunks in flight,
 * unprocessed items retried with backoff until none remain.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';

const CHUNK = 25;

export async function batchPut(
  store: Store,
  records: readonly object[],
  opts: { concurrency?: number; onProgress?: (written: number) => void } = {},
): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < records.length; i += CHUNK)
    chunks.push(records.slice(i, i + CHUNK) as Record<string, unknown>[]);
  let next = 0;
  let written = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        const res = await store.doc.send(
          new BatchWriteCommand({ RequestItems: { [store.table]: requests } }),
        );
        requests = (res.UnprocessedItems?.[store.table] ?? []) as typeof requests;
      }
      written += chunk.length;
      opts.onProgress?.(written);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, chunks.length) }, worker));
}

/** Attempts of one chunk of deletes before `batchDelete` gives up (DynamoDB returns some unprocessed under load). */
const DELETE_ATTEMPTS = 8;

/**
 * Deletes the records with these table keys, 25 to a BatchWriteItem, one chunk at a time; what
 * DynamoDB leaves unprocessed is sent again after a pause. Refuses (throws) rather than return with
 * records left, so a caller that must remove them all (erasure, a withdrawn consent) can say so and
 * be asked again; deleting what is already gone is no error.
 */
export async function batchDelete(
  store: Pick<Store, 'doc' | 'table'>,
  keys: readonly Record<string, string>[],
) {
  for (let i = 0; i < keys.length; i += CHUNK) {
    let requests = keys.slice(i, i + CHUNK).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt >= DELETE_ATTEMPTS) throw new Error(`${requests.length} deletes still unprocessed.`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const res = await store.doc.send(new BatchWriteCommand({ RequestItems: { [store.table]: requests } }));
      requests = (res.UnprocessedItems?.[store.table] ?? []) as typeof requests;
    }
  }
}
