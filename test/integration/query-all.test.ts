/** The one paginator (functions/data/query-all.ts) over DynamoDB Local: all pages, refused past its cap. */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/data/client';
import { QueryCapExceededError, queryAll, queryFirstPage, queryPages } from '../../functions/data/query-all';
import { createTestStore } from '../support/store';

const ROWS = 30;
const partition = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'PAGED' } };
let store: Store;
beforeAll(async () => {
  store = await createTestStore('paging');
  for (let i = 0; i < ROWS; i += 25) {
    const chunk = Array.from({ length: Math.min(25, ROWS - i) }, (_, j) => ({
      PutRequest: { Item: { pk: 'PAGED', sk: String(i + j).padStart(3, '0') } },
    }));
    await store.doc.send(new BatchWriteCommand({ RequestItems: { [store.table]: chunk } }));
  }
});
afterAll(() => store.raw.destroy());

describe('queryAll', () => {
  it('reads every page of a query, in order', async () => {
    const rows = await queryAll(store, { ...partition, Limit: 7 });
    expect(rows.map((r) => r.sk)).toEqual(Array.from({ length: ROWS }, (_, i) => String(i).padStart(3, '0')));
  });

  it('is refused past its cap instead of returning a prefix', async () => {
    await expect(queryAll(store, { ...partition, Limit: 7 }, { max: ROWS - 1 })).rejects.toBeInstanceOf(
      QueryCapExceededError,
    );
    // The old comments.ts signature: a number is the cap.
    await expect(queryAll(store, partition, 10)).rejects.toBeInstanceOf(QueryCapExceededError);
    expect(await queryAll(store, partition, { max: ROWS })).toHaveLength(ROWS);
  });

  it('returns the first rows on purpose when asked with limit', async () => {
    const rows = await queryAll(store, partition, { limit: 12 });
    expect(rows.map((r) => r.sk)).toEqual(Array.from({ length: 12 }, (_, i) => String(i).padStart(3, '0')));
  });

  it('queryPages yields one array per DynamoDB page', async () => {
    const sizes: number[] = [];
    for await (const page of queryPages(store, { ...partition, Limit: 10 })) sizes.push(page.length);
    expect(sizes.slice(0, 3)).toEqual([10, 10, 10]);
  });

  it('queryFirstPage starts after the key it is given and hands back where DynamoDB stopped', async () => {
    const first = await queryFirstPage(store, { ...partition, Limit: 10 });
    expect(first.last).toEqual({ pk: 'PAGED', sk: '009' });
    const second = await queryFirstPage(store, { ...partition, Limit: 25 }, first.last);
    expect(second.rows.map((r) => r.sk)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 10).padStart(3, '0')),
    );
    expect(second).toMatchObject({ more: false });
    expect(second.last).toBeUndefined();
  });
});
