/**
 * Reads every page of one Query. For lists that are small by nature (bodies, users) or that run off
 * the request path (snapshot rebuild); request paths over large partitions page with a cursor instead.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';

export async function queryAll(
  store: Store,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await store.doc.send(
      new QueryCommand({ ...input, TableName: store.table, ExclusiveStartKey: start }),
    );
    for (const item of res.Items ?? []) out.push(item);
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}
