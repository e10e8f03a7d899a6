/**
 * Audit chain v2: the one append-only, hash-chained log every public change is written to.
 *
 * An entry says who acted (an HMAC of the account id, never the id), which public records changed
 * (kind, key) and the SHA-256 of each record's public fields after the change, in RFC 8785 canonical
 * JSON. Anyone holding the entries can recompute every link; anyone holding a record's public fields
 * can check them against the chain (see README, "Verifying the audit chain offline").
 *
 *   head             pk AUDIT#V2          sk HEAD                       { seq, hash }
 *   entry            pk AUDIT#V2          sk ENTRY#<seq, 12 digits>     { v, seq, prev, at, actor, action, type, records, hash }
 *   record pointer   pk AUDIT#V2#REC#<key> sk LATEST                   { seq, digest }  (the record's latest entry)
 *   last full check  pk AUDIT#V2          sk REPORT
 *
 * A bulk write may carry the pointer on the record itself instead (an item's `auditSeq` for
 * `item/<id>`, `flagsAuditSeq` for `flags/<id>`, written with the seq its entry got): one record per
 * imported item instead of two. The latest entry naming a key is then the later of the pointer
 * record and the record's own seq whose entry names the key (functions/audit/verify.ts).
 *
 * Entry 1 is the genesis: it holds the head hash of the v1 chain (AUDIT#CHAIN, question history up
 * to the switch), so v2 extends what was already published; v1 entries themselves are not exported.
 *
 * Appending is one transaction: the caller's writes + the entry (created only if absent) + the head
 * moved from the seq it was read at (+ the record pointer for interactive entries). Two appends cannot
 * move the head from the same seq, so the chain never forks; the loser re-reads the head and retries,
 * unless its own writes were refused (then the caller's state is stale: StaleWriteError).
 */
import { createHash, createHmac } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import canonicalize from 'canonicalize';
import type { Store } from '../data/client';
import { StaleWriteError, type TransactOp } from './log';

export { StaleWriteError, type TransactOp };

export const CHAIN_PK = 'AUDIT#V2';
const V1_PK = 'AUDIT#CHAIN';
const HEAD_SK = 'HEAD';
export const REPORT_SK = 'REPORT';
export const entrySk = (seq: number) => `ENTRY#${String(seq).padStart(12, '0')}`;
export const pointerPk = (key: string) => `AUDIT#V2#REC#${key}`;
const POINTER_SK = 'LATEST';
/** The `prev` of the genesis entry, and the v1 head when there was no v1 chain. */
export const ZERO_HASH = '0'.repeat(64);
/**
 * Records per batch entry: one entry per this many records of a bulk job. A page of the procurement
 * portal (200 contracts, each item with its own flags record) is one entry (issue 23: one chain
 * entry per batch); at ~150 bytes a record reference, an entry stays far below DynamoDB's 400 KB.
 */
export const MAX_BATCH = 400;
const MAX_ATTEMPTS = 16;

/** Used only where AUDIT_ACTOR_SECRET is unset outside Lambda, i.e. locally; in Lambda actorSecret() refuses it. */
export const DEV_ACTOR_SECRET = 'open-budget-map-local-audit-actor-secret';

/** One changed public record: `key` is unique across kinds (it starts with the kind, e.g. `question/…`). */
export interface AuditRecordRef {
  kind: string;
  key: string;
  /** SHA-256 (hex) of the RFC 8785 form of the record's public fields after the change. */
  digest: string;
}

/** A record after a change, before hashing: its public fields exactly as the public may see them. */
export interface AuditRecord {
  kind: string;
  key: string;
  fields: Record<string, unknown>;
  /**
   * As loaded from the table: the seq of the entry a bulk write carried on the record for this key
   * (an item's `auditSeq`), instead of a pointer record. Never hashed.
   */
  carriedSeq?: number;
}

