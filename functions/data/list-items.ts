/**
 * `GET /api/items`: budget items matching filters, a page at a time, without a Scan.
 *   ids     BatchGet of the given ids (the web's list view fetching rows it knows from the feed)
 *   q       the search index (shared/search-text.ts tokens) → ids → BatchGet
 *   bbox    the item entity's `inCell` index: the cells covering the box, one partition after another
 *   lists, amounts, execution states, overdue questions, risk flags
 *           the search index, as the stats read it (one filter model: shared/stats-filters.ts)
 *   others  the most selective item index — contractor, body, area, category, status, else all —
 *           with the year in the sort key and the remaining filters as `where` clauses
 * Queries are built from the item entity (functions/data/schema.ts); this module keeps the paging.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../../shared/item';
import type { ItemFilters } from '../../shared/item-filters';
import { queryKeys, tokensMatch } from '../../shared/search-text';
import { type StatsFilters, singleValued } from '../../shared/stats-filters';
import { toIndexRecord } from '../feed/records';
import {
  matchesFilters,
  type SearchIndex,
  type StatsContext,
  searchForStats,
  searchItems,
} from '../feed/search';
import type { Store } from './client';
import { coverBox } from './cover-box';
import { badCursor, type CursorState, decodeCursor, encodeCursor, filtersFingerprint } from './item-cursor';
import { fromItemRecord, itemKeys } from './items';
import { entitiesOf, itemModel, kindIs, OWN } from './schema';

export interface ItemPage {
  items: Item[];
  /** Cursor of the next page; absent on the last page. */
  next?: string;
}

export interface ListOptions {
  limit: number;
  cursor?: string | undefined;
  /** The search index, needed for text `q` and for the filters the index queries do not take. */
  search?: () => Promise<SearchIndex>;
  /** Today's date and overdue items for those filters (execution state, `overdue`). */
  context?: (f: StatsFilters) => Promise<StatsContext>;
}

type Key = Record<string, string>;

/** The item entity's indexes a list can read (functions/data/schema.ts `itemModel.indexes`). */
export type ItemListIndex =
  | 'inCell'
  | 'ofContractor'
  | 'addressedToBody'
  | 'ofArea'
  | 'ofCategory'
  | 'ofStatus'
  | 'all';

/** Filters not covered by the chosen index, checked as a FilterExpression (ElectroDB `where`). */
type Residual = Pick<ItemFilters, 'area' | 'category' | 'status' | 'year' | 'body' | 'contractor' | 'bbox'>;

/** One index query the list reads: which entity index, which partitions in order, what is left to filter. */
export interface QueryPlan {
  index: ItemListIndex;
  /** The partitions' composite values, in reading order (one per covering cell for a bbox). */
  partitions: Record<string, string>[];
  /** The fiscal year the sort key is narrowed to, when the index carries it. */
  year?: number;
  /** Filters the index does not answer; absent when the key answers everything. */
  residual?: Residual;
}

export async function listItems(store: Store, all: StatsFilters, opts: ListOptions): Promise<ItemPage> {
  const state = opts.cursor ? decodeCursor(opts.cursor, all) : undefined;
  const filters = singleValued(all);
  if (!filters) {
    return searchPage(store, all, await indexedMatches(all, opts), opts.limit, state);
  }
  if (filters.ids) return { items: await itemsByIds(store, filters) };
  if (filters.q) {
    if (!opts.search) throw new Error('text search needs the search index');
    return searchPage(store, all, searchItems(await opts.search(), filters), opts.limit, state);
  }
  return queryPages(store, planItemQuery(filters), all, opts.limit, state);
}

/** The records of filters the index queries cannot answer, from the search index, in id order. */
export async function indexedMatches(
  f: StatsFilters,
  opts: Pick<ListOptions, 'search' | 'context'>,
): Promise<readonly { id: string }[]> {
  if (!opts.search || !opts.context) throw new Error('these filters need the search index and today');
  const [index, ctx] = await Promise.all([opts.search(), opts.context(f)]);
  return searchForStats(index, f, ctx);
}

/** Chooses the index: bbox → cells, then contractor, body, area, category, status, else all items. */
export function planItemQuery(f: ItemFilters): QueryPlan {
  const covered = new Set<keyof ItemFilters>();
  let plan: Omit<QueryPlan, 'residual'>;
  if (f.bbox) {
    plan = { index: 'inCell', partitions: coverBox(f.bbox).map((c) => ({ cellKey: `CELL#${c}` })) };
  } else if (f.contractor) {
    // A contractor holds few contracts: its partition is the most selective one.
    covered.add('contractor').add('year');
    plan = { index: 'ofContractor', partitions: [{ contractorKey: itemKeys.contractor(f.contractor) }] };
  } else if (f.body) {
    covered.add('body').add('year');
    plan = { index: 'addressedToBody', partitions: [{ bodyKey: itemKeys.body(f.body) }] };
  } else {
    const [index, partition, field] = f.area
      ? (['ofArea', { area: f.area }, 'area'] as const)
      : f.category
        ? (['ofCategory', { category: f.category }, 'category'] as const)
        : f.status
          ? (['ofStatus', { status: f.status }, 'status'] as const)
          : (['all', {}, undefined] as const);
    if (field) covered.add(field);
    covered.add('year');
    plan = { index, partitions: [partition] };
  }
  if (f.year !== undefined && plan.index !== 'inCell') plan = { ...plan, year: f.year };
  const residual: Residual = {};
  for (const k of ['area', 'category', 'status', 'year', 'body', 'contractor', 'bbox'] as const) {
    if (f[k] !== undefined && !covered.has(k)) Object.assign(residual, { [k]: f[k] });
  }
  return Object.keys(residual).length > 0 ? { ...plan, residual } : plan;
}

