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
 *   transaction through the one transaction runner (data/transaction.ts); a stored item is replaced
 *   only if unchanged since it was read, by conditional puts committed in one transaction with the
 *   chain entry that names them (up to 98 beside the entry and the head: `replaceItemsIfVersion`),
 *   and one changed in between is read and planned again;
 * - every written item is on the audit chain, and carries the seq of the entry that names it
 *   (`auditSeq`), so it needs no audit pointer record of its own (audit/chain.ts): the raw side of
 *   bench:import writes one record per row, and so does the import, instead of two. New items are
 *   named by one batch entry per chunk of ≤ 100 (or per call, `entryPerCall`: the connector's page)
 *   appended just before they are written, since a put of a new item has no condition to fail;
 *   replacements, which may be refused, commit with theirs. A crash between a new items' entry and
 *   their puts leaves records the full check reports (missing, or not matching the entry), and the
 *   same import run again writes them, since they differ from what is stored, with an entry of their
 *   own. The run's report is stored for admins (data/data-runs.ts).
 *
 * The API never bundles this module (it pulls in the CSV parser): `POST /api/import` reaches it
 * through functions/api/importer.ts (a dynamic import locally, the import Lambda in the cloud,
 * functions/imports/lambda.ts); the CLI (scripts/import.ts) and the connector (goszakup/sync.ts)
 * call it directly.
 */
import type { Item } from '../../shared/item';
import { type ImportIssue, type ImportReport, MAX_REPORTED_ISSUES } from '../../shared/opendata';
import {
  type AuditRecord,
  appendAuditBatch,
  MAX_BATCH,
  StaleWriteError,
  type TransactOp,
} from '../audit/chain';
import { itemAuditRecord } from '../audit/records';
import type { Store } from '../data/client';
import { type DataRunTrigger, recordDataRun } from '../data/data-runs';
import { ConditionFailedError, runTransaction } from '../data/transaction';
import { decodeUtf8 } from '../opendata/decode';
import { type Format, fileError, parseContent } from '../opendata/parse';
import type { ItemCandidate, ItemPatch, ParsedFile, ParsedRecord } from '../opendata/records';
import {
  getLinkedItemIds,
  getStoredItems,
  itemWithLinksOps,
  putItems,
  type RecordFlags,
  replaceItemsIfVersion,
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
    await applyRecords(store, parsed.records, outcomes, { ...opts, now });
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
  await applyRecords(store, parsed.records, outcomes, { ...opts, now });
  return buildReport(format, Boolean(opts.dryRun), parsed, outcomes);
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
  let done = 0;
  let next = 0;
  const planNext = (): Promise<{ chunk: ParsedRecord[]; plan: ChunkPlan }> | null => {
    if (next >= chunks.length) return null;
    const chunk = chunks[next++]!;
    return planChunk(store, chunk, outcomes, opts).then((plan) => ({ chunk, plan }));
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
      if (!opts.dryRun) await writeChunk(store, plan, outcomes, opts);
      done += chunk.length;
      opts.onProgress?.({ done, total: records.length });
    }
  };
  opts.onProgress?.({ done: 0, total: records.length });
  const settled = await Promise.allSettled(
    Array.from({ length: Math.max(1, opts.concurrency ?? DEFAULT_IMPORT_CONCURRENCY) }, worker),
  );
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
}

/**
 * What one chunk writes: new items (with their new OCDS links, if any) and stored items replaced.
 * A stored item is replaced only if it is still the version that was read, so an official's progress
 * update posted in between is not overwritten: that record is planned again on top of it.
 */
interface ChunkPlan {
  plain: Item[];
  withLinks: { item: Item; ocids: string[] }[];
  replaced: { records: ParsedRecord[]; item: Item; version?: number; ocids: string[]; flags?: RecordFlags }[];
}

/** Rounds of reading and replacing an item an official keeps changing, before the record is refused. */
const REPLAN_ATTEMPTS = 3;

async function writeChunk(
  store: Store,
  first: ChunkPlan,
  outcomes: Map<ParsedRecord, Outcome>,
  opts: ImportOptions & { now: () => Date },
): Promise<void> {
  const clock = opts.clock ?? noClock;
  let plan = first;
  for (let attempt = 1; ; attempt++) {
    await writeNewItems(store, plan, opts);
    // Stored items go as conditional puts in the transaction of the entry that names them; an item
    // changed since it was read is not written, and is planned again below.
    const { replaced } = plan;
    const notWritten = new Set(
      replaced.length
        ? await clock.time('write: replaced items (with their chain entries)', () =>
            replaceItemsIfVersion(store, replaced, {
              maxOps: REPLACE_OPS,
              commit: (puts, ops) => appendReplacedEntry(store, puts, ops, opts),
            }),
          )
        : [],
    );
    const stale: ParsedRecord[] = [];
    for (const r of plan.replaced) if (notWritten.has(r)) stale.push(...r.records);
    if (!stale.length) break;
    if (attempt >= REPLAN_ATTEMPTS) {
      for (const r of stale) {
        r.issues.push({
          record: r.ref,
          field: 'id',
          message:
            "the item kept changing while it was being imported (officials' updates); nothing was written",
          expected: 'the same import run again',
          severity: 'error',
        });
        outcomes.set(r, 'rejected');
      }
      break;
    }
    plan = await planChunk(store, stale, outcomes, opts);
  }
}

/** Conditional replacements beside their entry's own writes (the entry and the head: TransactWriteItems holds 100). */
const REPLACE_OPS = 98;

/**
 * A group of replaced items' entry, committed with their conditional puts (`ops`, each record with
 * the entry's seq). A refused put comes back as the store's ConditionFailedError, naming them all.
 */
async function appendReplacedEntry(
  store: Store,
  puts: { item: Item }[],
  ops: (auditSeq: number) => TransactOp[],
  opts: ImportOptions & { now: () => Date },
): Promise<void> {
  try {
    await appendAuditBatch(
      store,
      {
        actorSub: opts.actorSub ?? null,
        action: 'import.items',
        at: opts.now().toISOString(),
        records: puts.map((p) => itemAuditRecord(p.item)),
        carried: new Set(puts.map((p) => `item/${p.item.id}`)),
      },
      ops,
    );
  } catch (err) {
    if (err instanceof StaleWriteError) throw new ConditionFailedError(err.index, err.indexes);
    throw err;
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
): Promise<ChunkPlan> {
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
  return { plain, withLinks, replaced };
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
