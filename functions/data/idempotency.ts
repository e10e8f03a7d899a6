/**
 * Idempotency records: one per (caller, route, Idempotency-Key), kept 24 h (DynamoDB TTL).
 *
 *   idempotency record   pk IDEM#<sha256(scope, key)>   sk IDEM
 *     { requestHash, state: pending|done, token, leaseUntil, expiresAt, status?, body?, contentType? }
 *
 * A request first *claims* the record (state pending, a random token, a short lease). The create then
 * completes it with `completeOp` inside its own TransactWriteItems, conditioned on that token — so the
 * create and "this key produced this response" land together or not at all. Whoever wants to give up
 * on a claim (a timed-out request, or a retry taking over after the lease) *fences* it: deleting or
 * re-tokening the pending record makes any still-travelling transaction of the old claim fail its
 * condition, so it can never land afterwards. That is what lets the API say "certainly did not happen".
 */
import { createHash, randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';
import type { TransactOp } from './comments';

/** How long a key is remembered (the TTL of the record). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** How long a pending claim is honoured before a retry with the same key may take it over. */
export const IDEMPOTENCY_LEASE_MS = 30_000;

export const idempotencyKeys = {
  pk: (scope: string, key: string) =>
    `IDEM#${createHash('sha256').update(scope).update('\n').update(key).digest('hex')}`,
  sk: 'IDEM',
};

export interface IdempotencyRecord {
  pk: string;
  sk: string;
  scope: string;
  requestHash: string;
  state: 'pending' | 'done';
  token: string;
  /** Epoch ms; a pending claim older than this may be taken over. */
  leaseUntil?: number;
  /** Epoch seconds (TTL attribute). */
  expiresAt: number;
  status?: number;
  body?: string;
  contentType?: string;
  location?: string;
}

export interface StoredResponse {
  status: number;
  body: string;
  contentType: string;
  location?: string;
}

/** What a request holds while it owns a key. */
export interface IdempotencyClaim {
  pk: string;
  token: string;
  requestHash: string;
}

/** The claim was fenced (taken over or given up) before the create could complete it. */
export class IdempotencyFencedError extends Error {
  constructor() {
    super('The idempotency claim was taken over before the create completed.');
    this.name = 'IdempotencyFencedError';
  }
}

export async function getIdempotencyRecord(store: Store, pk: string): Promise<IdempotencyRecord | null> {
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk, sk: idempotencyKeys.sk },
      ConsistentRead: true,
    }),
  );
  const rec = res.Item as IdempotencyRecord | undefined;
  // TTL deletion is lazy (up to days): an expired record counts as absent.
  if (!rec || rec.expiresAt * 1000 <= Date.now()) return null;
  return rec;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_progress'; retryAfterSeconds: number };

function toStored(rec: IdempotencyRecord): StoredResponse {
  return {
    status: rec.status ?? 200,
    body: rec.body ?? '',
    contentType: rec.contentType ?? 'application/json',
    ...(rec.location ? { location: rec.location } : {}),
  };
}

/**
 * Claims `scope`+`key` for a request with body hash `requestHash`, or says what to answer instead:
 * the stored response, a mismatch (same key, other request), or "still running". A pending claim
 * past its lease is taken over (fencing the old one).
 */
export async function claimIdempotencyKey(
  store: Store,
  scope: string,
  key: string,
  requestHash: string,
): Promise<ClaimOutcome> {
  const pk = idempotencyKeys.pk(scope, key);
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await getIdempotencyRecord(store, pk);
    const now = Date.now();
    if (existing) {
      if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
      if (existing.state === 'done') return { kind: 'replay', response: toStored(existing) };
      if ((existing.leaseUntil ?? 0) > now) {
        return {
          kind: 'in_progress',
          retryAfterSeconds: Math.max(1, Math.ceil((existing.leaseUntil! - now) / 1000)),
        };
      }
    }
    const token = randomUUID();
    const item: IdempotencyRecord = {
      pk,
      sk: idempotencyKeys.sk,
      scope,
      requestHash,
      state: 'pending',
      token,
      leaseUntil: now + IDEMPOTENCY_LEASE_MS,
      expiresAt: Math.floor(now / 1000) + IDEMPOTENCY_TTL_SECONDS,
    };
    try {
      await store.doc.send(
        new PutCommand({
          TableName: store.table,
          Item: item,
          // New, expired, or a stale pending claim whose token we saw (the put fences it).
          ConditionExpression: existing
            ? '#token = :old AND #state = :pending'
            : 'attribute_not_exists(pk) OR expiresAt <= :nowSec',
          ExpressionAttributeNames: existing ? { '#token': 'token', '#state': 'state' } : undefined,
          ExpressionAttributeValues: existing
            ? { ':old': existing.token, ':pending': 'pending' }
            : { ':nowSec': Math.floor(now / 1000) },
        }),
      );
      return { kind: 'claimed', claim: { pk, token, requestHash } };
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      // Someone else claimed or completed it meanwhile: look again.
    }
  }
  return { kind: 'in_progress', retryAfterSeconds: 1 };
}

/** The transaction operation that completes a claim with its response; put it in the create's own transaction. */
export function completeIdempotencyOp(
  store: Store,
  claim: IdempotencyClaim,
  response: StoredResponse,
): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: { pk: claim.pk, sk: idempotencyKeys.sk },
      UpdateExpression:
        'SET #state = :done, #status = :status, body = :body, contentType = :ct' +
        (response.location ? ', #location = :loc' : '') +
        ' REMOVE leaseUntil',
      ConditionExpression: '#token = :token AND #state = :pending',
      ExpressionAttributeNames: {
        '#state': 'state',
        '#status': 'status',
        '#token': 'token',
        ...(response.location ? { '#location': 'location' } : {}),
      },
      ExpressionAttributeValues: {
        ':done': 'done',
        ':pending': 'pending',
        ':token': claim.token,
        ':status': response.status,
        ':body': response.body,
        ':ct': response.contentType,
        ...(response.location ? { ':loc': response.location } : {}),
      },
    },
  };
}

/**
 * Gives a claim up: afterwards no transaction carrying its completion can land. Returns the stored
 * response instead when the create had in fact landed (the completion won the race), and null when
 * the claim is certainly void.
 */
export async function fenceIdempotencyClaim(
  store: Store,
  claim: IdempotencyClaim,
): Promise<StoredResponse | null> {
  try {
    await store.doc.send(
      new DeleteCommand({
        TableName: store.table,
        Key: { pk: claim.pk, sk: idempotencyKeys.sk },
        ConditionExpression: '#token = :token AND #state = :pending',
        ExpressionAttributeNames: { '#token': 'token', '#state': 'state' },
        ExpressionAttributeValues: { ':token': claim.token, ':pending': 'pending' },
      }),
    );
    return null;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
  const rec = await getIdempotencyRecord(store, claim.pk);
  if (rec && rec.state === 'done' && rec.token === claim.token) return toStored(rec);
  return null;
}