export interface AuditEntryV2 {
  v: 2;
  seq: number;
  prev: string;
  at: string;
  /** HMAC-SHA-256(AUDIT_ACTOR_SECRET, account id) in hex; null for the system (imports, schedules). */
  actor: string | null;
  /** What happened, e.g. "question.answer", "import.items". */
  action: string;
  type: 'genesis' | 'change' | 'batch';
  records: AuditRecordRef[];
  /** Genesis only: the v1 chain's head hash at the switch. */
  v1Head?: string;
  hash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The RFC 8785 canonical JSON of a value (undefined members dropped, as JSON.stringify does). */
export function canonical(value: unknown): string {
  return canonicalize(JSON.parse(JSON.stringify(value))) ?? '';
}

/** SHA-256 of a record's public fields in canonical form: what an entry stores per record. */
export function recordDigest(fields: Record<string, unknown>): string {
  return sha256(canonical(fields));
}

/** The pseudonymous actor: the same account always maps to the same value, which reveals nothing without the secret. */
export function actorHash(sub: string, secret = actorSecret()): string {
  return createHmac('sha256', secret).update(sub).digest('hex');
}

/**
 * The key of every pseudonymous actor and asker label. In Lambda it comes from Secrets Manager
 * (functions/cloud-secrets.ts loadAuditActorSecret; the stack gives it to every function that writes
 * the table): the development key is in this file, so with it anyone could test a guessed account id
 * against the public chain. A function without the secret refuses to hash rather than publish that.
 */
export function actorSecret(env: Record<string, string | undefined> = process.env): string {
  if (env.AUDIT_ACTOR_SECRET) return env.AUDIT_ACTOR_SECRET;
  if (env.AWS_LAMBDA_FUNCTION_NAME)
    throw new Error('AUDIT_ACTOR_SECRET is not set: refusing to hash audit actors with the development key');
  return DEV_ACTOR_SECRET;
}

const ENTRY_FIELDS = ['v', 'seq', 'prev', 'at', 'actor', 'action', 'type', 'records', 'v1Head'] as const;

/** An entry without its table keys: what is hashed (minus `hash`) and what is exported. */
export function toEntry(item: Record<string, unknown>): AuditEntryV2 {
  const e: Record<string, unknown> = {};
  for (const k of [...ENTRY_FIELDS, 'hash']) if (item[k] !== undefined) e[k] = item[k];
  return e as unknown as AuditEntryV2;
}

/** SHA-256 of the canonical entry without `hash`. */
export function entryHash(entry: Omit<AuditEntryV2, 'hash'> | AuditEntryV2): string {
  const content: Record<string, unknown> = {};
  for (const k of ENTRY_FIELDS) {
    const v = (entry as unknown as Record<string, unknown>)[k];
    if (v !== undefined) content[k] = v;
  }
  return sha256(canonical(content));
}

export async function readHead(store: Store): Promise<{ seq: number; hash: string } | null> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: CHAIN_PK, sk: HEAD_SK }, ConsistentRead: true }),
  );
  return res.Item ? { seq: res.Item.seq as number, hash: res.Item.hash as string } : null;
}

/** The v1 head hash (ZERO_HASH if there never was a v1 chain). */
export async function readV1Head(store: Store): Promise<string> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: V1_PK, sk: HEAD_SK }, ConsistentRead: true }),
  );
  return (res.Item?.hash as string | undefined) ?? ZERO_HASH;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isCancelled(err: unknown): err is TransactionCanceledException {
  return err instanceof TransactionCanceledException;
}

/** Writes the genesis entry once; a concurrent first append may win the race, which is fine. */
async function ensureGenesis(store: Store, at: string): Promise<void> {
  const body: Omit<AuditEntryV2, 'hash'> = {
    v: 2,
    seq: 1,
    prev: ZERO_HASH,
    at,
    actor: null,
    action: 'audit.genesis',
    type: 'genesis',
    records: [],
    v1Head: await readV1Head(store),
  };
  const hash = entryHash(body);
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.table,
              Item: { pk: CHAIN_PK, sk: entrySk(1), entity: 'audit-entry', ...body, hash },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: store.table,
              Item: { pk: CHAIN_PK, sk: HEAD_SK, entity: 'audit-head', seq: 1, hash },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (err) {
    if (!isCancelled(err)) throw err;
  }
}

function pointerPut(store: Store, ref: AuditRecordRef, seq: number): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: {
        pk: pointerPk(ref.key),
        sk: POINTER_SK,
        entity: 'audit-pointer',
        kind: ref.kind,
        seq,
        digest: ref.digest,
      },
    },
  };
}

/**
 * Appends are serialized per store within this process, and the head this process last wrote is
 * remembered. Every append moves the one head record, so concurrent appends from one process only
 * cancel each other: at 200 comments on one item at once, DynamoDB Local spent its time on
 * conflicting transactions and most requests ran out of attempts (bench:resilience). Queued in
 * process, each append commits at its first try and skips the head read. Other processes (other
 * Lambda instances, an import job) still race through the head's condition: a cancelled append
 * forgets the remembered head, re-reads it and retries, as before. The lock is never held across
 * anything but one head read and one transaction, both bounded by the client's request timeout.
 */
interface Lane {
  tail: Promise<unknown>;
  head: { seq: number; hash: string } | null;
}
const lanes = new WeakMap<object, Map<string, Lane>>();

