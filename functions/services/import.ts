/**
 * The import workflow (issue 16): importing a budget file, or records another reader parsed (the
 * procurement connector). Decode, recognise the format (opendata/parse.ts: the parsers), check every
 * record, then write only what changed. This file owns the workflow's invariants, its writes and its
 * audit entries:
 *
 * - a record with any error is not written at all; a file-level error (wrong encoding, missing
 *   columns, unreadable JSON) writes nothing; two records for one item in one file: the later one is
 *   refused, never silently merged;
 * - re-importing the same file changes nothing: ids derive from the source, and unchanged items are
 *   not rewritten (nor put on the chain);
 * - new items go out 25 per BatchWriteItem (opendata/store.ts `putItems`: the bench:import target
 *   is ≥ 0.8× raw BatchWriteItem); an item with new OCDS links is written with its links in one
 *   transaction through the one transaction runner (data/transaction.ts);
 * - a stored item is replaced only under the items lease (data/items-lease.ts), taken on the first
 *   chunk that replaces anything (new items need none: nobody can update an item that does not
 *   exist yet), renewed while the import runs, released when it ends. While it is live, an
 *   official's progress update and the flag job's item writes are refused by a check in their
 *   transactions, so replacements go out like new items, unconditional, 25 per BatchWriteItem:
 *   DynamoDB Local runs any conditional write 2–3× slower. A chunk read back before the lease was
 *   held is read and planned again once it is (an official's update may have landed in between:
 *   the replacement carries it); another import's live lease is waited for up to
 *   ITEMS_LEASE_WAIT_MS, then this one stops, saying so as the file's error;
 * - every written item is on the audit chain, and carries the seq of the entry that names it
 *   (`auditSeq`), so it needs no audit pointer record of its own (audit/chain.ts): the raw side of
 *   bench:import writes one record per row, and so does the import, instead of two. New items are
 *   named by one batch entry per chunk of ≤ 100 (or per call, `entryPerCall`: the connector's page)
 *   appended just before they are written, since a put of a new item has no condition to fail;
 *   replacements the same way, under the lease. A crash between an entry and its puts leaves
 *   records the full check reports (missing, or not matching the entry), and the same import run
 *   again writes them, since they differ from what is stored, with an entry of their own. The run's
 *   report is stored for admins (data/data-runs.ts).
 *
 * The API never bundles this module (it pulls in the CSV parser): `POST /api/import` reaches it
 * through functions/api/importer.ts (a dynamic import locally, the import Lambda in the cloud,
 * functions/imports/lambda.ts); the CLI (scripts/import.ts) and the connector (goszakup/sync.ts)
 * call it directly.
 */
import { randomUUID } from 'node:crypto';
import type { Item } from '../../shared/item';
import { type ImportIssue, type ImportReport, MAX_REPORTED_ISSUES } from '../../shared/opendata';
import { type AuditRecord, appendAuditBatch, MAX_BATCH } from '../audit/chain';
import { itemAuditRecord } from '../audit/records';
import type { Store } from '../data/client';
import { type DataRunTrigger, recordDataRun } from '../data/data-runs';
import { acquireItemsLease, releaseItemsLease, renewItemsLease } from '../data/items-lease';
import { runTransaction } from '../data/transaction';
import { decodeUtf8 } from '../opendata/decode';
import { type Format, fileError, parseContent } from '../opendata/parse';
import type { ItemCandidate, ItemPatch, ParsedFile, ParsedRecord } from '../opendata/records';
import {
  getLinkedItemIds,
  getStoredItems,
  itemWithLinksOps,
  putItems,
  type RecordFlags,
  type StoredItem,
} from '../opendata/store';
import { noClock, type PhaseClock } from '../phase-clock';
import { itemFlagsAuditRecord } from './flags';
import { importNewsEventOps } from './notifications';
import { listProgressUpdates, type ProgressUpdateRecord, reapplyProgressUpdates } from './progress-updates';

export { parseContent } from '../opendata/parse';

