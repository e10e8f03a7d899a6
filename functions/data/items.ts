/**
 * Budget items in the table. Amounts are stored as integer tiyn (DynamoDB numbers are exact),
 * converted to KZT decimal strings only at the API edge.
 *
 * Keys (see functions/README.md):
 *   item            pk ITEM#<id>         sk ITEM
 *   byCell          gsi1pk CELL#<gh5>    gsi1sk <id>
 *   byArea          gsi2pk AREA#<area>   gsi2sk <year>#<id>
 *   byCategory      gsi3pk CAT#<cat>     gsi3sk <year>#<id>
 *   byBody          gsi4pk BODY#<body>   gsi4sk ITEM#<year>#<id>
 *   byStatus        gsi5pk STATUS#<st>   gsi5sk <year>#<id>
 *   byKind          gsi7pk KIND#ITEM     gsi7sk <year>#<id>
 *   byContractor    gsi8pk CONTRACTOR#<bin> gsi8sk <year>#<id>   (only items with a contractor)
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import ngeohash from 'ngeohash';
import { checkIdentificationNumber } from '../../shared/bin';
import { executionPercent, executionState, milestoneFacts } from '../../shared/execution';
import { contractorView, type Item, type ItemFlag, type ItemView } from '../../shared/item';
import { fromTiyn, toTiyn } from '../../shared/money';
import type { Store } from './client';
import { queryEntityRecords } from './query-all';
import { entitiesOf, fill, getRecord, itemModel, itemPartition, kindIs, recordKey } from './schema';
import type { TransactOp } from './transaction';

/** Geohash precision of the byCell index: 5 chars ≈ 4.9 × 4.9 km, a few dozen cells per city. */
export const CELL_PRECISION = 5;

export const itemKeys = {
  pk: itemPartition,
  sk: fill(itemModel.indexes.record.sk.template, {}),
  cell: (lon: number, lat: number) => `CELL#${ngeohash.encode(lat, lon, CELL_PRECISION)}`,
  area: (area: string) => fill(itemModel.indexes.ofArea.pk.template, { area }),
  category: (category: string) => fill(itemModel.indexes.ofCategory.pk.template, { category }),
  body: (bodyId: string) => `BODY#${bodyId}`,
  status: (status: string) => fill(itemModel.indexes.ofStatus.pk.template, { status }),
  kind: fill(itemModel.indexes.all.pk.template, {}),
  contractor: (bin: string) => `CONTRACTOR#${bin}`,
  yearSort: (year: number, id: string) => `${year}#${id}`,
};

export interface ItemRecord extends Omit<Item, 'amounts'> {
  pk: string;
  sk: string;
  entity: 'item';
  plannedTiyn: number;
  contractedTiyn: number;
  spentTiyn: number;
  [gsi: `gsi${number}${'pk' | 'sk'}`]: string;
}

export function toItemRecord(item: Item): ItemRecord {
  const { amounts, ...rest } = item;
  const ys = itemKeys.yearSort(item.fiscalYear, item.id);
  const [lon, lat] = item.location.point;
  return {
    ...rest,
    pk: itemKeys.pk(item.id),
    sk: itemKeys.sk,
    entity: 'item',
    plannedTiyn: Number(toTiyn(amounts.planned)),
    contractedTiyn: Number(toTiyn(amounts.contracted)),
    spentTiyn: Number(toTiyn(amounts.spent)),
    gsi1pk: itemKeys.cell(lon, lat),
    gsi1sk: item.id,
    gsi2pk: itemKeys.area(item.area),
    gsi2sk: ys,
    gsi3pk: itemKeys.category(item.category),
    gsi3sk: ys,
    gsi4pk: itemKeys.body(item.body.id),
    gsi4sk: `ITEM#${ys}`,
    gsi5pk: itemKeys.status(item.status),
    gsi5sk: ys,
    gsi7pk: itemKeys.kind,
    gsi7sk: ys,
    ...(item.contractor ? { gsi8pk: itemKeys.contractor(item.contractor.bin), gsi8sk: ys } : {}),
  };
}

// `flags`/`flagFacts` are the flag job's (functions/services/flags.ts), on the chain as their own
// record kind: not item data, so an import neither compares nor hashes them. `auditSeq` and
// `flagsAuditSeq` say which chain entry last named the record's `item/…` and `flags/…` keys, when a
// bulk write carried that on the record instead of a pointer record (functions/audit/chain.ts).
const RECORD_ONLY = new Set([
  'auditSeq',
  'flagsAuditSeq',
  'pk',
  'sk',
  'entity',
  'plannedTiyn',
  'contractedTiyn',
  'spentTiyn',
  'version',
  'flags',
  'flagFacts',
]);

export function fromItemRecord(record: Record<string, unknown>): Item {
  const item: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (!RECORD_ONLY.has(k) && !/^gsi\d+(pk|sk)$/.test(k)) item[k] = v;
  }
  item.amounts = {
    planned: fromTiyn(record.plannedTiyn as number),
    contracted: fromTiyn(record.contractedTiyn as number),
    spent: fromTiyn(record.spentTiyn as number),
  };
  return item as Item;
}

const isBin = (n: string) => {
  const c = checkIdentificationNumber(n);
  return c.ok && c.kind === 'bin';
};

