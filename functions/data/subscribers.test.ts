import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { listSubscriberModes } from './notifications';
import { DEFAULT_QUERY_CAP } from './query-all';

/** A table whose subscribers' index answers `total` rows, a thousand to a page, as DynamoDB pages them. */
function subscribersIndex(total: number) {
  const send = async (cmd: { input: { ExclusiveStartKey?: { n: number } } }) => {
    const from = cmd.input.ExclusiveStartKey?.n ?? 0;
    const to = Math.min(from + 1000, total);
    const Items = Array.from({ length: to - from }, (_, i) => ({ gsi5sk: `sub-${from + i}` }));
    return { Items, ...(to < total ? { LastEvaluatedKey: { n: to } } : {}) };
  };
  return { doc: { send } as unknown as DynamoDBDocumentClient, table: 'subscribers-test' };
}

describe('the subscribers of an area', () => {
  it('are read whole past the default cap of a full read (an area with 10,000 hears its news)', async () => {
    const subs = await listSubscriberModes(subscribersIndex(DEFAULT_QUERY_CAP * 2), 'area', 'zha-taraz');
    expect(subs).toHaveLength(DEFAULT_QUERY_CAP * 2);
  });
});