export interface ImportProgress {
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Check and report, write nothing. */
  dryRun?: boolean;
  /** Source system name for CSV files without a `source_name` column (ids derive from it). */
  sourceName?: string;
  now?: () => Date;
  onProgress?: (p: ImportProgress) => void;
  /** Records per read/write round (≤ 100, the BatchGetItem limit) and rounds in flight. */
  chunkSize?: number;
  concurrency?: number;
  /** Who runs the import (account id), for the audit chain; null or absent: the system. */
  actorSub?: string | null;
  /**
   * Stores the report for admins and moves the freshness marker (functions/data/data-runs.ts), saying
   * who started it; absent: not stored (the connector stores its own run, not each page).
   */
  runTrigger?: DataRunTrigger;
  /** Times each kind of table work (bench:sync prints it); absent: nothing is timed. */
  clock?: PhaseClock;
  /**
   * The flags a new item carries from its own data (the connector: `newItemFlags` in ./flags.ts),
   * written in the item's own put, with their chain record and `item.flagged` news in the chunk's
   * entry, so the flag job after the sync has nothing left to write for it. Absent (file imports):
   * the flag job writes them.
   */
  newItemFlags?: (item: Item) => NewItemFlags | undefined;
  /**
   * The whole call as one chunk: one audit chain entry for its new items (the connector imports
   * each page of the portal in one call: issue 23's "one chain entry per batch"), instead of one per
   * chunk of 100. Fewer appends queue on the chain head, and the page's `item.created` news groups
   * over the whole page. Absent (file imports): one entry per chunk, so a long file is on the chain
   * as it goes.
   */
  entryPerCall?: boolean;
  /**
   * How long to wait for another import's items lease before this import stops (default
   * ITEMS_LEASE_WAIT_MS; tests shorten it).
   */
  leaseWaitMs?: number;
  /**
   * One hold on the items lease for several calls (the connector's pages in flight at once), which
   * its owner releases when they are all done; absent: each call holds and releases its own.
   */
  itemsLease?: ItemsLeaseHold;
}

/** A new item's flag codes (catalogue order) and the numbers behind each, as the flag job stores them. */
export interface NewItemFlags {
  flags: string[];
  facts: Record<string, unknown>;
}

/** A file import's report as a stored run: failed when the file itself was refused. */
async function recordImport(
  store: Store,
  report: ImportReport,
  opts: ImportOptions,
  at: Date,
): Promise<void> {
  if (!opts.runTrigger || report.dryRun) return;
  const refusal = report.issues.find((i) => i.record === '(file)' && i.severity === 'error');
  await recordDataRun(store, {
    kind: 'import',
    trigger: opts.runTrigger,
    at: at.toISOString(),
    ok: !refusal,
    ...(refusal ? { error: refusal.message } : {}),
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    refused: report.rejected,
    source: opts.sourceName ?? report.format,
    issues: report.issues,
  });
}

/** How long an import waits for another import's items lease before it stops. */
export const ITEMS_LEASE_WAIT_MS = 60_000;
/** The holder renews its lease this often (it lasts ITEMS_LEASE_MS, data/items-lease.ts). */
const LEASE_RENEW_MS = 20_000;
/** Replacements are written only while the lease has this long left: a stuck renewal stops them first. */
const LEASE_MARGIN_MS = 30_000;

/** The import stopped before it wrote everything: another import holds the lease, or this one lost it. */
export class ImportStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportStoppedError';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * This import's hold on the items lease (data/items-lease.ts): taken on first need (`hold`, shared by
 * the workers), renewed every LEASE_RENEW_MS, released when the import ends. The lease runs on the
 * wall clock, not `opts.now`: it is a protocol between processes, and its expiry is real time.
 */
export class ItemsLeaseHold {
  private readonly holder = `import-${randomUUID()}`;
  private until = 0;
  private taking: Promise<void> | null = null;
  private renewal: ReturnType<typeof setInterval> | undefined;
  private lost: ImportStoppedError | null = null;

  constructor(
    private readonly store: Store,
    private readonly waitMs: number,
    /** How often the lease is renewed (tests shorten it to see a lost lease stop an import). */
    private readonly renewEveryMs = LEASE_RENEW_MS,
  ) {}

  /** Whether the lease is this import's now: a read begun from here on sees no other writer land after it. */
  get held(): boolean {
    return this.until > 0 && !this.lost;
  }

  /** Takes the lease, waiting with backoff while another import holds it (ImportStoppedError after waitMs). */
  hold(): Promise<void> {
    this.taking ??= this.take();
    return this.taking;
  }