function laneOf(store: Store): Lane {
  let byTable = lanes.get(store.doc);
  if (!byTable) {
    byTable = new Map();
    lanes.set(store.doc, byTable);
  }
  let lane = byTable.get(store.table);
  if (!lane) {
    lane = { tail: Promise.resolve(), head: null };
    byTable.set(store.table, lane);
  }
  return lane;
}

function inLane<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
  const run = lane.tail.then(work, work);
  lane.tail = run.catch(() => undefined);
  return run;
}

/** What an entry says besides its place in the chain. */
interface AppendInput {
  actorSub: string | null;
  action: string;
  at: string;
  type: 'change' | 'batch';
  records: AuditRecordRef[];
}

/** The caller's writes, or a function of the entry's seq (writes that carry their pointer). */
type AppendOps = TransactOp[] | ((seq: number) => TransactOp[]);

async function append(
  store: Store,
  input: AppendInput,
  ops: AppendOps,
  pointersInTransaction: boolean,
): Promise<AuditEntryV2> {
  const lane = laneOf(store);
  return inLane(lane, () => appendNow(store, lane, input, ops, pointersInTransaction));
}

async function appendNow(
  store: Store,
  lane: Lane,
  input: AppendInput,
  opsOf: AppendOps,
  pointersInTransaction: boolean,
): Promise<AuditEntryV2> {
  for (let attempt = 1; ; attempt++) {
    let head = lane.head ?? (await readHead(store));
    lane.head = null;
    if (!head) {
      await ensureGenesis(store, input.at);
      head = await readHead(store);
      if (!head) throw new Error('audit chain head missing after genesis');
    }
    const body: Omit<AuditEntryV2, 'hash'> = {
      v: 2,
      seq: head.seq + 1,
      prev: head.hash,
      at: input.at,
      actor: input.actorSub === null ? null : actorHash(input.actorSub),
      action: input.action,
      type: input.type,
      records: input.records,
    };
    const entry: AuditEntryV2 = { ...body, hash: entryHash(body) };
    const ops = typeof opsOf === 'function' ? opsOf(entry.seq) : opsOf;
    try {
      await store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...ops,
            {
              Put: {
                TableName: store.table,
                Item: { pk: CHAIN_PK, sk: entrySk(entry.seq), entity: 'audit-entry', ...entry },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: store.table,
                Item: { pk: CHAIN_PK, sk: HEAD_SK, entity: 'audit-head', seq: entry.seq, hash: entry.hash },
                ConditionExpression: 'seq = :seq',
                ExpressionAttributeValues: { ':seq': head.seq },
              },
            },
            ...(pointersInTransaction ? entry.records.map((r) => pointerPut(store, r, entry.seq)) : []),
          ],
        }),
      );
      lane.head = { seq: entry.seq, hash: entry.hash };
      return entry;
    } catch (err) {
      if (!isCancelled(err)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const refused = reasons
        .slice(0, ops.length)
        .flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (refused.length) throw new StaleWriteError(refused[0], refused);
      // Someone else moved the head (or the transactions collided): read it again and retry.
      if (attempt >= MAX_ATTEMPTS) throw err;
      await pause(Math.random() * 25 * attempt);
    }
  }
}

export function refOf(record: AuditRecord): AuditRecordRef {
  return { kind: record.kind, key: record.key, digest: recordDigest(record.fields) };
}

/**
 * One interactive change: appends one entry for `record` (its public fields after the change),
 * committed in one transaction with `ops` (the change itself, ≤ 97 items). Throws StaleWriteError
 * when one of `ops` fails its condition; nothing is written then.
 */
export async function appendAuditEntry(
  store: Store,
  change: {
    actorSub: string | null;
    action: string;
    at: string;
    record: AuditRecord;
    /** Other public records the same change writes (an agenda version with its session), ≤ 40. */
    also?: AuditRecord[];
  },
  ops: TransactOp[] = [],
): Promise<AuditEntryV2> {
  return append(
    store,
    {
      actorSub: change.actorSub,
      action: change.action,
      at: change.at,
      type: 'change',
      records: [change.record, ...(change.also ?? [])].map(refOf),
    },
    ops,
    true,
  );
}

/**
 * One batch of a bulk job (import, sync, nightly computation): one entry listing each record's kind,
 * key and digest. Call it after the batch's records are written, with at most MAX_BATCH records
 * (use `appendAuditBatches` for more). The records' pointers are set after the entry, so a crash
 * between the two leaves a pointer behind, which the full check reports.
 */
