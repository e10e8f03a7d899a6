/**
 * Officials' progress updates (persistence only; the workflow, its rules, the item's change and the
 * audit entry are services/progress-updates.ts): the `progress-update` entity
 * (data/entities/progress-updates.ts), `pk ITEM#<itemId>`, `sk PROGRESS#<id>`, the record kept as
 * the service made it, plus the site visits' ground counts (`groundConfirmed`, `groundContested`).
 */
import type { Store } from './client';
import type { StoredAttachment } from './comments';
import { progressUpdateEntitiesOf, progressUpdateModel } from './entities/progress-updates';
import { queryEntityRecords } from './query-all';
import { go, kindIs, OWN, recordKey } from './schema';
import type { TransactOp } from './transaction';

/** An update as stored. */
export interface ProgressUpdateRecord {
  id: string;
  itemId: string;
  bodyId: string;
  authorSub: string;
  authorName: string;
  postedAt: string;
  milestone?: { milestoneId: string; metOn: string; evidence: StoredAttachment[] };
  spent?: { before: string; after: string; asOf: string; transactionId: string };
  status?: { before: string; after: string };
  expectedEnd?: { before: string; after: string; reason: string };
  note?: string;
  groundConfirmed?: number;
  groundContested?: number;
}

const keyOf = (itemId: string, id: string) => recordKey(progressUpdateModel, { itemId, id });

function fromProgressRow(r: Record<string, unknown>): ProgressUpdateRecord {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = r;
  return rest as unknown as ProgressUpdateRecord;
}

/** One update of an item (strongly consistent), or null. */
export async function getProgressUpdateRecord(
  store: Store,
  itemId: string,
  id: string,
): Promise<ProgressUpdateRecord | null> {
  const res = await go(
    progressUpdateEntitiesOf(store)
      .progressUpdate.get({ itemId, id })
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  const item = (res.data as { Item?: Record<string, unknown> }).Item;
  return item ? fromProgressRow(item) : null;
}

/** The item's updates, newest first (ids are ULIDs). */
export async function listProgressUpdateRecords(
  store: Store,
  itemId: string,
): Promise<ProgressUpdateRecord[]> {
  const rows = await queryEntityRecords(
    progressUpdateEntitiesOf(store).progressUpdate.query.record({ itemId }).where(kindIs('progress-update')),
    { options: { order: 'desc' } },
  );
  return rows.map(fromProgressRow);
}

/** The put of a new update; refused if its key exists. */
export function progressUpdatePutOp(store: Store, record: ProgressUpdateRecord): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: { ...keyOf(record.itemId, record.id), entity: 'progress-update', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * A site visit's count on the update: `by` +1 on the side it takes (a visit recorded, or restored by
 * moderation), -1 to take it back (hidden). Refused if the update is not on the item.
 */
export function groundOnUpdateOp(
  store: Store,
  itemId: string,
  updateId: string,
  side: 'confirmed' | 'contested',
  by = 1,
): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: keyOf(itemId, updateId),
      UpdateExpression: `ADD ${side === 'confirmed' ? 'groundConfirmed' : 'groundContested'} :d`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':d': by },
    },
  };
}