/** The physical key attributes of an entity index (the cursor's start key must name exactly these). */
function keyFields(index: ItemListIndex): { pk: string; sk: string } {
  const i = itemModel.indexes[index];
  return { pk: i.pk.field, sk: i.sk.field };
}

/**
 * The entity query for one partition of a plan: key condition and the kind filter from the entity,
 * the filters the key does not answer as `where` clauses (nested paths of the stored item).
 */
export function partitionQuery(store: Store, plan: QueryPlan, partition: Record<string, string>) {
  const q = entitiesOf(store).item.query;
  const composite = { ...partition, ...(plan.year !== undefined ? { fiscalYear: plan.year } : {}) };
  // The contractor index's sort key is one derived attribute (`<year>#<id>`): narrow it by prefix.
  // One query builder type for every index: they share the item's attributes and `where`.
  type Keyed = ReturnType<typeof q.all>;
  const keyed: Keyed =
    plan.index === 'ofContractor'
      ? ((plan.year !== undefined
          ? q.ofContractor(partition as never).begins({ contractorSort: `${plan.year}#` })
          : q.ofContractor(partition as never)) as unknown as Keyed)
      : ((q[plan.index] as (c: unknown) => unknown)(composite) as Keyed);
  const r = plan.residual;
  const filtered = r
    ? // biome-ignore lint/suspicious/noExplicitAny: nested paths under ElectroDB `any` attributes.
      keyed.where((any: any, o) => {
        const parts: string[] = [];
        if (r.area !== undefined) parts.push(o.eq(any.area, r.area));
        if (r.category !== undefined) parts.push(o.eq(any.category, r.category));
        if (r.status !== undefined) parts.push(o.eq(any.status, r.status));
        if (r.year !== undefined) parts.push(o.eq(any.fiscalYear, r.year));
        if (r.body !== undefined) parts.push(`${o.name(any.body.id)} = ${o.escape(r.body)}`);
        if (r.contractor !== undefined)
          parts.push(`${o.name(any.contractor.bin)} = ${o.escape(r.contractor)}`);
        if (r.bbox) {
          const point = o.name(any.location.point);
          parts.push(
            `${point}[0] BETWEEN ${o.escape(r.bbox.w)} AND ${o.escape(r.bbox.e)}`,
            `${point}[1] BETWEEN ${o.escape(r.bbox.s)} AND ${o.escape(r.bbox.n)}`,
          );
        }
        return parts.join(' AND ');
      })
    : keyed;
  return filtered.where(kindIs('item'));
}

function checkStartKey(store: Store, plan: QueryPlan, state: CursorState | undefined): Key | undefined {
  const k = state?.k;
  if (!k) return undefined;
  const partition = plan.partitions[state.i ?? 0];
  const fields = keyFields(plan.index);
  const expected = ['pk', 'sk', fields.pk, fields.sk].sort().join();
  const prefix = partition ? (partitionQuery(store, plan, partition).params() as QueryParams) : undefined;
  const valid =
    prefix !== undefined &&
    Object.keys(k).sort().join() === expected &&
    k[fields.pk] === prefix.ExpressionAttributeValues[':pk'] &&
    k.sk === itemKeys.sk &&
    k.pk?.startsWith('ITEM#') &&
    k[fields.sk]?.startsWith(String(prefix.ExpressionAttributeValues[':sk1'] ?? ''));
  if (!valid) throw badCursor('not a cursor this API issued');
  return k;
}

interface QueryParams {
  ExpressionAttributeValues: Record<string, unknown>;
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
  let start = checkStartKey(store, plan, state);
  const records: Record<string, unknown>[] = [];
  let width = limit;
  while (records.length < limit && i < plan.partitions.length) {
    const remaining = limit - records.length;
    const res = (
      await partitionQuery(store, plan, plan.partitions[i]!).go({
        ...OWN,
        data: 'raw',
        limit: Math.max(remaining, width),
        ...(start ? { cursor: start as never } : {}),
      })
    ).data as { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Key };
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
    if (plan.residual) width = Math.min(width * 2, 1000);
  }
  return { records, i, ...(start ? { start } : {}) };
}

async function queryPages(
  store: Store,
  plan: QueryPlan,
  filters: StatsFilters,
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
  const fields = keyFields(plan.index);
  return {
    pk: String(record.pk),
    sk: String(record.sk),
    [fields.pk]: String(record[fields.pk]),
    [fields.sk]: String(record[fields.sk]),
  };
}

async function searchPage(
  store: Store,
  filters: StatsFilters,
  hits: readonly { id: string }[],
  limit: number,
  state: CursorState | undefined,
): Promise<ItemPage> {
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
  const keys = filters.q ? queryKeys(filters.q) : [];
  // A query of function words or punctuation only finds nothing, as the search index answers it.
  if (filters.q && keys.length === 0) return [];
  const found = await batchGetItems(store, ids);
  const out: Item[] = [];
  for (const id of ids) {
    const record = found.get(id);
    if (!record) continue;
    const compact = toIndexRecord(record);
    if (!matchesFilters(compact, filters) || !tokensMatch(compact.t.split(' '), keys)) continue;
    out.push(fromItemRecord(record));
  }
  return out;
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
        // Hand-built (not batchGetRecords): chunks in parallel and bounded retries on a request path.
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
