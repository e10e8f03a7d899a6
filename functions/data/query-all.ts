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