  private async take(): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
      const until = await acquireItemsLease(this.store, this.holder, Date.now());
      if (until !== null) {
        this.until = until;
        break;
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new ImportStoppedError(
          'another import is running: stored items cannot be replaced until it ends; run this import again then',
        );
      await sleep(Math.min(pause, left));
    }
    this.renewal = setInterval(() => void this.renew(), this.renewEveryMs);
    this.renewal.unref?.();
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    try {
      const until = await renewItemsLease(this.store, this.holder, Date.now());
      if (until === null)
        this.lost = new ImportStoppedError(
          'the import lost its lease on stored items (it expired and was taken over); it stopped, run it again',
        );
      else this.until = until;
    } catch {
      // A failed call: the next renewal tries again, and `check` stops the writes before the lease runs out.
    }
  }

  /** Before a write of replacements: the lease is still this import's, with time to spare. */
  check(): void {
    if (this.lost) throw this.lost;
    if (this.until - Date.now() < LEASE_MARGIN_MS) {
      this.lost = new ImportStoppedError(
        'the import could not renew its lease on stored items in time; it stopped, run it again',
      );
      throw this.lost;
    }
  }

  /** Lets go of the lease (if it was taken); the hold is not used again. */
  async release(): Promise<void> {
    clearInterval(this.renewal);
    const held = this.until > 0;
    this.until = 0;
    if (held) await releaseItemsLease(this.store, this.holder);
  }
}

/** Chunks of 100 records in flight (each written as 4 BatchWriteItem calls of 25). */
export const DEFAULT_IMPORT_CONCURRENCY = 4;

export async function importFile(
  store: Store,
  bytes: Uint8Array,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const now = opts.now ?? (() => new Date());
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const refused = buildReport(
      'unknown',
      Boolean(opts.dryRun),
      fileError(decoded.message, decoded.expected),
      new Map(),
    );
    await recordImport(store, refused, opts, now());
    return refused;
  }
  const { format, parsed } = parseContent(decoded.text, { sourceName: opts.sourceName ?? 'csv', now: now() });
  const outcomes = new Map<ParsedRecord, Outcome>();
  if (!parsed.fileIssues.some((i) => i.severity === 'error')) {
    rejectDuplicates(parsed.records);
    await applyOrStop(store, parsed, outcomes, { ...opts, now });
  }
  const report = buildReport(format, Boolean(opts.dryRun), parsed, outcomes);
  await recordImport(store, report, opts, now());
  return report;
}

/**
 * Imports records that another reader already parsed (the procurement connector): the same checks,
 * idempotence and report as a file.
 */
export async function importParsed(
  store: Store,
  parsed: ParsedFile,
  opts: ImportOptions = {},
  format: Format = 'unknown',
): Promise<ImportReport> {
  const now = opts.now ?? (() => new Date());
  const outcomes = new Map<ParsedRecord, Outcome>();
  rejectDuplicates(parsed.records);
  await applyOrStop(store, parsed, outcomes, { ...opts, now });
  return buildReport(format, Boolean(opts.dryRun), parsed, outcomes);
}

/**
 * Applies the records; an import that stopped (another import holds the items lease) says so as
 * the file's one error, and its report counts only what it wrote.
 */
async function applyOrStop(
  store: Store,
  parsed: ParsedFile,
  outcomes: Map<ParsedRecord, Outcome>,
  opts: ImportOptions & { now: () => Date },
): Promise<void> {
  try {
    await applyRecords(store, parsed.records, outcomes, opts);
  } catch (err) {
    if (!(err instanceof ImportStoppedError)) throw err;
    parsed.fileIssues.push(...fileError(err.message, 'no other import running').fileIssues);
  }
}

type Outcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** Two records for one item in one file: the later one is refused, not silently merged. */
function rejectDuplicates(records: ParsedRecord[]): void {
  const seen = new Map<string, string>();
  for (const r of records) {
    if (r.change?.kind !== 'item') continue;
    const first = seen.get(r.change.item.id);
    if (first) {
      r.issues.push({
        record: r.ref,
        field: 'id',
        message: `the same item as ${first}`,
        expected: 'one record per item',
        severity: 'error',
      });
      delete r.change;
    } else {
      seen.set(r.change.item.id, r.ref);
    }
  }
}

