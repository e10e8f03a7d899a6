/**
 * `GET /api/items`: budget items matching filters, a page at a time, without a Scan.
 *   ids     BatchGet of the given ids (the web's list view fetching rows it knows from the feed)
 *   q       the search index (words of titles) → ids → BatchGet
 *   bbox    byCell: the cells covering the box, one partition after another
 *   others  the most selective index — byBody, byArea, byCategory, byStatus, else byKind — with
 *           the year in the sort key and the remaining filters as a FilterExpression
 * See functions/README.md for the key templates.
 */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../../shared/item';
import type { ItemFilters } from '../../shared/item-filters';
import type { IndexRecord } from '../feed/records';
import { toIndexRecord } from '../feed/records';
import { matchesFilters, type SearchIndex, searchItems } from '../feed/search';
import { tokenize } from '../feed/text';
import type { Store } from './client';
import { coverBox } from './cover-box';
import { badCursor, type CursorState, decodeCursor, encodeCursor, filtersFingerprint } from './item-cursor';
import { fromItemRecord, itemKeys } from './items';

export interface ItemPage {
  items: Item[];
  /** Cursor of the next page; absent on the last page. */
  next?: string;
}

export interface ListOptions {
  limit: number;
  cursor?: string | undefined;
  /** The search index, needed only for text `q`. */
  search?: () => Promise<SearchIndex>;
}

type Key = Record<string, string>;

/** One index query the list reads: which partitions, in order, with what key and filter. */
export interface QueryPlan {
  index: 'byCell' | 'byContractor' | 'byBody' | 'byArea' | 'byCategory' | 'byStatus' | 'byKind';
  pkAttr: string;
  skAttr: string;
  partitions: string[];
  skPrefix?: string;
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
}

export async function listItems(store: Store, filters: ItemFilters, opts: ListOptions): Promise<ItemPage> {
  const state = opts.cursor ? decodeCursor(opts.cursor, filters) : undefined;
  if (filters.ids) return { items: await itemsByIds(store, filters) };
  if (filters.q) {
    if (!opts.search) throw new Error('text search needs the search index');
    return searchPage(store, filters, await opts.search(), opts.limit, state);
  }
  return queryPages(store, planItemQuery(filters), filters, opts.limit, state);
}

/** Chooses the index: bbox → byCell, then body, area, category, status, else all items by kind. */
export function planItemQuery(f: ItemFilters): QueryPlan {
  const yearPrefix = f.year !== undefined ? `${f.year}#` : undefined;
  const covered = new Set<keyof ItemFilters>();
  let plan: Omit<QueryPlan, 'filter'>;
  if (f.bbox) {
    plan = {
      index: 'byCell',
      pkAttr: 'gsi1pk',
      skAttr: 'gsi1sk',
      partitions: coverBox(f.bbox).map((c) => `CELL#${c}`),
    };
  } else if (f.contractor) {
    // A contractor holds few contracts: its partition is the most selective one.
    covered.add('contractor').add('year');
    plan = {
      index: 'byContractor',
      pkAttr: 'gsi8pk',
      skAttr: 'gsi8sk',
      partitions: [itemKeys.contractor(f.contractor)],
      ...(yearPrefix ? { skPrefix: yearPrefix } : {}),
    };
  } else if (f.body) {
    covered.add('body').add('year');
    plan = {
      index: 'byBody',
      pkAttr: 'gsi4pk',
      skAttr: 'gsi4sk',
      partitions: [itemKeys.body(f.body)],
      skPrefix: `ITEM#${yearPrefix ?? ''}`,
    };
  } else {
    const [index, pkAttr, skAttr, partition, field] = f.area
      ? (['byArea', 'gsi2pk', 'gsi2sk', itemKeys.area(f.area), 'area'] as const)
      : f.category
        ? (['byCategory', 'gsi3pk', 'gsi3sk', itemKeys.category(f.category), 'category'] as const)
        : f.status
          ? (['byStatus', 'gsi5pk', 'gsi5sk', itemKeys.status(f.status), 'status'] as const)
          : (['byKind', 'gsi7pk', 'gsi7sk', itemKeys.kind, undefined] as const);
    if (field) covered.add(field);
    covered.add('year');
    plan = {
      index,
      pkAttr,
      skAttr,
      partitions: [partition],
      ...(yearPrefix ? { skPrefix: yearPrefix } : {}),
    };
  }
  const filter = filterExpression(f, covered);
  return filter ? { ...plan, filter } : plan;
}