/** The API's view of an item: stored fields plus execution figures derived for `today`. */
export function toItemView(item: Item, today: string, flags?: readonly ItemFlag[]): ItemView {
  const input = {
    status: item.status,
    plannedTiyn: toTiyn(item.amounts.planned),
    contractedTiyn: toTiyn(item.amounts.contracted),
    spentTiyn: toTiyn(item.amounts.spent),
    periodStart: item.period.start,
    periodEnd: item.period.end,
    ...milestoneFacts(item.milestones),
  };
  const { contractor, transactions, ...rest } = item;
  return {
    ...rest,
    ...(contractor ? { contractor: contractorView(contractor) } : {}),
    // A payee that is a sole trader (IIN) is shown without its number.
    ...(transactions
      ? {
          transactions: transactions.map(({ payeeBin, ...t }) =>
            payeeBin && isBin(payeeBin) ? { ...t, payeeBin } : t,
          ),
        }
      : {}),
    execution: { percent: executionPercent(input), state: executionState(input, today) },
    ...(flags?.length ? { flags: [...flags] } : {}),
  };
}

export async function putItem(store: Store, item: Item): Promise<void> {
  // The record whole (`toItemRecord`, keys from the item's templates): it holds what the entity does not declare.
  await store.doc.send(new PutCommand({ TableName: store.table, Item: toItemRecord(item) }));
}

/**
 * The stored record of an item, as DynamoDB holds it: the item entity declares the fields the
 * indexes need, while the record also carries what other writers add (the flag job's `flags`), so
 * reads take the record whole and `fromItemRecord` decides what is item data. The hottest read of
 * the API, so it goes by the model's key without ElectroDB's per-call chain (schema.ts `getRecord`).
 */
function getItemRecord(store: Store, id: string): Promise<Record<string, unknown> | undefined> {
  return getRecord(store, itemModel, { id });
}

/** The stored record, strongly consistent: what a conditional change of the item is guarded by. */
export function getItemRecordConsistent(
  store: Store,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  return getRecord(store, itemModel, { id }, { consistent: true });
}

/**
 * An official's progress update on the item, in place (the flag job's attributes stay): only what
 * an update moves is set (milestones, status and its index key, period, spent, transactions), on
 * the version, spent total and status that were read, so a concurrent import or update makes this
 * one fail rather than undo it.
 */
export function itemProgressOp(
  store: Store,
  after: Item,
  seen: { version: number; spentTiyn: unknown; status: string },
): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: recordKey(itemModel, { id: after.id }),
      // An item with no payments keeps none: `transactions = []` would differ from the item the
      // audit entry names (no `transactions`), and its full check would fail.
      UpdateExpression: after.transactions
        ? 'SET milestones = :ms, #st = :st, gsi5pk = :g5, period = :p, spentTiyn = :sp, transactions = :tx, version = :v1'
        : 'SET milestones = :ms, #st = :st, gsi5pk = :g5, period = :p, spentTiyn = :sp, version = :v1 REMOVE transactions',
      ConditionExpression:
        seen.version === 0
          ? 'attribute_not_exists(version) AND spentTiyn = :sp0 AND #st = :st0'
          : 'version = :v0 AND spentTiyn = :sp0 AND #st = :st0',
      ExpressionAttributeNames: { '#st': 'status' },
      ExpressionAttributeValues: {
        ':ms': after.milestones,
        ':st': after.status,
        ':g5': itemKeys.status(after.status),
        ':p': after.period,
        ':sp': Number(toTiyn(after.amounts.spent)),
        ...(after.transactions ? { ':tx': after.transactions } : {}),
        ':v1': seen.version + 1,
        ':sp0': seen.spentTiyn,
        ':st0': seen.status,
        ...(seen.version === 0 ? {} : { ':v0': seen.version }),
      },
    },
  };
}

export async function getItem(store: Store, id: string): Promise<Item | null> {
  const record = await getItemRecord(store, id);
  return record ? fromItemRecord(record) : null;
}

/** The item and the risk flags the flag job wrote on its record (one GetItem). */
export async function getItemWithFlags(
  store: Store,
  id: string,
): Promise<{ item: Item; flags: ItemFlag[] } | null> {
  const record = await getItemRecord(store, id);
  if (!record) return null;
  const codes = Array.isArray(record.flags) ? (record.flags as string[]) : [];
  const facts = (record.flagFacts ?? {}) as Record<string, ItemFlag['facts']>;
  return { item: fromItemRecord(record), flags: codes.map((code) => ({ code, facts: facts[code] ?? {} })) };
}

/** Whose items a feed lists: an area's, a body's or a contractor's. */
export type ItemsOf = { area: string } | { bodyId: string } | { contractorBin: string };

/**
 * The newest `limit` items of an area, a body or a contractor, by fiscal year then id, newest first
 * (the Atom feeds), as stored. A body's partition also holds its questions and recommendations, so
 * the body's `ITEM#` prefix and the kind filter keep them out.
 */
export async function latestItemRecords(
  store: Store,
  of: ItemsOf,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const q = entitiesOf(store).item.query;
  const query =
    'area' in of
      ? q.ofArea({ area: of.area })
      : 'bodyId' in of
        ? q.addressedToBody({ bodyKey: itemKeys.body(of.bodyId) })
        : q.ofContractor({ contractorKey: itemKeys.contractor(of.contractorBin) });
  return queryEntityRecords(query.where(kindIs('item')), { limit, options: { order: 'desc' } });
}
