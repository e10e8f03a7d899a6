/**
 * `npm run backfill:follows`: a one-off, idempotent migration for a hub deployed before the Follow
 * button became a notification subscription. Follow records written since carry the subscriber
 * index (byStatus `SUBSCRIBERS#item#<itemId>` / `<sub>`, functions/data/schema.ts `followModel`);
 * older ones do not, so their followers would hear nothing. This adds the index keys to every
 * follow record that lacks them.
 *
 * It reads the table with a Scan on purpose: it runs once, by an operator, never on a request path.
 * Each update is conditional on the keys still being absent, so a re-run or two runs at once change
 * nothing twice. Uses DYNAMODB_ENDPOINT / TABLE_NAME like every script (the cloud's table by default).
 */
import { ScanCommand, type ScanCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createStore, type Store } from '../functions/data/client';
import { subscriptionKeys } from '../functions/data/notifications';

export interface BackfillReport {
  /** Follow records found without the subscriber index. */
  found: number;
  /** Updated by this run (another run may have taken the rest). */
  updated: number;
}

export async function backfillFollows(store: Store): Promise<BackfillReport> {
  const report: BackfillReport = { found: 0, updated: 0 };
  let start: ScanCommandInput['ExclusiveStartKey'];
  do {
    const page = await store.doc.send(
      new ScanCommand({
        TableName: store.table,
        FilterExpression: '#e = :follow AND attribute_not_exists(gsi5pk)',
        ExpressionAttributeNames: { '#e': 'entity' },
        ExpressionAttributeValues: { ':follow': 'follow' },
        ProjectionExpression: 'pk, sk, itemId',
        ExclusiveStartKey: start,
      }),
    );
    for (const r of page.Items ?? []) {
      report.found++;
      const sub = String(r.pk).replace(/^USER#/, '');
      const itemId = String(r.itemId ?? String(r.sk).replace(/^FOLLOW#/, ''));
      try {
        await store.doc.send(
          new UpdateCommand({
            TableName: store.table,
            Key: { pk: r.pk, sk: r.sk },
            UpdateExpression: 'SET gsi5pk = :k, gsi5sk = :s',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi5pk)',
            ExpressionAttributeValues: { ':k': subscriptionKeys.subscribers('item', itemId), ':s': sub },
          }),
        );
        report.updated++;
      } catch (err) {
        if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const store = createStore();
  const report = await backfillFollows(store);
  console.log(
    `Follow records without the subscriber index: ${report.found}; updated now: ${report.updated} (table ${store.table}).`,
  );
  store.raw.destroy();
}
