/**
 * The one-off, idempotent index backfills (`npm run backfill:*`): records written before an index
 * listed them lack its keys, so readers of the index miss them; a backfill adds the keys to every
 * record of one kind that lacks them.
 *
 * It reads the table with a Scan on purpose: it runs once, by an operator, never on a request path.
 * Each update is conditional on the keys still being absent, so a re-run or two runs at once change
 * nothing twice. Uses DYNAMODB_ENDPOINT / TABLE_NAME like every script (the cloud's table by default).
 */
import { ScanCommand, type ScanCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../functions/data/client';

export interface BackfillReport {
  /** Records found without the index keys. */
  found: number;
  /** Updated by this run (another run may have taken the rest). */
  updated: number;
}

export interface IndexBackfill {
  /** The records' `entity` attribute. */
  entity: string;
  /** The index's partition and sort key attributes, e.g. `['gsi5pk', 'gsi5sk']`. */
  fields: readonly [string, string];
  /** Attributes the keys are made of, besides pk and sk. */
  reads?: readonly string[];
  /** The index keys of one record. */
  keysOf: (record: Record<string, unknown>) => [string, string];
}

export async function backfillIndex(store: Store, b: IndexBackfill): Promise<BackfillReport> {
  const report: BackfillReport = { found: 0, updated: 0 };
  const [pkField, skField] = b.fields;
  let start: ScanCommandInput['ExclusiveStartKey'];
  do {
    const page = await store.doc.send(
      new ScanCommand({
        TableName: store.table,
        FilterExpression: '#e = :entity AND attribute_not_exists(#ipk)',
        ExpressionAttributeNames: { '#e': 'entity', '#ipk': pkField },
        ExpressionAttributeValues: { ':entity': b.entity },
        ProjectionExpression: ['pk', 'sk', ...(b.reads ?? [])].join(', '),
        ExclusiveStartKey: start,
      }),
    );
    for (const r of page.Items ?? []) {
      report.found++;
      const [ipk, isk] = b.keysOf(r);
      try {
        await store.doc.send(
          new UpdateCommand({
            TableName: store.table,
            Key: { pk: r.pk, sk: r.sk },
            UpdateExpression: 'SET #ipk = :k, #isk = :s',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#ipk)',
            ExpressionAttributeNames: { '#ipk': pkField, '#isk': skField },
            ExpressionAttributeValues: { ':k': ipk, ':s': isk },
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
