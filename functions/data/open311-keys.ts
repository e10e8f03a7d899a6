/**
 * Open311 API keys: persistence only (the workflow is functions/services/open311-keys.ts). One
 * partition holds every key, so listing them is one bounded Query and a client's call is one GetItem
 * by the id its key carries. Only the SHA-256 of the key is stored, never the key.
 *
 *   open311 key   pk OPEN311KEYS  sk KEY#<id>
 *                 id, name, prefix, keyHash, createdAt, createdBy, lastUsedAt, revokedAt
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';
import type { TransactOp } from './transaction';

export interface Open311KeyRecord {
  id: string;
  name: string;
  prefix: string;
  /** SHA-256 (hex) of the whole key. */
  keyHash: string;
  createdAt: string;
  /** The issuing admin's account id (internal: the audit chain carries only its keyed hash). */
  createdBy: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

const PK = 'OPEN311KEYS';
const keyOf = (id: string) => ({ pk: PK, sk: `KEY#${id}` });
/** Far more keys than a region will ever issue: the list stays one page. */
export const MAX_OPEN311_KEYS = 500;

function fromItem(item: Record<string, unknown>): Open311KeyRecord {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = item;
  return rest as unknown as Open311KeyRecord;
}

export async function getOpen311Key(store: Store, id: string): Promise<Open311KeyRecord | null> {
  const res = await store.doc.send(new GetCommand({ TableName: store.table, Key: keyOf(id) }));
  return res.Item ? fromItem(res.Item) : null;
}

/** Every key, revoked ones included (bounded: MAX_OPEN311_KEYS). */
export async function listOpen311Keys(store: Store): Promise<Open311KeyRecord[]> {
  const res = await store.doc.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': PK, ':sk': 'KEY#' },
      Limit: MAX_OPEN311_KEYS,
    }),
  );
  return (res.Items ?? []).map(fromItem);
}

/** A new key; refused (condition) if the id is taken. */
export function putOpen311KeyOp(store: Store, record: Open311KeyRecord): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: { ...keyOf(record.id), entity: 'open311-key', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Marks the key revoked; refused (condition) when it does not exist or is revoked already. */
export function revokeOpen311KeyOp(store: Store, id: string, at: string): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: keyOf(id),
      UpdateExpression: 'SET revokedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}

/**
 * Records a use, at most once per `everyMs`: a busy client costs one write per interval, not per call.
 * A use of a key revoked meanwhile is not recorded.
 */
export async function touchOpen311Key(store: Store, id: string, now: Date, everyMs: number): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.table,
        Key: keyOf(id),
        UpdateExpression: 'SET lastUsedAt = :now',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :before)',
        ExpressionAttributeValues: {
          ':now': now.toISOString(),
          ':before': new Date(now.getTime() - everyMs).toISOString(),
        },
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}
