/**
 * Idempotency records: one per (caller, route, Idempotency-Key), kept 24 h (DynamoDB TTL).
 *
 *   idempotency record   pk IDEM#<sha256(scope, key)>   sk IDEM   (the `idempotency` entity, data/schema.ts)
 *     { requestHash, state: pending|done, token, leaseUntil, expiresAt, status?, body?, contentType? }
 *
 * A request first *claims* the record (state pending, a random token, a short lease). The create then
 * completes it with `completeOp` inside its own TransactWriteItems, conditioned on that token — so the
 * create and "this key produced this response" land together or not at all. Whoever wants to give up
 * on a claim (a timed-out request, or a retry taking over after the lease) *fences* it: deleting or
 * re-tokening the pending record makes any still-travelling transaction of the old claim fail its
 * condition, so it can never land afterwards. That is what lets the API say "certainly did not happen".
 */
import { randomUUID } from 'node:crypto';
import type { Store } from './client';
import { entitiesOf, go, idempotencyHash, OWN } from './schema';
import type { TransactOp } from './transaction';

/** How long a key is remembered (the TTL of the record). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** How long a pending claim is honoured before a retry with the same key may take it over. */
export const IDEMPOTENCY_LEASE_MS = 30_000;

export const idempotencyKeys = {
  pk: (scope: string, key: string) => `IDEM#${idempotencyHash(scope, key)}`,
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

/** The entity's key attribute of a record key `IDEM#<hash>`. */
const keyHashOf = (pk: string) => pk.slice('IDEM#'.length);

export async function getIdempotencyRecord(store: Store, pk: string): Promise<IdempotencyRecord | null> {
  const res = await go(
    entitiesOf(store)
      .idempotency.get({ keyHash: keyHashOf(pk) })
      .go({ ...OWN, consistent: true }),
  );
  const { keyHash: _, ...stored } = res.data ?? {};
  const rec = res.data ? ({ pk, sk: idempotencyKeys.sk, ...stored } as IdempotencyRecord) : undefined;
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
    const nowSec = Math.floor(now / 1000);
    try {
      await go(
        entitiesOf(store)
          .idempotency.put({
            keyHash: keyHashOf(pk),
            scope,
            requestHash,
            state: 'pending',
            token,
            leaseUntil: now + IDEMPOTENCY_LEASE_MS,
            expiresAt: nowSec + IDEMPOTENCY_TTL_SECONDS,
          })
          // New, expired, or a stale pending claim whose token we saw (the put fences it). The
          // table key, not `keyHash`: records written before ElectroDB have no `keyHash` attribute.
          .where((a, o) =>
            existing
              ? `${o.eq(a.token, existing.token)} AND ${o.eq(a.state, 'pending')}`
              : `attribute_not_exists(${o.field('pk')}) OR ${o.lte(a.expiresAt, nowSec)}`,
          )
          .go(),
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
  const update = entitiesOf(store)
    .idempotency.update({ keyHash: keyHashOf(claim.pk) })
    .set({
      state: 'done',
      status: response.status,
      body: response.body,
      contentType: response.contentType,
      ...(response.location ? { location: response.location } : {}),
    })
    .remove(['leaseUntil'])
    .where((a, o) => `${o.eq(a.token, claim.token)} AND ${o.eq(a.state, 'pending')}`);
  return { Update: update.params() as NonNullable<TransactOp['Update']> };
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
    await go(
      entitiesOf(store)
        .idempotency.delete({ keyHash: keyHashOf(claim.pk) })
        .where((a, o) => `${o.eq(a.token, claim.token)} AND ${o.eq(a.state, 'pending')}`)
        .go(),
    );
    return null;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
  const rec = await getIdempotencyRecord(store, claim.pk);
  if (rec && rec.state === 'done' && rec.token === claim.token) return toStored(rec);
  return null;
}
