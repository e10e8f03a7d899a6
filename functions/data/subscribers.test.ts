import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { listSubscriberModes } from './notifications';
import { DEFAULT_QUERY_CAP } from './query-all';

/**
 * A table whose subscribers' index answers `total` rows, a thousand to a page, as DynamoDB pages them:
 * the last evaluated key of an index page holds the table's and the index's key attributes.
 */
function subscribersIndex(total: number) {
  const send = async (cmd: { input: { ExclusiveStartKey?: { gsi5sk: string } } }) => {
    const after = cmd.input.ExclusiveStartKey?.gsi5sk;
    const from = after ? Number(after.slice('sub-'.length)) + 1 : 0;
    const to = Math.min(from + 1000, total);
    const Items = Array.from({ length: to - from }, (_, i) => ({ gsi5sk: `sub-${from + i}` }));
    const last = `sub-${to - 1}`;
    const LastEvaluatedKey = {
      pk: `USER#${last}`,
      sk: 'SUB#area#zha-taraz',
      gsi5pk: 'SUBSCRIBERS#area#zha-taraz',
      gsi5sk: last,
    };
    return { Items, ...(to < total ? { LastEvaluatedKey } : {}) };
  };
  return { doc: { send } as unknown as DynamoDBDocumentClient, table: 'subscribers-test' };
}

describe('the subscribers of an area', () => {
  it('are read whole past the default cap of a full read (an area with 10,000 hears its news)', async () => {
    const subs = await listSubscriberModes(subscribersIndex(DEFAULT_QUERY_CAP * 2), 'area', 'zha-taraz');
    expect(subs).toHaveLength(DEFAULT_QUERY_CAP * 2);
  });
});