export async function appendAuditBatch(
  store: Store,
  batch: {
    actorSub: string | null;
    action: string;
    at: string;
    records: AuditRecord[];
    /**
     * Keys whose pointer the caller writes on the record itself, with this entry's seq (the `ops`
     * function's argument, or a write after the entry): no pointer record is written for them.
     */
    carried?: ReadonlySet<string>;
  },
  /**
   * Writes that commit with the entry or not at all (a bulk job's outbox events, an import's
   * conditional replacements), ≤ 98; a function gets the entry's seq, for records that carry it.
   */
  ops: AppendOps = [],
): Promise<AuditEntryV2> {
  if (batch.records.length === 0 || batch.records.length > MAX_BATCH)
    throw new RangeError(`an audit batch holds 1 to ${MAX_BATCH} records, got ${batch.records.length}`);
  const entry = await append(
    store,
    {
      actorSub: batch.actorSub,
      action: batch.action,
      at: batch.at,
      type: 'batch',
      records: batch.records.map(refOf),
    },
    ops,
    false,
  );
  await advancePointers(store, entry, batch.carried);
  return entry;
}

/**
 * Splits any number of records into entries of ≤ MAX_BATCH, in order; `ops` (≤ 98) commit with the
 * first entry.
 */
export async function appendAuditBatches(
  store: Store,
  batch: { actorSub: string | null; action: string; at: string; records: AuditRecord[] },
  ops: TransactOp[] = [],
): Promise<AuditEntryV2[]> {
  const out: AuditEntryV2[] = [];
  for (let i = 0; i < batch.records.length; i += MAX_BATCH)
    out.push(
      await appendAuditBatch(
        store,
        { ...batch, records: batch.records.slice(i, i + MAX_BATCH) },
        i === 0 ? ops : [],
      ),
    );
  return out;
}

/**
 * Points each record of a batch entry at it: BatchWriteItem, 25 a call (a conditional update per
 * record would double an import's writes). Two batches naming the same record at once may leave the
 * pointer on the older one; the full check compares every pointer with the chain and reports that.
 */
async function advancePointers(
  store: Store,
  entry: AuditEntryV2,
  carried?: ReadonlySet<string>,
): Promise<void> {
  const puts = entry.records
    .filter((ref) => !carried?.has(ref.key))
    .map((ref) => ({
      PutRequest: {
        Item: {
          pk: pointerPk(ref.key),
          sk: POINTER_SK,
          entity: 'audit-pointer',
          kind: ref.kind,
          seq: entry.seq,
          digest: ref.digest,
        },
      },
    }));
  const blocks: (typeof puts)[] = [];
  for (let i = 0; i < puts.length; i += 25) blocks.push(puts.slice(i, i + 25));
  await Promise.all(
    blocks.map(async (block) => {
      let pending: typeof puts | undefined = block;
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt > 0) await pause(Math.min(1000, 25 * 2 ** attempt));
        if (attempt > 10) throw new Error('BatchWriteItem kept returning unprocessed audit pointers');
        const res = await store.doc.send(new BatchWriteCommand({ RequestItems: { [store.table]: pending } }));
        pending = res.UnprocessedItems?.[store.table] as typeof puts | undefined;
      }
    }),
  );
}

/** The latest entry that names `key`, per its pointer. */
export async function readPointer(
  store: Store,
  key: string,
): Promise<{ seq: number; digest: string; kind: string } | null> {
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk: pointerPk(key), sk: POINTER_SK },
      ConsistentRead: true,
    }),
  );
  return res.Item
    ? { seq: res.Item.seq as number, digest: res.Item.digest as string, kind: res.Item.kind as string }
    : null;
}

export async function readEntry(store: Store, seq: number): Promise<AuditEntryV2 | null> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: CHAIN_PK, sk: entrySk(seq) }, ConsistentRead: true }),
  );
  return res.Item ? toEntry(res.Item) : null;
}

/**
 * Up to `limit` entries after `after`, in order. With `maxBytes`, stops before the entry that would
 * take the page's JSON past it (one entry always comes back): a page of bulk entries (a sync puts up
 * to MAX_BATCH records in one) would otherwise pass Lambda's 6 MB response limit.
 */
export async function listEntries(
  store: Store,
  after: number,
  limit: number,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<AuditEntryV2[]> {
  const out: AuditEntryV2[] = [];
  let bytes = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await store.doc.send(
      new QueryCommand({
        TableName: store.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': CHAIN_PK,
          ':from': entrySk(after + 1),
          ':to': entrySk(999_999_999_999),
        },
        ConsistentRead: true,
        Limit: limit - out.length,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of res.Items ?? []) {
      const entry = toEntry(item);
      if (maxBytes !== Number.POSITIVE_INFINITY) {
        const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
        if (out.length > 0 && bytes + size > maxBytes) return out;
        bytes += size;
      }
      out.push(entry);
    }
    start = res.LastEvaluatedKey;
  } while (start && out.length < limit);
  return out;
}
