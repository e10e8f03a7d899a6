/**
 * The visit-counts backfill (scripts/backfill-visit-counts.ts) on DynamoDB Local: an item's counts
 * written before they were listed on byKind are found by the flag job after it, and a re-run changes
 * nothing.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../functions/data/client';
import { runTransaction } from '../../functions/data/transaction';
import { listVisitCountsWithProblems, shownVisitCountOp } from '../../functions/data/visits';
import { backfillVisitCounts } from '../../scripts/backfill-visit-counts';
import { createTestStore } from '../support/store';

let store: Store;
beforeAll(async () => {
  store = await createTestStore('backfill-visit-counts');
});
afterAll(() => store.raw.destroy());

it("lists old visit-count records once, so the flag job counts their items' contested visits", async () => {
  // As site visits counted them before the listing: no gsi7 keys.
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        pk: 'ITEM#item-1',
        sk: 'VISITCOUNT',
        entity: 'visit-count',
        visits: 3,
        withProblems: 2,
        onSite: 3,
      },
    }),
  );
  expect(await listVisitCountsWithProblems(store, 100)).toEqual(new Map());
  expect(await backfillVisitCounts(store)).toEqual({ found: 1, updated: 1 });
  expect(await listVisitCountsWithProblems(store, 100)).toEqual(new Map([['item-1', 2]]));
  expect(await backfillVisitCounts(store)).toEqual({ found: 0, updated: 0 });
});

it('lists an old visit-count record on its next change, without the backfill', async () => {
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        pk: 'ITEM#item-2',
        sk: 'VISITCOUNT',
        entity: 'visit-count',
        visits: 3,
        withProblems: 2,
        onSite: 3,
      },
    }),
  );
  // A moderator hides one of its visits that found problems.
  await runTransaction(store, [
    shownVisitCountOp(store, 'item-2', { foundProblems: true, onSite: true }, -1),
  ]);
  expect((await listVisitCountsWithProblems(store, 100)).get('item-2')).toBe(1);
});