async function applyRecords(
  store: Store,
  records: ParsedRecord[],
  outcomes: Map<ParsedRecord, Outcome>,
  opts: ImportOptions & { now: () => Date },
): Promise<void> {
  // One chunk per call (opts.entryPerCall) stays within one entry: its items and their flags.
  const size = opts.entryPerCall
    ? Math.max(1, Math.min(records.length, MAX_BATCH / 2))
    : Math.min(100, opts.chunkSize ?? 100);
  const chunks: ParsedRecord[][] = [];
  for (let i = 0; i < records.length; i += size) chunks.push(records.slice(i, i + size));
  const lease = opts.itemsLease ?? new ItemsLeaseHold(store, opts.leaseWaitMs ?? ITEMS_LEASE_WAIT_MS);
  let done = 0;
  let next = 0;
  let stopped = false;
  const planNext = (): Promise<{ chunk: ParsedRecord[]; plan: ChunkPlan }> | null => {
    if (stopped || next >= chunks.length) return null;
    const chunk = chunks[next++]!;
    return planChunk(store, chunk, outcomes, opts, lease).then((plan) => ({ chunk, plan }));
  };
  // Each worker reads (and decides) its next chunk while the current one is being written, so its
  // writes are not held up by reads: the read-back costs round trips, not write throughput.
  const worker = async () => {
    let planned = planNext();
    while (planned) {
      const { chunk, plan } = await planned;
      planned = planNext();
      // Awaited on the next turn of the loop; until then a failure must not count as unhandled.
      planned?.catch(() => undefined);
      try {
        if (!opts.dryRun) await writeChunk(store, plan, outcomes, opts, lease);
      } catch (err) {
        if (!(err instanceof ImportStoppedError)) throw err;
        // The import stops here: what this chunk and the one read next did not write is not counted.
        stopped = true;
        for (const r of plan.replaced.flatMap((x) => x.records)) outcomes.delete(r);
        const after = await planned?.catch(() => undefined);
        for (const r of after?.chunk ?? []) outcomes.delete(r);
        throw err;
      }
      done += chunk.length;
      opts.onProgress?.({ done, total: records.length });
    }
  };
  opts.onProgress?.({ done: 0, total: records.length });
  try {
    const settled = await Promise.allSettled(
      Array.from({ length: Math.max(1, opts.concurrency ?? DEFAULT_IMPORT_CONCURRENCY) }, worker),
    );
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
  } finally {
    if (!opts.itemsLease) await lease.release();
  }
}

/**
 * What one chunk writes: new items (with their new OCDS links, if any) and stored items replaced.
 * `underLease`: the chunk's read-back began while this import held the items lease, so no official's
 * update or flag job write can have landed on its stored items since (they are refused while the
 * lease is live); a plan read before is read again once the lease is held.
 */
interface ChunkPlan {
  plain: Item[];
  withLinks: { item: Item; ocids: string[] }[];
  replaced: { records: ParsedRecord[]; item: Item; version?: number; ocids: string[]; flags?: RecordFlags }[];
  underLease: boolean;
}

async function writeChunk(
  store: Store,
  first: ChunkPlan,
  outcomes: Map<ParsedRecord, Outcome>,
  opts: ImportOptions & { now: () => Date },
  lease: ItemsLeaseHold,
): Promise<void> {
  let plan = first;
  for (;;) {
    await writeNewItems(store, plan, opts);
    if (!plan.replaced.length) return;
    // Replacing stored items needs the lease (taken on the first chunk that has any); a plan read
    // before it was held may miss an official's update that landed in between: read again.
    await lease.hold();
    // A lease lost since (a renewal refused) stops the import here: reading again would not bring it back.
    lease.check();
    if (plan.underLease) break;
    plan = await planChunk(
      store,
      plan.replaced.flatMap((r) => r.records),
      outcomes,
      opts,
      lease,
    );
  }
  await writeReplacements(store, plan.replaced, opts, lease);
}

/**
 * Stored items replaced under the lease, as new items are written: the entry naming them first
 * (≤ MAX_BATCH records), then their records with its seq (`auditSeq`), their stored flags and the
 * official's version moved on (so an update read before this write is refused after it), 25 to an
 * unconditional BatchWriteItem; an item with new OCDS links in one transaction with them. Nothing is
 * written once the lease is no longer surely this import's (`check`).
 */
async function writeReplacements(
  store: Store,
  replaced: ChunkPlan['replaced'],
  opts: ImportOptions & { now: () => Date },
  lease: ItemsLeaseHold,
): Promise<void> {
  const clock = opts.clock ?? noClock;
  for (let i = 0; i < replaced.length; i += MAX_BATCH) {
    const part = replaced.slice(i, i + MAX_BATCH);
    lease.check();
    const entry = await clock.time('chain entries (with their events)', () =>
      appendAuditBatch(store, {
        actorSub: opts.actorSub ?? null,
        action: 'import.items',
        at: opts.now().toISOString(),
        records: part.map((r) => itemAuditRecord(r.item)),
        carried: new Set(part.map((r) => `item/${r.item.id}`)),
      }),
    );
    const kept = new Map(
      part.map(
        (r) =>
          [
            r.item.id,
            { ...r.flags, ...(r.version === undefined ? {} : { version: r.version + 1 }) },
          ] as const,
      ),
    );
    lease.check();
    const plain = part.filter((r) => !r.ocids.length).map((r) => r.item);
    if (plain.length)
      await clock.time('write: replaced items', () => putItems(store, plain, kept, entry.seq));
    for (const r of part.filter((x) => x.ocids.length))
      await clock.time('write: replaced items with links', () =>
        runTransaction(store, itemWithLinksOps(store, r.item, r.ocids, kept.get(r.item.id), entry.seq)),
      );
  }
}

