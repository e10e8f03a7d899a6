/**
 * Checking the chain v2: one record against its latest entry (on request), and the full check that
 * walks every entry, every record they name, and every published head (`npm run audit:verify`, the
 * scheduled job in the cloud). The full report is stored so `/api/audit/verify` can show the last one
 * without walking the chain on a request.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../data/client';
import {
  type AuditEntryV2,
  type AuditRecord,
  CHAIN_PK,
  entryHash,
  listEntries,
  REPORT_SK,
  readEntry,
  readHead,
  readPointer,
  readV1Head,
  recordDigest,
  ZERO_HASH,
} from './chain';
import type { HeadStore, PublishedHead } from './heads';
import { verifyV1Chain } from './log';
import { loadAuditRecord } from './records';

export type RecordCheck =
  | { ok: true; record: string; kind: string; seq: number; digest: string }
  | {
      ok: false;
      record: string;
      /** digest: the record's public fields differ from the latest entry; missing: the record is gone;
       * unaudited: no entry names it; entry: the entry that names it is itself broken. */
      reason: 'digest' | 'missing' | 'unaudited' | 'entry' | 'unknown_kind';
      seq?: number;
      expected?: string;
      actual?: string;
    };

/** Recomputes one record's digest and compares it with its latest entry. */
export async function verifyRecord(store: Store, key: string): Promise<RecordCheck> {
  const record = await loadAuditRecord(store, key);
  if (record === undefined) return { ok: false, record: key, reason: 'unknown_kind' };
  const found = await latestEntryOf(store, key, record);
  if (!found) return { ok: false, record: key, reason: record ? 'unaudited' : 'missing' };
  const { pointer, entry } = found;
  const named = entry?.records.find((r) => r.key === key);
  if (!entry || entryHash(entry) !== entry.hash || !named)
    return { ok: false, record: key, reason: 'entry', seq: pointer.seq };
  return compareRecord(key, record, pointer, named.digest);
}

/**
 * The latest entry that names `key`: its pointer record's, or the one whose seq the record itself
 * carries (an import's items: audit/chain.ts), whichever is later — the carried one only if its
 * entry names the key (an item replaced by an import carries the replacement's seq, which names the
 * item but not its flags). The carried pointer's digest is the one its entry names.
 */
async function latestEntryOf(
  store: Store,
  key: string,
  record: AuditRecord | null,
): Promise<{ pointer: { seq: number; digest: string }; entry: AuditEntryV2 | null } | null> {
  const pointer = await readPointer(store, key);
  const carried = record?.carriedSeq;
  if (carried !== undefined && (!pointer || carried > pointer.seq)) {
    const entry = await readEntry(store, carried);
    const named = entry?.records.find((r) => r.key === key);
    if (entry && named) return { pointer: { seq: carried, digest: named.digest }, entry };
  }
  return pointer ? { pointer, entry: await readEntry(store, pointer.seq) } : null;
}

/**
 * The record against the digest its pointer's entry names (that entry already read and its hash
 * checked): the pointer must agree with the entry, and the record's public fields with both.
 */
function compareRecord(
  key: string,
  record: AuditRecord | null,
  pointer: { seq: number; digest: string },
  named: string,
): RecordCheck {
  if (named !== pointer.digest) return { ok: false, record: key, reason: 'entry', seq: pointer.seq };
  if (!record) return { ok: false, record: key, reason: 'missing', seq: pointer.seq, expected: named };
  const actual = recordDigest(record.fields);
  if (actual !== named)
    return { ok: false, record: key, reason: 'digest', seq: pointer.seq, expected: named, actual };
  return { ok: true, record: key, kind: record.kind, seq: pointer.seq, digest: actual };
}

export type ChainProblem =
  | { seq: number; reason: 'sequence' | 'prev' | 'hash' | 'genesis' | 'head' }
  /** A published head that the chain no longer contains (a rewritten or cut tail). */
  | { seq: number; reason: 'published_head'; publishedOn: string };

export interface FullReport {
  ok: boolean;
  checkedAt: string;
  entries: number;
  headHash: string | null;
  records: number;
  publishedHeadsChecked: number;
  /** The first broken link of the chain, if any (the walk stops there). */
  chain: ChainProblem | null;
  /** Records whose current public fields differ from their latest entry (at most 100 listed). */
  records_failed: Array<{ record: string; reason: string; seq?: number }>;
  /** Published heads the chain contradicts. */
  heads_failed: Array<{ seq: number; publishedOn: string }>;
}

const PAGE = 500;

