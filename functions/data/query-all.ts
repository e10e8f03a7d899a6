/**
 * The one paginator. `queryPages` walks every page of one Query; `queryAll` collects them, for lists
 * that are small by nature (bodies, users, a page's replies) or that run off the request path.
 * Request paths over large partitions page with a cursor instead.
 *
 * A full read never stops silently: past `max` rows (default DEFAULT_QUERY_CAP) it is refused with
 * QueryCapExceededError, because a list that quietly misses its tail is a wrong answer that looks
 * right. A caller that wants only the first rows says so with `limit`.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';
import { go } from './schema';

/** Rows a full read may return before it is refused. */
export const DEFAULT_QUERY_CAP = 5000;

export class QueryCapExceededError extends Error {
  constructor(readonly cap: number) {
    super(`A full read found more than ${cap} rows; page it with a cursor instead.`);
    this.name = 'QueryCapExceededError';
  }
}

export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'> & {
  /** Defaults to the store's table (older callers pass it explicitly). */
  TableName?: string;
};

export interface QueryAllOptions {
  /** Refuse (QueryCapExceededError) when the query holds more rows than this. */
  max?: number;
  /** Return only the first `limit` rows, on purpose; no refusal. */
  limit?: number;
}

/** Every page of one Query, in order; stops when DynamoDB has no further page. */
export async function* queryPages(
  store: Pick<Store, 'doc' | 'table'>,
  input: QueryInput,
): AsyncGenerator<Record<string, unknown>[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const res = await store.doc.send(
      new QueryCommand({ ...input, TableName: input.TableName ?? store.table, ExclusiveStartKey: start }),
    );
    yield (res.Items ?? []) as Record<string, unknown>[];
    start = res.LastEvaluatedKey;
  } while (start);
}

/**
 * The first page of one Query, and whether DynamoDB holds more after it: for a reader that would
 * rather split the rest into narrower Queries than page through it (the flag job's whole-table read),
 * or that keeps a cursor of its own (an account id, a change id): `start` is where the page begins,
 * `last` the key DynamoDB stopped at (absent at the end).
 */
export async function queryFirstPage(
  store: Pick<Store, 'doc' | 'table'>,
  input: QueryInput,
  start?: Record<string, unknown>,
): Promise<{ rows: Record<string, unknown>[]; more: boolean; last?: Record<string, unknown> }> {
  const res = await store.doc.send(
    new QueryCommand({
      ...input,
      TableName: input.TableName ?? store.table,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return {
    rows: (res.Items ?? []) as Record<string, unknown>[],
    more: Boolean(res.LastEvaluatedKey),
    ...(res.LastEvaluatedKey ? { last: res.LastEvaluatedKey } : {}),
  };
}

/**
 * All rows of one Query. The third argument may be a number (the refusal cap), as the earlier
 * comments.ts `queryAll(store, input, max)` took it.
 */
export async function queryAll(
  store: Pick<Store, 'doc' | 'table'>,
  input: QueryInput,
  opts: QueryAllOptions | number = {},
): Promise<Record<string, unknown>[]> {
  const { max = DEFAULT_QUERY_CAP, limit } = typeof opts === 'number' ? { max: opts } : opts;
  const out: Record<string, unknown>[] = [];
  const pageInput = limit !== undefined ? { ...input, Limit: Math.min(input.Limit ?? limit, limit) } : input;
  for await (const page of queryPages(store, pageInput)) {
    for (const row of page) {
      if (limit !== undefined && out.length >= limit) return out;
      if (out.length >= max) throw new QueryCapExceededError(max);
      out.push(row);
    }
    if (limit !== undefined && out.length >= limit) return out;
  }
  return out;
}

/**
 * How many rows one Query matches (`Select: 'COUNT'`), page by page; with `limit`, stops counting
 * there (the bell shows "99+"). Reads keys only as far as DynamoDB must; returns no rows.
 */
export async function queryCount(
  store: Pick<Store, 'doc' | 'table'>,
  input: QueryInput,
  opts: { limit?: number } = {},
): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await store.doc.send(
      new QueryCommand({
        ...input,
        TableName: input.TableName ?? store.table,
        Select: 'COUNT',
        ...(opts.limit !== undefined ? { Limit: opts.limit - count } : {}),
        ExclusiveStartKey: start,
      }),
    );
    count += res.Count ?? 0;
    start = res.LastEvaluatedKey;
  } while (start && (opts.limit === undefined || count < opts.limit));
  return count;
}

/** An ElectroDB query, ready to run (`entity.query.<index>(…).where(…)`). */
interface EntityQuery<T> {
  // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's go options are typed per entity.
  go(options?: any): Promise<{ data: T[]; cursor: string | null }>;
}

/** The same, run for DynamoDB's own answer (`data: 'raw'`). */
interface RawEntityQuery {
  // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's go options are typed per entity.
  go(options?: any): Promise<unknown>;
}

export interface EntityQueryOptions extends QueryAllOptions {
  /** Further ElectroDB execution options (`attributes`, `order`, …). */
  options?: Record<string, unknown>;
}

/**
 * All rows of one entity query, a page at a time, under the same refusal cap as `queryAll`. Runs with
 * `ignoreOwnership` (records older than ElectroDB carry no identifiers; see data/schema.ts `OWN`).
 */
export async function queryEntityAll<T>(query: EntityQuery<T>, opts: EntityQueryOptions = {}): Promise<T[]> {
  return collect(opts, async (cursor, limit) => {
    const page = await go(
      query.go({
        ignoreOwnership: true,
        ...opts.options,
        ...(cursor ? { cursor } : {}),
        ...(limit !== undefined ? { limit } : {}),
      }),
    );
    return { rows: page.data, next: page.cursor ?? undefined };
  });
}

/**
 * All stored records of one entity query as DynamoDB holds them (`data: 'raw'`), for readers that
 * need attributes the entity does not declare (the flag job's `flags` on an item). Same cap.
 */
export async function queryEntityRecords(
  query: RawEntityQuery,
  opts: EntityQueryOptions = {},
): Promise<Record<string, unknown>[]> {
  return collect(opts, async (cursor, limit) => {
    const page = await go(
      query.go({
        ignoreOwnership: true,
        ...opts.options,
        data: 'raw',
        ...(cursor ? { cursor } : {}),
        ...(limit !== undefined ? { limit } : {}),
      }),
    );
    const raw = (page as { data: unknown }).data as {
      Items?: Record<string, unknown>[];
      LastEvaluatedKey?: object;
    };
    return { rows: raw.Items ?? [], next: raw.LastEvaluatedKey };
  });
}

async function collect<T, C>(
  opts: QueryAllOptions,
  page: (cursor: C | undefined, limit: number | undefined) => Promise<{ rows: T[]; next: C | undefined }>,
): Promise<T[]> {
  const { max = DEFAULT_QUERY_CAP, limit } = opts;
  const out: T[] = [];
  let cursor: C | undefined;
  do {
    const { rows, next } = await page(cursor, limit !== undefined ? limit - out.length : undefined);
    for (const row of rows) {
      if (limit !== undefined && out.length >= limit) return out;
      if (out.length >= max) throw new QueryCapExceededError(max);
      out.push(row);
    }
    if (limit !== undefined && out.length >= limit) return out;
    cursor = next;
  } while (cursor);
  return out;
}
