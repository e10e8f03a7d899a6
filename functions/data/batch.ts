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
