/**
 * Bulk writes for seeding and imports: BatchWriteItem in chunks of 25, several chunks in flight,
 * unprocessed items retried with backoff until none remain. Bulk reads of one entity: its batch get,
 * unprocessed keys asked again with backoff.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';
import { go, OWN } from './schema';

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

/** An ElectroDB batch get, as `entity.get(keys)` makes it (BatchGetItem, 100 keys a request). */
type EntityBatchGet<K> = (keys: K[]) => {
  // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's go options are typed per entity.
  go(options?: any): Promise<{ data: unknown; unprocessed: unknown }>;
};

/**
 * The stored records of these keys (missing ones left out), whole as DynamoDB holds them
 * (`data: 'raw'`), through the entity's batch get: `batchGetRecords((k) => entity.get(k), keys)`.
 * Keys DynamoDB leaves unprocessed (throttling) are asked again after a pause until none is left.
 */
export async function batchGetRecords<K>(
  get: EntityBatchGet<K>,
  keys: readonly K[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let pending = [...keys];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
    const res = await go(get(pending).go({ ...OWN, data: 'raw' }));
    for (const r of res.data as ({ Item?: Record<string, unknown> } | null)[]) if (r?.Item) out.push(r.Item);
    pending = res.unprocessed as K[];
  }
  return out;
}