/** Walks the whole chain, then every record it names, then the published heads. */
export async function verifyFull(store: Store, heads: HeadStore | null, now: Date): Promise<FullReport> {
  let expectedSeq = 1;
  let prev = ZERO_HASH;
  let chain: ChainProblem | null = null;
  const hashes = new Map<number, string>();
  /** Each record's latest entry and the digest that entry names for it. */
  const latest = new Map<string, { seq: number; digest: string }>();
  walk: for (;;) {
    const page: AuditEntryV2[] = await listEntries(store, expectedSeq - 1, PAGE);
    for (const e of page) {
      if (e.seq !== expectedSeq) {
        chain = { seq: expectedSeq, reason: 'sequence' };
        break walk;
      }
      if (e.prev !== prev) {
        chain = { seq: e.seq, reason: 'prev' };
        break walk;
      }
      if (entryHash(e) !== e.hash) {
        chain = { seq: e.seq, reason: 'hash' };
        break walk;
      }
      // The genesis entry anchors the frozen v1 chain: its head must match, and v1 must hold link by link.
      if (
        e.seq === 1 &&
        (e.type !== 'genesis' || e.v1Head !== (await readV1Head(store)) || !(await verifyV1Chain(store)).ok)
      ) {
        chain = { seq: 1, reason: 'genesis' };
        break walk;
      }
      for (const r of e.records)
        if (latest.get(r.key)?.seq !== e.seq) latest.set(r.key, { seq: e.seq, digest: r.digest });
      hashes.set(e.seq, e.hash);
      prev = e.hash;
      expectedSeq++;
    }
    if (page.length < PAGE) break;
  }
  const entries = expectedSeq - 1;
  if (!chain) {
    const head = await readHead(store);
    // A deleted tail shows as a head that points past the last entry.
    if ((head?.seq ?? 0) !== entries || (head && head.hash !== prev))
      chain = { seq: entries + 1, reason: 'head' };
  }

  const records_failed: FullReport['records_failed'] = [];
  const keys = [...latest.keys()];
  let failedCount = 0;
  const fail = (record: string, reason: string, seq?: number) => {
    failedCount++;
    if (records_failed.length < 100) records_failed.push({ record, reason, seq });
  };
  // Each record against the digest its latest entry names, from the walk above: a sync page is one
  // entry of up to 400 records (~60 KB), so reading the entry again per record read it 400 times.
  const worker = async () => {
    for (let key = keys.shift(); key; key = keys.shift()) {
      const last = latest.get(key)!;
      // A broken chain is not checked record by record; the pointers still are.
      if (chain) {
        const carried = (await loadAuditRecord(store, key))?.carriedSeq;
        if (carried !== last.seq && (await pointerSeqOf(store, key)) !== last.seq)
          fail(key, 'pointer', last.seq);
        continue;
      }
      const record = await loadAuditRecord(store, key);
      if (record === undefined) {
        fail(key, 'unknown_kind');
        continue;
      }
      // An import's item carries its entry's seq instead of a pointer record (audit/chain.ts).
      if (record?.carriedSeq === last.seq) {
        const check = compareRecord(key, record, { seq: last.seq, digest: last.digest }, last.digest);
        if (!check.ok) fail(key, check.reason, check.seq);
        continue;
      }
      const pointer = await readPointer(store, key);
      if (!pointer) {
        fail(key, record ? 'unaudited' : 'missing');
        continue;
      }
      if (pointer.seq === last.seq) {
        const check = compareRecord(key, record, pointer, last.digest);
        if (!check.ok) fail(key, check.reason, check.seq);
        continue;
      }
      // The pointer must name the latest entry that lists the record (a crashed batch leaves it
      // behind); the record is checked against the entry the pointer names, as on request.
      const check = await verifyRecord(store, key);
      if (check.ok) fail(key, 'pointer', last.seq);
      else fail(key, check.reason, check.seq);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));

  const heads_failed: FullReport['heads_failed'] = [];
  const published: PublishedHead[] = heads ? await heads.list() : [];
  for (const h of published)
    if (hashes.get(h.seq) !== h.hash) heads_failed.push({ seq: h.seq, publishedOn: h.on });
  if (!chain && heads_failed[0]) chain = { ...heads_failed[0], reason: 'published_head' };

  return {
    ok: chain === null && failedCount === 0 && heads_failed.length === 0,
    checkedAt: now.toISOString(),
    entries,
    headHash: entries > 0 ? prev : null,
    records: latest.size,
    publishedHeadsChecked: published.length,
    chain,
    records_failed,
    heads_failed,
  };
}

async function pointerSeqOf(store: Store, key: string): Promise<number | null> {
  return (await readPointer(store, key))?.seq ?? null;
}

export async function saveReport(store: Store, report: FullReport): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: { pk: CHAIN_PK, sk: REPORT_SK, entity: 'audit-report', report: JSON.stringify(report) },
    }),
  );
}

export async function lastReport(store: Store): Promise<FullReport | null> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: CHAIN_PK, sk: REPORT_SK } }),
  );
  return res.Item ? (JSON.parse(res.Item.report as string) as FullReport) : null;
}

/**
 * The daily job: the full check, its report stored, and the current head published for `today`
 * (once per day; an earlier publication of the day stands). A broken chain is not published over.
 */
export async function runDailyCheck(
  store: Store,
  heads: HeadStore | null,
  now: Date,
  today: string,
): Promise<FullReport> {
  const report = await verifyFull(store, heads, now);
  await saveReport(store, report);
  if (heads && report.chain === null && report.headHash) {
    const head = await readHead(store);
    if (head) await heads.publish({ on: today, seq: head.seq, hash: head.hash, at: now.toISOString() });
  }
  return report;
}