function filterExpression(f: ItemFilters, covered: Set<keyof ItemFilters>): QueryPlan['filter'] {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const eq = (key: keyof ItemFilters, path: string[], value: unknown) => {
    if (value === undefined || covered.has(key)) return;
    const ref = path.map((p) => `#${p}`).join('.');
    for (const p of path) names[`#${p}`] = p;
    values[`:${key}`] = value;
    parts.push(`${ref} = :${key}`);
  };
  eq('area', ['area'], f.area);
  eq('category', ['category'], f.category);
  eq('status', ['status'], f.status);
  eq('year', ['fiscalYear'], f.year);
  eq('body', ['body', 'id'], f.body);
  eq('contractor', ['contractor', 'bin'], f.contractor);
  if (f.bbox) {
    names['#location'] = 'location';
    names['#point'] = 'point';
    Object.assign(values, { ':w': f.bbox.w, ':e': f.bbox.e, ':s': f.bbox.s, ':n': f.bbox.n });
    parts.push('#location.#point[0] BETWEEN :w AND :e', '#location.#point[1] BETWEEN :s AND :n');
  }
  if (parts.length === 0) return undefined;
  return { expression: parts.join(' AND '), names, values };
}

/** The Query command input for one partition of a plan (also used by the API benchmark). */
export function queryInput(store: Store, plan: QueryPlan, partition: string, limit: number, start?: Key) {
  const names: Record<string, string> = { '#pk': plan.pkAttr, ...(plan.filter?.names ?? {}) };
  const values: Record<string, unknown> = { ':pk': partition, ...(plan.filter?.values ?? {}) };
  let keyCondition = '#pk = :pk';
  if (plan.skPrefix) {
    names['#sk'] = plan.skAttr;
    values[':skp'] = plan.skPrefix;
    keyCondition += ' AND begins_with(#sk, :skp)';
  }
  return {
    TableName: store.table,
    IndexName: plan.index,
    KeyConditionExpression: keyCondition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    Limit: limit,
    ...(plan.filter ? { FilterExpression: plan.filter.expression } : {}),
    ...(start ? { ExclusiveStartKey: start } : {}),
  };
}

function checkStartKey(plan: QueryPlan, state: CursorState | undefined): Key | undefined {
  const k = state?.k;
  if (!k) return undefined;
  const partition = plan.partitions[state.i ?? 0];
  const expected = ['pk', 'sk', plan.pkAttr, plan.skAttr].sort().join();
  const valid =
    Object.keys(k).sort().join() === expected &&
    k[plan.pkAttr] === partition &&
    k.sk === itemKeys.sk &&
    k.pk?.startsWith('ITEM#') &&
    (!plan.skPrefix || k[plan.skAttr]?.startsWith(plan.skPrefix));
  if (!valid) throw badCursor('not a cursor this API issued');
  return k;
}

/** Where a page of index queries ended: the next partition position and start key, if any. */
export interface RecordsPage {
  records: Record<string, unknown>[];
  i: number;
  start?: Key;
}

/**
 * The DynamoDB Query calls of one page: partitions in order, at most `limit` records. With a
 * filter, DynamoDB may return fewer than Limit; later rounds read wider, but never more than
 * `limit` come back: the start key then points at the last record returned.
 */
