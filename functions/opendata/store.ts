/**
 * The importer's reads and writes, batched: an import of 100,000 rows must run at a good share of
 * raw BatchWriteItem speed, so items are read 100 at a time (BatchGetItem) to find what changed and
 * written 25 at a time (BatchWriteItem). One put is one whole item, so each record still lands
 * whole or not at all; an item that also carries OCDS links is written with its links in one
 * transaction (the ops here, run by functions/services/import.ts).
 *
 * Keys (see functions/README.md):
 *   item              pk ITEM#<id>      sk ITEM          (functions/data/items.ts)
 *   OCDS link         pk OCID#<ocid>    sk LINK          itemId → the item OCDS releases update
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Item } from '../../shared/item';
import type { Store } from '../data/client';
import { fromItemRecord, itemKeys, toItemRecord } from '../data/items';
import { ConditionFailedError, runTransaction, type TransactOp } from '../data/transaction';

export const ocidKeys = {
  pk: (ocid: string) => `OCID#${ocid}`,
  sk: 'LINK',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** BatchGetItem for any number of keys, retrying unprocessed keys with backoff. */
async function batchGet(
  store: Store,
  keys: { pk: string; sk: string }[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      const res: BatchGetCommandOutput = await store.doc.send(
        new BatchGetCommand({ RequestItems: { [store.table]: { Keys: pending, ConsistentRead: true } } }),
      );
      out.push(...(res.Responses?.[store.table] ?? []));
      pending = res.UnprocessedKeys?.[store.table]?.Keys;
      if (attempt > 8 && pending?.length) throw new Error('BatchGetItem kept returning unprocessed keys');
    }
  }
  return out;
}

/** Stored items by id; ids not stored are simply absent from the map. */
export async function getItemsById(store: Store, ids: string[]): Promise<Map<string, Item>> {
  const unique = [...new Set(ids)];
  const records = await batchGet(
    store,
    unique.map((id) => ({ pk: itemKeys.pk(id), sk: itemKeys.sk })),
  );
  return new Map(records.map((r) => [r.id as string, fromItemRecord(r)]));
}

/** A stored item with the record's `version` (present once an official's update changed it in place). */
export interface StoredItem {
  item: Item;
  version?: number;
}

/** Stored items by id with their versions, in BatchGetItem calls of 100. */
export async function getStoredItems(store: Store, ids: string[]): Promise<Map<string, StoredItem>> {
  const records = await batchGet(
    store,
    [...new Set(ids)].map((id) => ({ pk: itemKeys.pk(id), sk: itemKeys.sk })),
  );
  return new Map(
    records.map((r) => [
      r.id as string,
      { item: fromItemRecord(r), ...(typeof r.version === 'number' ? { version: r.version } : {}) },
    ]),
  );
}

/**
 * Replaces a stored item only if it is still the version that was read (an official's update in
 * between moves the version, or gives it one): false when it was not, and nothing was written. An
 * item that carries officials' updates keeps a version, one higher, so their next update sees this write.
 */
export async function putItemIfVersion(
  store: Store,
  item: Item,
  version: number | undefined,
  ocids: string[] = [],
): Promise<boolean> {
  const put = {
    TableName: store.table,
    Item: { ...toItemRecord(item), ...(version === undefined ? {} : { version: version + 1 }) },
    ConditionExpression: version === undefined ? 'attribute_not_exists(version)' : 'version = :v',
    ...(version === undefined ? {} : { ExpressionAttributeValues: { ':v': version } }),
  };
  try {
    if (!ocids.length) await store.doc.send(new PutCommand(put));
    else
      await runTransaction(store, [
        { Put: put },
        ...ocids.map((ocid) => ({
          Put: {
            TableName: store.table,
            Item: { pk: ocidKeys.pk(ocid), sk: ocidKeys.sk, entity: 'ocid-link', ocid, itemId: item.id },
          },
        })),
      ]);
    return true;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'ConditionalCheckFailedException' || err instanceof ConditionFailedError) return false;
    throw err;
  }
}

/** The item each OCDS contracting process is linked to. */
export async function getLinkedItemIds(store: Store, ocids: string[]): Promise<Map<string, string>> {
  const records = await batchGet(
    store,
    [...new Set(ocids)].map((ocid) => ({ pk: ocidKeys.pk(ocid), sk: ocidKeys.sk })),
  );
  return new Map(records.map((r) => [r.ocid as string, r.itemId as string]));
}

/** Puts whole items, 25 per BatchWriteItem (blocks in parallel), retrying unprocessed puts with backoff. */
export async function putItems(store: Store, items: Item[]): Promise<void> {
  const blocks: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) blocks.push(items.slice(i, i + 25));
  await Promise.all(blocks.map((block) => putBlock(store, block)));
}

async function putBlock(store: Store, items: Item[]): Promise<void> {
  let pending: { PutRequest: { Item: Record<string, unknown> } }[] | undefined = items.map((item) => ({
    PutRequest: { Item: toItemRecord(item) as unknown as Record<string, unknown> },
  }));
  for (let attempt = 0; pending?.length; attempt++) {
    if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
    const res: BatchWriteCommandOutput = await store.doc.send(
      new BatchWriteCommand({ RequestItems: { [store.table]: pending } }),
    );
    pending = res.UnprocessedItems?.[store.table] as typeof pending;
    if (attempt > 8 && pending?.length) throw new Error('BatchWriteItem kept returning unprocessed items');
  }
}

/**
 * The writes of an item and the OCDS links pointing at it, for one transaction (the import service
 * runs them through the one transaction runner).
 */
export function itemWithLinksOps(store: Store, item: Item, ocids: string[]): TransactOp[] {
  return [
    { Put: { TableName: store.table, Item: toItemRecord(item) } },
    ...ocids.map((ocid) => ({
      Put: {
        TableName: store.table,
        Item: { pk: ocidKeys.pk(ocid), sk: ocidKeys.sk, entity: 'ocid-link', ocid, itemId: item.id },
      },
    })),
  ];
}