/**
 * New items (with their new OCDS links, if any), after the entry that names them: one batch entry
 * per ≤ MAX_BATCH records (audit/chain.ts) — the items and their own new flags — with the batch's
 * news in the entry's transaction: one `IMPORT_NEWS` event naming the new items and their flags
 * (./notifications.ts), which its fan-out spells out as the `item.created` (per area, body and
 * contractor) and `item.flagged` (per item) news of whatever someone follows. Each record is written
 * with the entry's seq (`auditSeq`, `flagsAuditSeq`): no pointer records.
 */
async function writeNewItems(
  store: Store,
  { plain, withLinks }: ChunkPlan,
  opts: ImportOptions & { now: () => Date },
): Promise<void> {
  const clock = opts.clock ?? noClock;
  const all = [...plain, ...withLinks.map((w) => w.item)];
  const links = new Map(withLinks.map((w) => [w.item.id, w.ocids] as const));
  // Half an entry's records per part: each item may bring its flags record.
  for (let i = 0; i < all.length; i += MAX_BATCH / 2) {
    const created = all.slice(i, i + MAX_BATCH / 2);
    const flagged = new Map<string, NewItemFlags>();
    if (opts.newItemFlags)
      for (const item of created) {
        const f = opts.newItemFlags(item);
        if (f?.flags.length) flagged.set(item.id, f);
      }
    const records: AuditRecord[] = [
      ...created.map(itemAuditRecord),
      ...[...flagged].map(([id, f]) => itemFlagsAuditRecord(id, f.flags, f.facts)),
    ];
    const news = importNewsEventOps(
      store,
      created,
      new Map([...flagged].map(([id, f]) => [id, f.flags] as const)),
      opts.now(),
    );
    const entry = await clock.time('chain entries (with their events)', () =>
      appendAuditBatch(
        store,
        {
          actorSub: opts.actorSub ?? null,
          action: 'import.items',
          at: opts.now().toISOString(),
          records,
          carried: new Set(records.map((r) => r.key)),
        },
        news,
      ),
    );
    const recordFlags = new Map(
      [...flagged].map(
        ([id, f]) => [id, { flags: f.flags, flagFacts: f.facts, flagsAuditSeq: entry.seq }] as const,
      ),
    );
    const plainPart = created.filter((item) => !links.has(item.id));
    if (plainPart.length)
      await clock.time('write: new items', () => putItems(store, plainPart, recordFlags, entry.seq));
    const linkedPart = created.filter((item) => links.has(item.id));
    if (linkedPart.length)
      await clock.time('write: new items with links', async () => {
        for (const item of linkedPart)
          await runTransaction(
            store,
            itemWithLinksOps(store, item, links.get(item.id)!, recordFlags.get(item.id), entry.seq),
          );
      });
  }
}

