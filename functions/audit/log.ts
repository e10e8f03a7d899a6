/**
 * The first (v1) audit chain, frozen: since the v2 chain (`chain.ts`) every change is written there,
 * and its genesis entry records this chain's head hash. Deployments that ran v1 keep its entries, so
 * they are still verified link by link (`verifyV1Chain`, called by the full verification); nothing
 * appends here any more.
 *
 *   chain head   pk AUDIT#CHAIN   sk HEAD                 { seq, hash }
 *   entry        pk AUDIT#CHAIN   sk ENTRY#<seq, 12 digits> { seq, prev, hash, at, actorSub, action, subject, data }
 *
 * `StaleWriteError` and `TransactOp` live here for the callers that import them from this module.
 */
import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import canonicalize from 'canonicalize';
import type { Store } from '../data/client';

export const AUDIT_PK = 'AUDIT#CHAIN';
const HEAD_SK = 'HEAD';
const entrySk = (seq: number) => `ENTRY#${String(seq).padStart(12, '0')}`;
/** The `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

export interface AuditInput {
  /** Who acted (token subject); null for the system (seeding, scheduled jobs). */
  actorSub: string | null;
  /** What happened, e.g. "question.answer". */
  action: string;
  /** What it happened to, e.g. "QUESTION#<id>". */
  subject: string;
  at: string;
  data: Record<string, unknown>;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  prev: string;
  hash: string;
}

/** One write of the caller's, in the document client's TransactWriteItems shape. */
export type TransactOp = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** The caller's own writes were refused by their conditions: what it read has changed since. */
export class StaleWriteError extends Error {
  /** Position of the first refused write among the caller's ops, when known. */
  readonly index: number;
  /** Every refused write among the caller's ops (a batch of conditional puts learns them all at once). */
  readonly indexes: readonly number[];
  constructor(index = 0, indexes: readonly number[] = [index]) {
    super('The record changed while this write was being made.');
    this.name = 'StaleWriteError';
    this.index = index;
    this.indexes = indexes;
  }
}

const RECORD_KEYS = new Set(['pk', 'sk', 'hash']);

/** SHA-256 of everything an entry stores except its keys and the hash itself. */
export function entryHash(record: Record<string, unknown>): string {
  const content: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!RECORD_KEYS.has(k)) content[k] = v;
  return createHash('sha256')
    .update(canonicalize(content) ?? '')
    .digest('hex');
}

async function readHead(store: Store): Promise<{ seq: number; hash: string } | null> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: AUDIT_PK, sk: HEAD_SK }, ConsistentRead: true }),
  );
  return res.Item ? { seq: res.Item.seq as number, hash: res.Item.hash as string } : null;
}

export type ChainReport =
  | { ok: true; entries: number; headHash: string }
  | {
      ok: false;
      entries: number;
      firstBroken: { seq: number; reason: 'hash' | 'prev' | 'sequence' | 'head' };
    };

/** Recomputes every v1 link from the first entry on and reports the first one that does not hold. */
export async function verifyV1Chain(store: Store): Promise<ChainReport> {
  let expectedSeq = 1;
  let prev = GENESIS;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await store.doc.send(
      new QueryCommand({
        TableName: store.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        ExpressionAttributeValues: { ':pk': AUDIT_PK, ':e': 'ENTRY#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const e of res.Items ?? []) {
      const seq = e.seq as number;
      if (seq !== expectedSeq || e.sk !== entrySk(seq))
        return { ok: false, entries: expectedSeq - 1, firstBroken: { seq: expectedSeq, reason: 'sequence' } };
      if (e.prev !== prev) return { ok: false, entries: seq - 1, firstBroken: { seq, reason: 'prev' } };
      if (entryHash(e) !== e.hash)
        return { ok: false, entries: seq - 1, firstBroken: { seq, reason: 'hash' } };
      prev = e.hash as string;
      expectedSeq++;
    }
    start = res.LastEvaluatedKey;
  } while (start);
  const head = await readHead(store);
  const entries = expectedSeq - 1;
  // A deleted tail shows as a head that points past the last entry.
  if ((head?.seq ?? 0) !== entries || (head && head.hash !== prev))
    return { ok: false, entries, firstBroken: { seq: entries + 1, reason: 'head' } };
  return { ok: true, entries, headHash: prev };
}
