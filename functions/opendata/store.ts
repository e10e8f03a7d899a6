/**
 * The importer's reads and writes, batched: an import of 100,000 rows must run at a good share of
 * raw BatchWriteItem speed, so items are read 100 at a time (BatchGetItem) to find what changed and
 * written 25 at a time (BatchWriteItem). One put is one whole item, so each record still lands
 * whole or not at all; an item that also carries OCDS links is written with its links in one
 * transaction (the ops here, run by functions/services/import.ts).
 *
 * Stored items are replaced only if unchanged since they were read: conditional puts, 25 to a
 * transaction (`replaceItemsIfVersion`), or as many as fit beside the chain entry that names them
 * when the import commits them with it. Written with their chain entry's seq (`auditSeq`, and
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
import { ConditionFailedError, runTransaction, type TransactOp } from '../data/transaction';

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

/** A stored item to replace, the version it had when read, and the OCDS links to add with it. */
export interface VersionedPut {
  item: Item;
  version?: number;
  ocids: string[];
  /** The stored record's flags, written again with the new item data. */
  flags?: RecordFlags;
}

/** Items per transaction of conditional replacements: as many as one BatchWriteItem call holds. */
const REPLACE_GROUP = 25;
/** Item data per transaction, well under TransactWriteItems' 4 MB and 100 operations. */
const REPLACE_GROUP_BYTES = 2_000_000;
const REPLACE_GROUP_OPS = 100;

/**
 * The put of one replacement: only if the stored item is still the version that was read (an
 * official's update in between moves the version, or gives it one). An item that carries officials'
 * updates keeps a version, one higher, so their next update sees this write.
 */
function replaceOps(
  store: Store,
  { item, version, ocids }: VersionedPut,
  record: object,
  auditSeq?: number,
): TransactOp[] {
  return [
    {
      Put: {
        TableName: store.table,
        Item: {
          ...record,
          ...(version === undefined ? {} : { version: version + 1 }),
          ...(auditSeq === undefined ? {} : { auditSeq }),
        },
        ConditionExpression: version === undefined ? 'attribute_not_exists(version)' : 'version = :v',
        ...(version === undefined ? {} : { ExpressionAttributeValues: { ':v': version } }),
      },
    },
    ...ocids.map((ocid) => linkPut(store, ocid, item.id)),
  ];
}

/**
 * Replaces stored items, each only if it is still the version that was read, and returns those that
 * were not (nothing of theirs was written; the caller reads and plans them again). The puts go as
 * transactions of up to 25 conditional puts (each item with its new OCDS links), run through the one
 * transaction runner, several at once: a re-import's updates cost one request per 25 items, as its
 * new items do in BatchWriteItem, instead of one per item. A transaction is all or nothing, and a
 * refusal names every refused put (ConditionFailedError.indexes): those items are returned as stale
 * and the rest of their group is sent again without them.
 *
 * With `commit` (the import), each group is committed by the caller with the chain entry that names
 * it, in `maxOps` operations beside the entry's own: `ops(seq)` are the group's puts, each record
 * carrying the entry's seq; a refusal is reported the same way (ConditionFailedError.indexes).
 */
export async function replaceItemsIfVersion<T extends VersionedPut>(
  store: Store,
  puts: T[],
  opts: {
    maxOps?: number;
    commit?: (puts: T[], ops: (auditSeq: number) => TransactOp[]) => Promise<void>;
  } = {},
): Promise<T[]> {
  const maxOps = Math.min(REPLACE_GROUP_OPS, opts.maxOps ?? REPLACE_GROUP_OPS);
  const maxItems = opts.commit ? maxOps : REPLACE_GROUP;
  // Groups never hold one key twice (TransactWriteItems refuses that): two items claiming the same
  // new OCDS link go in different groups, and the second to arrive wins, as with single writes.
  const groups: { put: T; record: object }[][] = [];
  let group: { put: T; record: object }[] = [];
  let keys = new Set<string>();
  let bytes = 0;
  let ops = 0;
  for (const put of puts) {
    const record = { ...toItemRecord(put.item), ...put.flags };
    const size = JSON.stringify(record).length;
    const own = [itemKeys.pk(put.item.id), ...put.ocids.map((ocid) => String(linkKey(ocid).pk))];
    if (
      group.length &&
      (group.length >= maxItems ||
        bytes + size > REPLACE_GROUP_BYTES ||
        ops + own.length > maxOps ||
        own.some((k) => keys.has(k)))
    ) {
      groups.push(group);
      group = [];
      keys = new Set();
      bytes = 0;
      ops = 0;
    }
    group.push({ put, record });
    for (const k of own) keys.add(k);
    bytes += size;
    ops += own.length;
  }
  if (group.length) groups.push(group);

  const stale: T[] = [];
  await Promise.all(
    groups.map(async (first) => {
      for (let pending = first; pending.length; ) {
        const owner: number[] = [];
        const opsOf = (auditSeq?: number) => {
          const ops: TransactOp[] = [];
          owner.length = 0;
          pending.forEach(({ put, record }, i) => {
            for (const op of replaceOps(store, put, record, auditSeq)) {
              ops.push(op);
              owner.push(i);
            }
          });
          return ops;
        };
        try {
          if (opts.commit)
            await opts.commit(
              pending.map((p) => p.put),
              (seq) => opsOf(seq),
            );
          else await runTransaction(store, opsOf());
          return;
        } catch (err) {
          if (!(err instanceof ConditionFailedError)) throw err;
          const refused = new Set(err.indexes.map((i) => owner[i]));
          for (const [i, p] of pending.entries()) if (refused.has(i)) stale.push(p.put);
          pending = pending.filter((_, i) => !refused.has(i));
        }
      }
    }),
  );
  return stale;
}

/** The item each OCDS contracting process is linked to. */
export async function getLinkedItemIds(store: Store, ocids: string[]): Promise<Map<string, string>> {
  const records = await batchGet(store, [...new Set(ocids)].map(linkKey) as { pk: string; sk: string }[]);
  return new Map(records.map((r) => [r.ocid as string, r.itemId as string]));
}

/** Puts whole items, 25 per BatchWriteItem (blocks in parallel), retrying unprocessed puts with backoff. */
export async function putItems(
  store: Store,
  items: Item[],
  flags?: ReadonlyMap<string, RecordFlags>,
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
  flags?: ReadonlyMap<string, RecordFlags>,
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
  flags?: RecordFlags,
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