export async function queryRecords(
  store: Store,
  plan: QueryPlan,
  limit: number,
  state: CursorState | undefined,
): Promise<RecordsPage> {
  let i = state?.i ?? 0;
  if (i > plan.partitions.length) throw badCursor('not a cursor this API issued');
  let start = checkStartKey(plan, state);
  const records: Record<string, unknown>[] = [];
  let width = limit;
  while (records.length < limit && i < plan.partitions.length) {
    const remaining = limit - records.length;
    const res = await store.doc.send(
      new QueryCommand(queryInput(store, plan, plan.partitions[i]!, Math.max(remaining, width), start)),
    );
    const got = res.Items ?? [];
    if (got.length > remaining) {
      const taken = got.slice(0, remaining);
      records.push(...taken);
      start = keyOf(taken[taken.length - 1]!, plan);
      break;
    }
    records.push(...got);
    start = res.LastEvaluatedKey as Key | undefined;
    if (!start) i++;
    if (plan.filter) width = Math.min(width * 2, 1000);
  }
  return { records, i, ...(start ? { start } : {}) };
}

async function queryPages(
  store: Store,
  plan: QueryPlan,
  filters: ItemFilters,
  limit: number,
  state: CursorState | undefined,
): Promise<ItemPage> {
  const { records, i, start } = await queryRecords(store, plan, limit, state);
  const more = i < plan.partitions.length;
  return {
    items: records.map(fromItemRecord),
    ...(more
      ? { next: encodeCursor({ f: filtersFingerprint(filters), i, ...(start ? { k: start } : {}) }) }
      : {}),
  };
}

function keyOf(record: Record<string, unknown>, plan: QueryPlan): Key {
  return {
    pk: String(record.pk),
    sk: String(record.sk),
    [plan.pkAttr]: String(record[plan.pkAttr]),
    [plan.skAttr]: String(record[plan.skAttr]),
  };
}

async function searchPage(
  store: Store,
  filters: ItemFilters,
  index: SearchIndex,
  limit: number,
  state: CursorState | undefined,
): Promise<ItemPage> {
  const hits = searchItems(index, filters);
  const offset = state?.o ?? 0;
  const page = hits.slice(offset, offset + limit);
  const found = await batchGetItems(
    store,
    page.map((r) => r.id),
  );
  const items = page.flatMap((r) => (found.has(r.id) ? [fromItemRecord(found.get(r.id)!)] : []));
  const end = offset + page.length;
  return {
    items,
    ...(end < hits.length ? { next: encodeCursor({ f: filtersFingerprint(filters), o: end }) } : {}),
  };
}

async function itemsByIds(store: Store, filters: ItemFilters): Promise<Item[]> {
  const ids = filters.ids ?? [];
  const found = await batchGetItems(store, ids);
  const qWords = filters.q ? tokenize(filters.q) : [];
  const out: Item[] = [];
  for (const id of ids) {
    const record = found.get(id);
    if (!record) continue;
    const compact = toIndexRecord(record);
    if (!matchesFilters(compact, filters) || !matchesWords(compact, qWords)) continue;
    out.push(fromItemRecord(record));
  }
  return out;
}

function matchesWords(r: IndexRecord, words: string[]): boolean {
  const titleWords = r.t.split(' ');
  return words.every((w) => titleWords.some((t) => t.startsWith(w)));
}

/** Items by id through BatchGet (100 keys a call, in parallel), retrying unprocessed keys. */
export async function batchGetItems(
  store: Store,
  ids: string[],
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  await Promise.all(
    chunks.map(async (chunk) => {
      let keys: Record<string, unknown>[] = chunk.map((id) => ({ pk: itemKeys.pk(id), sk: itemKeys.sk }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        if (attempt > 5)
          throw Object.assign(new Error('BatchGet left keys unprocessed'), { name: 'ThrottlingException' });
        const res = await store.doc.send(
          new BatchGetCommand({ RequestItems: { [store.table]: { Keys: keys } } }),
        );
        for (const r of res.Responses?.[store.table] ?? []) out.set(String(r.id), r);
        keys = (res.UnprocessedKeys?.[store.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
    }),
  );
  return out;
}
