/**
 * The one transaction runner. Every TransactWriteItems in the data layer goes through
 * `runTransaction`, so there is one answer to "what happens when DynamoDB says try again":
 *
 * - one ClientRequestToken per logical transaction, reused on every retry, so a transaction that did
 *   apply (and whose answer was lost) is not applied twice (DynamoDB honours the token for 10 min);
 * - retried with full jitter while DynamoDB cancels it only because another transaction touched the
 *   same record at that moment (TransactionConflict), or throttles, or answers with a transient error;
 * - a refused condition is never retried: it becomes `ConditionFailedError` with the index of the
 *   operation, and the caller says what that meant.
 */
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';

export type TransactOp = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * An operation's condition failed; `index` says which one (the caller knows what it meant), `indexes`
 * every one refused (a batch of conditional puts learns all its stale records from one answer).
 */
export class ConditionFailedError extends Error {
  constructor(
    readonly index: number,
    readonly indexes: readonly number[] = [index],
  ) {
    super(`Condition of transaction operation ${index} failed.`);
    this.name = 'ConditionFailedError';
  }
}

/** DynamoDB's own "try again" answers (DynamoDB Local says so about its lock timeouts, too). */
export function isTransient(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return (
    name === 'InternalServerError' ||
    name === 'ThrottlingException' ||
    name === 'ProvisionedThroughputExceededException' ||
    name === 'RequestLimitExceeded' ||
    name === 'TransactionInProgressException' ||
    name === 'TransactionConflictException'
  );
}

/** Cancellation reasons that mean "collided or throttled", not "refused". */
const RETRYABLE_REASONS = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

export const DEFAULT_TRANSACTION_ATTEMPTS = 15;

export interface TransactionOptions {
  /** The idempotency token; a fresh one per call when absent. Pass one to make a caller's own retry safe. */
  token?: string;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** Upper bound of the jittered pause before attempt n (ms). */
  backoffMs?: (attempt: number) => number;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const defaultBackoff = (attempt: number) => Math.min(1500, 25 * 2 ** attempt);

/** Why a failed attempt may be repeated, or null when it must not. */
function retryable(err: unknown): boolean {
  if (
    err instanceof TransactionCanceledException ||
    (err as { name?: string })?.name === 'TransactionCanceledException'
  ) {
    const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
    return reasons.some((r) => r.Code !== undefined && RETRYABLE_REASONS.has(r.Code));
  }
  return isTransient(err);
}

/**
 * Runs one TransactWriteItems (≤ 100 ops) to completion: applied once, refused with
 * ConditionFailedError, or the last error after `maxAttempts`.
 */
export async function runTransaction(
  store: Pick<Store, 'doc'>,
  ops: TransactOp[],
  opts: TransactionOptions = {},
): Promise<void> {
  const token = opts.token ?? randomUUID();
  const maxAttempts = opts.maxAttempts ?? DEFAULT_TRANSACTION_ATTEMPTS;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const backoff = opts.backoffMs ?? defaultBackoff;
  for (let attempt = 1; ; attempt++) {
    try {
      await store.doc.send(new TransactWriteCommand({ TransactItems: ops, ClientRequestToken: token }));
      return;
    } catch (err) {
      const reasons = (err as Partial<TransactionCanceledException>)?.CancellationReasons ?? [];
      const refused = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (refused.length) throw new ConditionFailedError(refused[0]!, refused);
      if (!retryable(err) || attempt >= maxAttempts) throw err;
      // Full jitter: a burst of writers spreads out instead of colliding again in lockstep.
      await sleep(random() * backoff(attempt));
    }
  }
}

/** The name the data layer used before the runner had one place (comments.ts, idempotency.ts). */
export const transact = (store: Pick<Store, 'doc'>, ops: TransactOp[]): Promise<void> =>
  runTransaction(store, ops);