/** Reads what a chunk's records touch and decides each record's outcome; writes nothing. */
async function planChunk(
  store: Store,
  chunk: ParsedRecord[],
  outcomes: Map<ParsedRecord, Outcome>,
  opts: ImportOptions & { now: () => Date },
  lease: ItemsLeaseHold,
): Promise<ChunkPlan> {
  // Noted before anything is read: a write the lease refuses cannot land after this point.
  const underLease = lease.held;
  const candidates = chunk.filter((r) => r.change?.kind === 'item') as (ParsedRecord & {
    change: ItemCandidate;
  })[];
  const patches = chunk.filter((r) => r.change?.kind === 'patch') as (ParsedRecord & { change: ItemPatch })[];
  for (const r of chunk) if (!r.change) outcomes.set(r, 'rejected');

  const clock = opts.clock ?? noClock;
  const linkedOcids = [...candidates.flatMap((r) => r.change.ocids), ...patches.map((r) => r.change.ocid)];
  const links = linkedOcids.length
    ? await clock.time('read-back: OCDS links', () => getLinkedItemIds(store, linkedOcids))
    : new Map<string, string>();
  for (const r of patches) {
    if (!links.has(r.change.ocid)) {
      r.issues.push({
        record: r.ref,
        field: 'ocid',
        message: `no item is linked to contracting process ${r.change.ocid}`,
        expected:
          'an ocid listed by an imported OC4IDS project (contractingProcesses) or a CSV row (ocid column)',
        severity: 'error',
      });
      outcomes.set(r, 'rejected');
    }
  }
  const ids = [
    ...candidates.map((r) => r.change.item.id),
    ...patches.flatMap((r) => links.get(r.change.ocid) ?? []),
  ];
  const existing = ids.length
    ? await clock.time('read-back: stored items', () => getStoredItems(store, ids))
    : new Map<string, StoredItem>();
  // Officials' updates of the items that carry any (one Query each: few items do), to apply again.
  const updates = new Map<string, ProgressUpdateRecord[]>();
  const versioned = [...existing.values()].filter((s) => s.version !== undefined);
  if (versioned.length)
    await clock.time("read-back: officials' updates", () =>
      Promise.all(
        versioned.map(async (s) => updates.set(s.item.id, await listProgressUpdates(store, s.item.id))),
      ),
    );

  const plain: Item[] = [];
  const withLinks: { item: Item; ocids: string[] }[] = [];
  const replaced: ChunkPlan['replaced'] = [];
  const stamp = opts.now().toISOString();
  for (const r of candidates) {
    const { ocids, updatedAtGiven, merge } = r.change;
    const stored = existing.get(r.change.item.id);
    const before = stored?.item;
    const fromSource = before && merge ? merge(before, r.change.item) : r.change.item;
    const official = updates.get(r.change.item.id);
    const item = official?.length ? reapplyProgressUpdates(fromSource, official) : fromSource;
    const missingLinks = ocids.filter((o) => links.get(o) !== item.id);
    if (before && !updatedAtGiven) item.provenance.updatedAt = before.provenance.updatedAt;
    if (before && sameItem(before, item) && missingLinks.length === 0) {
      outcomes.set(r, 'unchanged');
      continue;
    }
    if (!updatedAtGiven) item.provenance.updatedAt = stamp;
    outcomes.set(r, before ? 'updated' : 'created');
    if (stored)
      replaced.push({
        records: [r],
        item,
        version: stored.version,
        ocids: missingLinks,
        flags: stored.flags,
      });
    else if (missingLinks.length) withLinks.push({ item, ocids: missingLinks });
    else plain.push(item);
  }
  for (const r of patches) {
    const id = links.get(r.change.ocid);
    const stored = id ? existing.get(id) : undefined;
    if (!id) continue;
    if (!stored) {
      r.issues.push({
        record: r.ref,
        field: 'ocid',
        message: `the linked item ${id} no longer exists`,
        severity: 'error',
      });
      outcomes.set(r, 'rejected');
      continue;
    }
    // A patch changes only what its release carries (payments and milestones by id), so the
    // officials' updates already on the stored item stay.
    const before = stored.item;
    const after = r.change.apply(before);
    if (sameItem(before, { ...after, provenance: before.provenance })) {
      outcomes.set(r, 'unchanged');
      continue;
    }
    existing.set(id, { ...stored, item: after });
    outcomes.set(r, 'updated');
    // Two releases of one item in a chunk: one write of the item both changed.
    const same = replaced.find((x) => x.item.id === id);
    if (same) {
      same.item = after;
      same.records.push(r);
    } else
      replaced.push({ records: [r], item: after, version: stored.version, ocids: [], flags: stored.flags });
  }
  return { plain, withLinks, replaced, underLease };
}

/** Deep equality on the stored meaning of an item (key order and absent-vs-undefined ignored). */
export function sameItem(a: Item, b: Item): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : value,
  );
}

function buildReport(
  format: Format,
  dryRun: boolean,
  parsed: ParsedFile,
  outcomes: Map<ParsedRecord, Outcome>,
): ImportReport {
  const count = (o: Outcome) => [...outcomes.values()].filter((x) => x === o).length;
  const all: ImportIssue[] = [...parsed.fileIssues, ...parsed.records.flatMap((r) => r.issues)];
  return {
    format,
    dryRun,
    records: parsed.records.length,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    rejected: count('rejected'),
    issues: all.slice(0, MAX_REPORTED_ISSUES),
    issuesTruncated: Math.max(0, all.length - MAX_REPORTED_ISSUES),
  };
}
