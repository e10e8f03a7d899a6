/**
 * The items lease (entity in data/entities/items-lease.ts): while an import holds it, the import
 * replaces stored item records without conditions, and the two other writers of item records (an
 * official's progress update, the flag job's item flags) add `noLiveItemsLeaseOp` to their
 * transactions and are refused. DynamoDB Local runs a conditional write 2–3× slower than an
 * unconditional BatchWriteItem; one lease costs a put and a renewal every ~20 s instead.
 *
 * A lease is live until `until` (epoch ms); a holder that crashed blocks the others for at most
 * ITEMS_LEASE_MS, after which anyone may take it over.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';
import { itemsLeaseModel } from './entities/items-lease';
import { recordKey } from './schema';
import type { TransactOp } from './transaction';

/** How long a lease lasts without renewal: the most a crashed import blocks officials' updates. */
export const ITEMS_LEASE_MS = 120_000;

const leaseKey = () => recordKey(itemsLeaseModel, {}) as { pk: string; sk: string };

const isConditionFailed = (err: unknown) =>
  (err as { name?: string })?.name === 'ConditionalCheckFailedException';

/** The lease as stored: who holds it and until when (epoch ms); null when nobody ever took it or it was released. */
export async function readItemsLease(store: Store): Promise<{ holder: string; until: number } | null> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: leaseKey(), ConsistentRead: true }),
  );
  return res.Item ? { holder: String(res.Item.holder), until: Number(res.Item.until) } : null;
}

/**
 * Puts the lease for `holder` until `now + ms` if `condition` holds: the new expiry, or null when
 * it does not.
 */
async function putLease(
  store: Store,
  holder: string,
  now: number,
  ms: number,
  condition: { expression: string; names?: Record<string, string>; values: Record<string, unknown> },
): Promise<number | null> {
  const until = now + ms;
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.table,
        Item: { ...leaseKey(), entity: 'items-lease', holder, until },
        ConditionExpression: condition.expression,
        ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
        ExpressionAttributeValues: condition.values,
      }),
    );
    return until;
  } catch (err) {
    if (isConditionFailed(err)) return null;
    throw err;
  }
}

/**
 * Takes the lease for `holder` until `now + ms`: granted when nobody holds it, it expired, or the
 * holder already has it (then it is renewed). Returns the new expiry, or null when another holder's
 * lease is live.
 */
export function acquireItemsLease(
  store: Store,
  holder: string,
  now: number,
  ms = ITEMS_LEASE_MS,
): Promise<number | null> {
  return putLease(store, holder, now, ms, {
    expression: 'attribute_not_exists(pk) OR #until < :now OR holder = :me',
    names: { '#until': 'until' },
    values: { ':now': now, ':me': holder },
  });
}

/** Moves the holder's lease on to `now + ms`; null when it is not the holder's any more (taken over after it expired). */
export function renewItemsLease(
  store: Store,
  holder: string,
  now: number,
  ms = ITEMS_LEASE_MS,
): Promise<number | null> {
  return putLease(store, holder, now, ms, { expression: 'holder = :me', values: { ':me': holder } });
}

/** Gives the lease up, if it is still the holder's (one taken over is left to its new holder). */
export async function releaseItemsLease(store: Store, holder: string): Promise<void> {
  try {
    await store.doc.send(
      new DeleteCommand({
        TableName: store.table,
        Key: leaseKey(),
        ConditionExpression: 'holder = :me',
        ExpressionAttributeValues: { ':me': holder },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

/**
 * For another writer's transaction: nobody holds a live lease at `now` (its failure means an import
 * is replacing items: the caller says "try again in a minute").
 */
export function noLiveItemsLeaseOp(store: Store, now: number): TransactOp {
  return {
    ConditionCheck: {
      TableName: store.table,
      Key: leaseKey(),
      ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
      ExpressionAttributeNames: { '#until': 'until' },
      ExpressionAttributeValues: { ':now': now },
    },
  };
}
