/**
 * The importer's reads and writes, batched: an import of 100,000 rows must run at a good share of
 * raw BatchWriteItem speed, so items are read 100 at a time (BatchGetItem) to find what changed and
 * written 25 at a time (BatchWriteItem). One put is one whole item, so each record still lands
 * whole or not at all; an item that also carries OCDS links is written with its links in one
 * transaction (the ops here, run by functions/services/import.ts).
 *
 * Stored items are replaced by the same unconditional puts while the import holds the items lease
 * (data/items-lease.ts: no other writer of item records can land meanwhile), keeping the record's
 * flags and moving its officials' `version` on. Written with their chain entry's seq (`auditSeq`, and
 * `flagsAuditSeq` for flags the same entry names), an item needs no separate audit pointer record.
 *
 * Records: the item (data/items.ts) and the OCDS link, `itemId` → the item OCDS releases update
 * (the `ocidLink` entity, data/entities/uploads.ts; keys in functions/README.md).
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { Item } from '../../shared/item';
import type { Store } from '../data/client';
import { ocidLinkModel } from '../data/entities/uploads';
import { fromItemRecord, itemKeys, toItemRecord } from '../data/items';
import { recordKey } from '../data/schema';
import type { TransactOp } from '../data/transaction';

/** The link's table key (the entity's template). */
const linkKey = (ocid: string) => recordKey(ocidLinkModel, { ocid });

/** The put of one OCDS link (it rides in its item's transaction). */
function linkPut(store: Store, ocid: string, itemId: string): TransactOp {
  return { Put: { TableName: store.table, Item: { ...linkKey(ocid), entity: 'ocid-link', ocid, itemId } } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** BatchGetItem for any number of keys, retrying unprocessed keys with backoff. */
async function batchGet(
  store: Store,
  keys: { pk: string; sk: string }[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const blocks: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += 100) blocks.push(keys.slice(i, i + 100));
  // The blocks at once: a sync page reads its 200 items back as two calls in flight, not in turn.
  await Promise.all(
    blocks.map(async (block) => {
      let pending: Record<string, unknown>[] | undefined = block;
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
        const res: BatchGetCommandOutput = await store.doc.send(
          new BatchGetCommand({ RequestItems: { [store.table]: { Keys: pending, ConsistentRead: true } } }),
        );
        out.push(...(res.Responses?.[store.table] ?? []));
        pending = res.UnprocessedKeys?.[store.table]?.Keys;
        if (attempt > 8 && pending?.length) throw new Error('BatchGetItem kept returning unprocessed keys');
      }
    }),
  );
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

/**
 * The flag job's fields on an item record (functions/services/flags.ts): not item data, but kept
 * when an import replaces the record, so the map does not lose an item's flags until the job runs
 * again, and codes the record carries are not taken for news when the job puts them back.
 */
export type RecordFlags = { flags?: unknown; flagFacts?: unknown; flagsAuditSeq?: number };

/** A stored item with the record's `version` (present once an official's update changed it in place). */
export interface StoredItem {
  item: Item;
  version?: number;
  /** The record's flags, if the flag job (or the sync that wrote it) gave it any. */
  flags?: RecordFlags;
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
      {
        item: fromItemRecord(r),
        ...(typeof r.version === 'number' ? { version: r.version } : {}),
        ...(r.flags !== undefined
          ? {
              flags: {
                flags: r.flags,
                ...(r.flagFacts !== undefined ? { flagFacts: r.flagFacts } : {}),
                ...(typeof r.flagsAuditSeq === 'number' ? { flagsAuditSeq: r.flagsAuditSeq } : {}),
              },
            }
          : {}),
      },
    ]),
  );
}

/** The item each OCDS contracting process is linked to. */
export async function getLinkedItemIds(store: Store, ocids: string[]): Promise<Map<string, string>> {
  const records = await batchGet(store, [...new Set(ocids)].map(linkKey) as { pk: string; sk: string }[]);
  return new Map(records.map((r) => [r.ocid as string, r.itemId as string]));
}

/**
 * What an item's record carries beside the item: its flags, and for a replaced item that carries
 * officials' updates the `version` they are guarded by (one higher than read).
 */
export type RecordExtras = RecordFlags & { version?: number };

/** Puts whole items, 25 per BatchWriteItem (blocks in parallel), retrying unprocessed puts with backoff. */
export async function putItems(
  store: Store,
  items: Item[],
  flags?: ReadonlyMap<string, RecordExtras>,
  /** The seq of the chain entry that names these items (their pointer, on the record). */
  auditSeq?: number,
): Promise<void> {
  const blocks: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) blocks.push(items.slice(i, i + 25));
  await Promise.all(blocks.map((block) => putBlock(store, block, flags, auditSeq)));
}

async function putBlock(
  store: Store,
  items: Item[],
  flags?: ReadonlyMap<string, RecordExtras>,
  auditSeq?: number,
): Promise<void> {
  let pending: { PutRequest: { Item: Record<string, unknown> } }[] | undefined = items.map((item) => ({
    PutRequest: {
      Item: {
        ...toItemRecord(item),
        ...flags?.get(item.id),
        ...(auditSeq === undefined ? {} : { auditSeq }),
      } as Record<string, unknown>,
    },
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
export function itemWithLinksOps(
  store: Store,
  item: Item,
  ocids: string[],
  flags?: RecordExtras,
  auditSeq?: number,
): TransactOp[] {
  return [
    {
      Put: {
        TableName: store.table,
        Item: { ...toItemRecord(item), ...flags, ...(auditSeq === undefined ? {} : { auditSeq }) },
      },
    },
    ...ocids.map((ocid) => linkPut(store, ocid, item.id)),
  ];
}
