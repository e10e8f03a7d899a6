/**
 * The flag job: computes every flag of the catalogue (shared/flags.ts) over all items and stores
 *   - on each item record: `flags` (sorted codes) and `flagFacts` (the numbers behind each), which
 *     reach the map feed through the stream like any change;
 *   - one summary per contractor (BINs only; an IIN is never listed) and per body
 *     (pk FLAGS#CONTRACTOR#<bin> | FLAGS#BODY#<id>, sk SUMMARY; flagged ones listed through
 *     byKind KIND#FLAGSUM#<CONTRACTOR|BODY>, most flagged first);
 *   - the run's summary (pk FLAGS#RUN, sk LATEST).
 * Every changed record and the run's summary go on the audit chain (action `flags.run`): items'
 * flags in the entry committed with them (each item carries its seq, `flagsAuditSeq`), summaries in
 * entries of ≤ MAX_BATCH written just before them (each carrying its seq, `auditSeq`), so neither
 * needs an audit pointer record. Only what changed is written, so a re-run on the same day over the
 * same data writes nothing and appends nothing: the job is idempotent.
 *
 * A flag an item did not carry before is news (issue 17): the item's followers and the subscribers
 * of its area, body and contractor hear it as `item.flagged`, spelled out from the one news event
 * (`FLAG_NEWS`) written in the same transaction as the new flags of a group of items; the codes
 * announced are kept per item (data/flags.ts `knownFlagOp`).
 *
 * Runs nightly (`npm start`'s timer, the cloud's schedule: lambda `flags-lambda.ts`) and at the end of
 * an import or sync. It reads items through the byKind index (a batch job, never a request path).
 */
import { createHash } from 'node:crypto';
import { checkIdentificationNumber } from '../../shared/bin';
import { almatyDate } from '../../shared/dates';
import {
  FLAG_CODES,
  type FlagCode,
  type FlagFacts,
  type GroupFlagItem,
  groupFlags,
  type ItemFlagInput,
  itemFlagFacts,
  itemFlags,
} from '../../shared/flags';
import type { Item } from '../../shared/item';
import { toTiyn } from '../../shared/money';
import {
  type AuditRecord,
  appendAuditBatch,
  MAX_BATCH,
  readPointer,
  recordDigest,
  StaleWriteError,
} from '../audit/chain';
import { batchPut } from '../data/batch';
import type { Store } from '../data/client';
import {
  type FlagParty,
  flagSummaryKey,
  flagSummaryPut,
  getFlagRun,
  getFlagSummaries,
  knownFlagOp,
  listKnownFlagCodes,
  listFlagSummaries as listSummaryRecords,
  putFlagRun,
} from '../data/flags';
import { itemKeys } from '../data/items';
import { noLiveItemsLeaseOp } from '../data/items-lease';
import { QueryCapExceededError, queryAll, queryFirstPage } from '../data/query-all';
import type { TransactOp } from '../data/transaction';
import { listVisitCountsWithProblems } from '../data/visits';
import { noClock, type PhaseClock } from '../phase-clock';
import { batchNewsEventOps, FLAG_NEWS } from './notifications';

/** Visits that found problems, by item id: the evidence issue's seam for `R-SITE-CONTESTED`. */
export type ContestedVisitCounts = (store: Store) => Promise<ReadonlyMap<string, number>>;

/** Two independent visits that found problems, not one person's word, before the flag fires. */
export const SITE_CONTESTED_MIN_VISITS = 2;

/**
 * The default seam: the site-visit counts (functions/services/site-visits.ts keeps them at pk
 * ITEM#<id>, sk VISITCOUNT, all listed on byKind; `withProblems` counts visits that found a problem
 * or said the site does not match the reported progress) of every item that has any.
 */
export function visitCountsWithProblems(store: Store): Promise<Map<string, number>> {
  return listVisitCountsWithProblems(store, FLAG_JOB_READ_CAP);
}

/** Parts of the item partition read at once. */
const READS_IN_FLIGHT = 8;

/** A summary's party in its keys. */
const partyOf = (kind: SummaryKind): FlagParty => (kind === 'contractor' ? 'CONTRACTOR' : 'BODY');

export type SummaryKind = 'contractor' | 'body';

/** One contractor's or body's flags: how many of its items carry each flag. */
export interface FlagSummary {
  kind: SummaryKind;
  id: string;
  /** The contractor's name as the data gives it (absent for bodies). */
  name?: string;
  items: number;
  flagged: number;
  byFlag: Partial<Record<FlagCode, number>>;
}

export interface FlagRun {
  /** Almaty day the calendar flags were computed for. */
  today: string;
  items: number;
  flagged: number;
  byFlag: Record<FlagCode, number>;
  contractorsFlagged: number;
  bodiesFlagged: number;
}

export interface FlagJobReport extends FlagRun {
  changed: { items: number; summaries: number; run: boolean };
  /**
   * An import held the items lease: the job stopped writing item flags and wrote no summaries nor
   * run (they would count flags not written); the import's own flag job, after it, writes them.
   */
  deferredToImport?: boolean;
  auditEntries: number;
  ms: number;
}

export interface FlagJobOptions {
  now?: Date;
  /** Visits that found problems, by item id; default: the site-visit counts (`visitCountsWithProblems`). */
  contestedVisits?: ContestedVisitCounts;
  /** BatchWriteItem calls in flight for the summaries. */
  concurrency?: number;
  /** Times each phase (bench:sync prints them); absent: nothing is timed. */
  clock?: PhaseClock;
}

interface StoredItem {
  id: string;
  area: Item['area'];
  body: { id: string };
  fiscalYear: number;
  contractor?: { name: string; bin: string };
  contractedTiyn: number;
  status: string;
  provenance: { updatedAt: string };
  amendments?: ItemFlagInput['amendments'];
  tender?: ItemFlagInput['tender'];
  flags?: string[];
  flagFacts?: Record<string, FlagFacts>;
}

/** The item fields the flag job reads (a projection: the job holds every item at once). */
export const ITEM_FIELDS = [
  'id',
  'area',
  'body',
  'fiscalYear',
  'contractor',
  'contractedTiyn',
  'status',
  'provenance',
  'amendments',
  'tender',
  'flags',
  'flagFacts',
] as const;

/**
 * How many rows one of the flag job's whole-table reads (every item, every flagged item, every
 * listed contractor or body) may return. The job runs in the background after an import or sync,
 * never on a request, and reads the whole table on purpose: the paginator's default cap of a full
 * read (5,000) stopped it on any region with more items, as bench:sync showed at 50,000 contracts.
 * This ceiling only guards against a runaway partition.
 */
export const FLAG_JOB_READ_CAP = 1_000_000;

/** An item id's first base32 digit: 0–7 (a ULID's, and `stableItemId`'s). */
const FIRST_ID_DIGITS = '01234567';

/** Crockford's base32, the digits of an id after its first, in sort order. */
const ID_DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** At most this many fiscal years between the first and the last item are cut into parts. */
const MAX_CUT_YEARS = 30;

/** Id digits a part is split on at most, below the year: 32^3 parts per first digit is plenty. */
const MAX_SPLIT_DIGITS = 3;

/**
 * A range of the byKind index's item keys (`<year>#<id>`), both ends included (an absent end is
 * open), and, when known, the prefix every key inside starts with (the range can then be split on
 * the next digit).
 */
interface KeyRange {
  lo?: string;
  hi?: string;
  prefix?: string;
}

/**
 * The rest of a range after its first page, whose last key was `last`: cut on the digit after the
 * range's prefix, each part holding the keys of one digit there. Ranges are inclusive and the reader
 * keeps each item once, so a key on a cut is read twice and counted once.
 */
export function splitRange(range: KeyRange, last: string): KeyRange[] {
  const prefix = range.prefix;
  const yearPrefix = /^\d{4}#/.exec(last)?.[0].length ?? 0;
  if (prefix === undefined || !last.startsWith(prefix) || prefix.length >= yearPrefix + MAX_SPLIT_DIGITS)
    return [{ lo: last, ...(range.hi !== undefined ? { hi: range.hi } : {}) }];
  const cuts = [...ID_DIGITS]
    .map((d) => prefix + d)
    .filter((cut) => cut > last && (range.hi === undefined || cut < range.hi));
  const ends = [last, ...cuts];
  return ends.map((lo, i) => {
    const hi = ends[i + 1] ?? range.hi;
    // The last part may also hold keys of a digit beyond base32 (an id of another shape): its
    // prefix is still a fair guess for splitting, and MAX_SPLIT_DIGITS bounds the guessing.
    return { lo, ...(hi !== undefined ? { hi } : {}), prefix: lo.slice(0, prefix.length + 1) };
  });
}

/**
 * Every item through the byKind index, only the fields the flags need, read as ranges of the sort
 * key (`<year>#<id>`) a few at a time: one per year and first id digit, and an open range at each
 * end, so an item with a year or an id of another shape is still read. A range with more than a
 * page is not paged through but split on its next id digit (`splitRange`), down to ranges of about
 * a page: DynamoDB Local's later pages of one Query cost more the further they are (measured on
 * 50,000 items of one year: 4 ranges 36–45 s, 8 ranges 17.5 s, 64 ranges 5.3 s, 256 ranges 4.9 s),
 * and a small table is still read in a Query per year and digit. This is a batch job, never a
 * request path.
 */
export async function readItems(store: Pick<Store, 'doc' | 'table'>): Promise<StoredItem[]> {
  const fields = [...ITEM_FIELDS, 'gsi7sk'];
  const names = Object.fromEntries(fields.map((f, i) => [`#f${i}`, f]));
  const query = (range: KeyRange) => {
    const condition =
      range.lo !== undefined && range.hi !== undefined
        ? ' AND gsi7sk BETWEEN :a AND :b'
        : range.lo !== undefined
          ? ' AND gsi7sk >= :a'
          : range.hi !== undefined
            ? ' AND gsi7sk <= :b'
            : '';
    return {
      IndexName: 'byKind',
      KeyConditionExpression: `gsi7pk = :k${condition}`,
      ExpressionAttributeValues: {
        ':k': itemKeys.kind,
        ...(range.lo !== undefined ? { ':a': range.lo } : {}),
        ...(range.hi !== undefined ? { ':b': range.hi } : {}),
      },
      ExpressionAttributeNames: names,
      ProjectionExpression: Object.keys(names).join(', '),
    };
  };
  const end = (forward: boolean) =>
    queryAll(
      store,
      {
        IndexName: 'byKind',
        KeyConditionExpression: 'gsi7pk = :k',
        ExpressionAttributeValues: { ':k': itemKeys.kind },
        ProjectionExpression: 'gsi7sk',
        ScanIndexForward: forward,
      },
      { limit: 1 },
    );
  const [first, last] = await Promise.all([end(true), end(false)]);
  if (!first.length) return [];
  const year = (rows: Record<string, unknown>[]) => Number(/^(\d{4})#/.exec(String(rows[0]?.gsi7sk))?.[1]);
  const [from, to] = [year(first), year(last)];
  const ranges: KeyRange[] = [];
  if (!(from <= to && to - from < MAX_CUT_YEARS)) ranges.push({});
  else {
    const cuts: string[] = [];
    for (let y = from; y <= to; y++) for (const d of FIRST_ID_DIGITS) cuts.push(`${y}#${d}`);
    ranges.push({ hi: cuts[0]! });
    cuts.forEach((cut, i) => {
      const hi = cuts[i + 1];
      ranges.push({ lo: cut, ...(hi !== undefined ? { hi } : {}), prefix: cut });
    });
  }

  const rows = new Map<string, StoredItem>();
  const keep = (page: Record<string, unknown>[]) => {
    for (const { gsi7sk: _, ...r } of page) rows.set(String(r.id), r as unknown as StoredItem);
    if (rows.size > FLAG_JOB_READ_CAP) throw new QueryCapExceededError(FLAG_JOB_READ_CAP);
  };
  const readRange = async (range: KeyRange): Promise<KeyRange[]> => {
    const { rows: page, more } = await queryFirstPage(store, query(range));
    keep(page);
    const lastKey = page.at(-1)?.gsi7sk;
    if (!more) return [];
    if (typeof lastKey !== 'string' || range.prefix === undefined) {
      keep(
        await queryAll(store, query(lastKey === undefined ? range : { ...range, lo: String(lastKey) }), {
          max: FLAG_JOB_READ_CAP,
        }),
      );
      return [];
    }
    return splitRange(range, lastKey);
  };
  await new Promise<void>((resolve, reject) => {
    let reading = 0;
    const pump = () => {
      if (!ranges.length && !reading) return resolve();
      while (reading < READS_IN_FLIGHT && ranges.length) {
        reading++;
        readRange(ranges.shift()!).then((more) => {
          reading--;
          ranges.push(...more);
          pump();
        }, reject);
      }
    };
    pump();
  });
  return [...rows.values()];
}

/** The flags and their numbers of every item, by id (pure: the table tests call it directly). */
export function computeItemFlags(
  items: readonly StoredItem[],
  today: string,
  contested: ReadonlyMap<string, number> = new Map(),
): Map<string, { flags: FlagCode[]; facts: Partial<Record<FlagCode, FlagFacts>> }> {
  const groupInput: GroupFlagItem[] = items.map((i) => ({
    id: i.id,
    body: i.body.id,
    year: Number(i.fiscalYear),
    ...(i.contractor ? { contractorBin: i.contractor.bin } : {}),
    contractedTiyn: BigInt(Number(i.contractedTiyn ?? 0)),
    status: i.status,
    updatedAt: i.provenance.updatedAt,
  }));
  const group = groupFlags(groupInput, today);
  const out = new Map<string, { flags: FlagCode[]; facts: Partial<Record<FlagCode, FlagFacts>> }>();
  for (const i of items) {
    const input: ItemFlagInput = {
      ...(i.amendments ? { amendments: i.amendments } : {}),
      ...(i.tender ? { tender: i.tender } : {}),
      ...(i.contractor ? { contractorBin: i.contractor.bin } : {}),
    };
    const facts: Partial<Record<FlagCode, FlagFacts>> = {
      ...itemFlagFacts(input),
      ...group.facts.get(i.id),
    };
    const codes = new Set<FlagCode>([...itemFlags(input), ...(group.flags.get(i.id) ?? [])]);
    const visits = contested.get(i.id) ?? 0;
    if (visits >= SITE_CONTESTED_MIN_VISITS) {
      codes.add('R-SITE-CONTESTED');
      facts['R-SITE-CONTESTED'] = { visitsFindingProblems: visits };
    }
    // Catalogue order, so the same flags always serialize the same way.
    const flags = FLAG_CODES.filter((c) => codes.has(c));
    out.set(i.id, { flags, facts: Object.fromEntries(flags.map((c) => [c, facts[c] ?? {}])) });
  }
  return out;
}

/**
 * The flags a new item carries from its own data and the calendar (amended up, single bid, new
 * company, stale), as the job would compute them for it: the connector writes them in the item's
 * own put (functions/services/import.ts `newItemFlags`), so a first sync does not write most of its
 * items twice. Flags that depend on other items (concentration, repeat award) or on site visits are
 * left to the job at the end of the sync; absent when none fires.
 */
export function newItemFlags(
  item: Item,
  now: Date,
  repeatAwards: ReadonlyMap<string, FlagFacts> = new Map(),
): { flags: FlagCode[]; facts: Record<string, FlagFacts> } | undefined {
  const input: StoredItem = {
    id: item.id,
    area: item.area,
    body: item.body,
    fiscalYear: item.fiscalYear,
    ...(item.contractor ? { contractor: item.contractor } : {}),
    contractedTiyn: Number(toTiyn(item.amounts.contracted)),
    status: item.status,
    provenance: item.provenance,
    ...(item.amendments ? { amendments: item.amendments } : {}),
    ...(item.tender ? { tender: item.tender } : {}),
  };
  const own = computeItemFlags([input], almatyDate(now)).get(item.id)!;
  // Group flags need other items: one item alone never fires them, but say so rather than assume.
  const facts: Partial<Record<FlagCode, FlagFacts>> = { ...own.facts };
  const codes = new Set<FlagCode>(own.flags.filter((c) => c !== 'R-CONCENTRATION' && c !== 'R-REPEAT-AWARD'));
  const repeat = repeatAwards.get(item.id);
  if (repeat) {
    codes.add('R-REPEAT-AWARD');
    facts['R-REPEAT-AWARD'] = repeat;
  }
  const flags = FLAG_CODES.filter((c) => codes.has(c));
  if (!flags.length) return undefined;
  return { flags, facts: Object.fromEntries(flags.map((c) => [c, facts[c] ?? {}])) };
}

/**
 * `R-REPEAT-AWARD` among one run's contracts, by item id: a sync that has every page before it
 * writes (functions/goszakup/sync.ts) gives its new items this group flag in their own put, as
 * `newItemFlags`. On bench:sync the job after the sync rewrote every tenth item (two transaction
 * ops each, 90 s of 50,000 contracts) only to add it. Only this group flag: it can only grow as
 * more of a body's contracts with one contractor are counted, so counting the run's alone never
 * announces a flag the job would take back (it may miss one, or count fewer contracts, with the
 * stored items of an earlier run: the job then completes it). `R-CONCENTRATION`, a share, could
 * fall when the stored items are counted too, and is left to the job.
 */
export function repeatAwardsAmong(items: readonly Item[], now: Date): Map<string, FlagFacts> {
  const unique = new Map(items.map((i) => [i.id, i] as const));
  const { facts } = groupFlags(
    [...unique.values()].map(
      (i): GroupFlagItem => ({
        id: i.id,
        body: i.body.id,
        year: Number(i.fiscalYear),
        ...(i.contractor ? { contractorBin: i.contractor.bin } : {}),
        contractedTiyn: toTiyn(i.amounts.contracted),
        status: i.status,
        updatedAt: i.provenance.updatedAt,
      }),
    ),
    almatyDate(now),
  );
  const out = new Map<string, FlagFacts>();
  for (const [id, byCode] of facts) {
    const repeat = byCode['R-REPEAT-AWARD'];
    if (repeat) out.set(id, repeat);
  }
  return out;
}

/** The public fields of one item's flags on the chain (`flags/<itemId>`). */
export function itemFlagsAuditRecord(
  id: string,
  flags: readonly string[],
  facts: Record<string, unknown>,
): AuditRecord {
  return { kind: 'flags', key: `flags/${id}`, fields: { item: id, flags: [...flags], facts } };
}

export function flagSummaryAuditRecord(s: FlagSummary): AuditRecord {
  return {
    kind: 'flag-summary',
    key: `flag-summary/${s.kind}/${s.id}`,
    fields: s as unknown as Record<string, unknown>,
  };
}

export function flagRunAuditRecord(run: FlagRun): AuditRecord {
  return { kind: 'flag-run', key: 'flag-run/latest', fields: run as unknown as Record<string, unknown> };
}

const same = (a: unknown, b: unknown) =>
  recordDigest({ v: a as Record<string, unknown> }) === recordDigest({ v: b as Record<string, unknown> });

/**
 * An item's new flags, with the seq of the chain entry that names them (`flagsAuditSeq`: the entry
 * commits in the same transaction, so the record needs no audit pointer of its own).
 */
function itemFlagsUpdate(
  store: Store,
  id: string,
  flags: readonly string[],
  facts: Record<string, unknown>,
  seq: number,
) {
  return {
    TableName: store.table,
    Key: { pk: itemKeys.pk(id), sk: itemKeys.sk },
    ...(flags.length
      ? {
          UpdateExpression: 'SET flags = :f, flagFacts = :x, flagsAuditSeq = :s',
          ExpressionAttributeValues: { ':f': [...flags], ':x': facts, ':s': seq },
        }
      : {
          UpdateExpression: 'SET flagsAuditSeq = :s REMOVE flags, flagFacts',
          ExpressionAttributeValues: { ':s': seq },
        }),
    // An item deleted since it was read stays deleted.
    ConditionExpression: 'attribute_exists(pk)',
  };
}

/** One item's write: its flags, and when its codes changed the known codes and any news with them. */
interface ItemFlagWrite {
  id: string;
  flags: FlagCode[];
  facts: Record<string, unknown>;
  /** The record's `flags`/`flagFacts` differ from the computed ones (changed, or dropped by an import). */
  record: boolean;
  /** The codes differ from the known ones. */
  codes: boolean;
  /** Codes the item did not carry before, with what the news names: absent when it gained none. */
  news?: FlagNewsItem;
}

/**
 * One item's flag writes: its flags, and when its codes changed the codes now known, which commit
 * together (with the group's news and the entry naming them) or not at all.
 */
function itemFlagOps(store: Store, w: ItemFlagWrite, seq: number): TransactOp[] {
  const update: TransactOp = { Update: itemFlagsUpdate(store, w.id, w.flags, w.facts, seq) };
  if (!w.codes) return [update];
  return [update, knownFlagOp(store, w.id, w.flags)];
}

/** An item that gained flags, as the flag job's news names it. */
interface FlagNewsItem {
  id: string;
  area: string;
  body: { id: string };
  contractor?: { name: string; bin: string };
  /** The codes the item gained, catalogue order. */
  added: readonly string[];
}

/**
 * The outbox ops of the flag job's news (`FLAG_NEWS`, spelled out by notifications.ts
 * `expandImportNews`), built as an import's news is (`batchNewsEventOps`), committed in the
 * transaction that writes their flags. The id is made of the items, the codes they gained and the
 * Almaty day, as each `item.flagged` event's is.
 */
function flagNewsEventOps(store: Store, items: readonly FlagNewsItem[], now: Date): TransactOp[] {
  return batchNewsEventOps(
    store,
    FLAG_NEWS,
    items.map((item) => ({ ...item, flags: item.added })),
    (listed) =>
      `items-flagged-${createHash('sha256')
        .update(
          `${listed
            .map((n) => `${n.i}#${n.f}`)
            .sort()
            .join(',')}#${almatyDate(now)}`,
        )
        .digest('hex')
        .slice(0, 32)}`,
    now,
  );
}

/**
 * Operations per transaction of flag writes beside the chain entry and its head (TransactWriteItems
 * holds 100): an item takes 1 or 2, and the group's news 1.
 */
const FLAG_GROUP_OPS = 98;

/**
 * Writes many items' flags as transactions of up to FLAG_GROUP_OPS operations, each committed with
 * the chain entry that names the group's flags (`flags.run`; each item carries its seq) and one
 * news event for the items that gained a flag. DynamoDB Local runs transactions one at a time and
 * pays per operation, so each item costs its update and, when its codes changed, its known codes:
 * the per-item news event and the audit pointer per item that came after were 2 of every 4 writes
 * (bench:sync). An item whose condition fails (deleted since it was read) is left out and the rest
 * of its group sent again; news already in the outbox (the same items, codes and day) is not
 * written twice. Each group also checks that no import holds the items lease (data/items-lease.ts):
 * refused by it, the job writes no more item flags (`deferredToImport`; the groups before it stand
 * whole, each with its entry). Returns the items written and the entries appended.
 */
async function writeItemFlagGroups(
  store: Store,
  writes: ItemFlagWrite[],
  now: Date,
): Promise<{ written: ItemFlagWrite[]; entries: number; deferredToImport: boolean }> {
  const groups: ItemFlagWrite[][] = [];
  let group: ItemFlagWrite[] = [];
  let ops = 0;
  let news = false;
  for (const w of writes) {
    const own = w.codes ? 2 : 1;
    const withNews = news || Boolean(w.news);
    if (group.length && ops + own + (withNews ? 1 : 0) > FLAG_GROUP_OPS) {
      groups.push(group);
      group = [];
      ops = 0;
      news = false;
    }
    group.push(w);
    ops += own;
    news ||= Boolean(w.news);
  }
  if (group.length) groups.push(group);
  const written: ItemFlagWrite[] = [];
  let entries = 0;
  // One group after the other: every append moves the one chain head, so they queue there anyway.
  for (const first of groups) {
    let withNews = true;
    for (let pending = first; pending.length; ) {
      // The operation's item (its index in `pending`), -1 for the news, -2 for the items lease.
      const owner: number[] = [];
      const opsOf = (seq: number) => {
        const out: TransactOp[] = [];
        owner.length = 0;
        pending.forEach((w, i) => {
          for (const op of itemFlagOps(store, w, seq)) {
            out.push(op);
            owner.push(i);
          }
        });
        const told = withNews ? pending.flatMap((w) => (w.news ? [w.news] : [])) : [];
        for (const op of told.length ? flagNewsEventOps(store, told, now) : []) {
          out.push(op);
          owner.push(-1);
        }
        // An import replacing items holds the lease (wall clock, as the import's); its own flag
        // job runs after it.
        out.push(noLiveItemsLeaseOp(store, Date.now()));
        owner.push(-2);
        return out;
      };
      try {
        await appendAuditBatch(
          store,
          {
            actorSub: null,
            action: 'flags.run',
            at: now.toISOString(),
            records: pending.map((w) => itemFlagsAuditRecord(w.id, w.flags, w.facts)),
            carried: new Set(pending.map((w) => `flags/${w.id}`)),
          },
          opsOf,
        );
        written.push(...pending);
        entries++;
        break;
      } catch (err) {
        if (!(err instanceof StaleWriteError)) throw err;
        const refused = new Set(err.indexes.map((i) => owner[i]));
        if (refused.has(-2)) return { written, entries, deferredToImport: true };
        if (refused.delete(-1)) withNews = false;
        pending = pending.filter((_, i) => !refused.has(i));
      }
    }
  }
  return { written, entries, deferredToImport: false };
}

/** Summaries as stored now, by pk (flagged ones are listed; unflagged ones are read by key). */
async function readSummaries(
  store: Store,
  keys: readonly { party: FlagParty; id: string }[],
): Promise<Map<string, FlagSummary>> {
  const rows = await getFlagSummaries(store, keys, { consistent: true });
  return new Map(rows.map((r) => [r.pk as string, summaryOf(r)]));
}

function summaryOf(r: Record<string, unknown>): FlagSummary {
  return {
    kind: r.kind as SummaryKind,
    id: r.id as string,
    ...(typeof r.name === 'string' ? { name: r.name } : {}),
    items: Number(r.items),
    flagged: Number(r.flagged),
    byFlag: (r.byFlag ?? {}) as FlagSummary['byFlag'],
  };
}

/** Runs the flag job once. */
export async function runFlagJob(store: Store, opts: FlagJobOptions = {}): Promise<FlagJobReport> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const today = almatyDate(now);
  const clock = opts.clock ?? noClock;
  const [items, knownCodes] = await clock.time('flag job: read items', () =>
    Promise.all([readItems(store), listKnownFlagCodes(store, FLAG_JOB_READ_CAP)]),
  );
  const contested = await clock.time('flag job: site-visit counts', () =>
    opts.contestedVisits ? opts.contestedVisits(store) : visitCountsWithProblems(store),
  );
  const computed = clock.timeSync('flag job: compute', () => computeItemFlags(items, today, contested));

  const byFlag = Object.fromEntries(FLAG_CODES.map((c) => [c, 0])) as Record<FlagCode, number>;
  const summaries = new Map<string, FlagSummary>();
  const tally = (kind: SummaryKind, id: string, flags: readonly FlagCode[], name?: string) => {
    const pk = flagSummaryKey(partyOf(kind), id).pk!;
    const s = summaries.get(pk) ?? { kind, id, ...(name ? { name } : {}), items: 0, flagged: 0, byFlag: {} };
    s.items++;
    if (flags.length) s.flagged++;
    for (const f of flags) s.byFlag[f] = (s.byFlag[f] ?? 0) + 1;
    summaries.set(pk, s);
  };
  const toWrite: ItemFlagWrite[] = [];
  let flagged = 0;
  for (const i of items) {
    const { flags, facts } = computed.get(i.id)!;
    if (flags.length) flagged++;
    for (const f of flags) byFlag[f]++;
    tally('body', i.body.id, flags);
    // Only BINs are listed: a sole trader's IIN encodes a birth date and is never published.
    const c = i.contractor ? checkIdentificationNumber(i.contractor.bin) : undefined;
    if (i.contractor && c?.ok && c.kind === 'bin')
      tally('contractor', i.contractor.bin, flags, i.contractor.name);
    // Only an item whose flags changed is written: an unchanged recompute writes nothing and
    // tells nobody. The known codes (absent before the first run that kept them, and for a new
    // item whose flags the sync wrote and announced with it: the record's own, which an import's
    // replacement keeps) decide what is news, so flags an import dropped and this run puts back are not.
    const known = knownCodes.get(i.id) ?? i.flags ?? [];
    const record = !(same(i.flags ?? [], flags) && same(i.flagFacts ?? {}, facts));
    const codes = !same([...known].sort(), [...flags].sort());
    if (!record && !codes) continue;
    const added = flags.filter((f) => !known.includes(f));
    toWrite.push({
      id: i.id,
      flags,
      facts,
      record,
      codes,
      ...(added.length
        ? {
            news: {
              id: i.id,
              area: i.area,
              body: i.body,
              ...(i.contractor ? { contractor: i.contractor } : {}),
              added,
            },
          }
        : {}),
    });
  }
  // Sorted so the same changes make the same entries whatever order the items were read in.
  toWrite.sort((a, b) => (a.id < b.id ? -1 : 1));
  const itemWrites = await clock.time('flag job: write item flags (with their chain entries)', () =>
    writeItemFlagGroups(store, toWrite, now),
  );
  // The run's summary, from the summaries as they stand.
  const runOf = (all: readonly FlagSummary[]): FlagRun => ({
    today,
    items: items.length,
    flagged,
    byFlag,
    contractorsFlagged: all.filter((s) => s.kind === 'contractor' && s.flagged > 0).length,
    bodiesFlagged: all.filter((s) => s.kind === 'body' && s.flagged > 0).length,
  });
  if (itemWrites.deferredToImport) {
    return {
      ...runOf([...summaries.values()]),
      changed: { items: itemWrites.written.length, summaries: 0, run: false },
      deferredToImport: true,
      auditEntries: itemWrites.entries,
      ms: Math.round(performance.now() - started),
    };
  }

  // Summaries: compare with the stored ones; a summary that lost its last flag stays, unlisted.
  const stored = await clock.time('flag job: summaries', async () =>
    readSummaries(store, [
      ...new Map(
        [
          ...[...summaries.values()].map((s) => ({ party: partyOf(s.kind), id: s.id })),
          ...(await listedSummaries(store)),
        ].map((k) => [`${k.party}#${k.id}`, k] as const),
      ).values(),
    ]),
  );
  for (const [pk, old] of stored)
    if (!summaries.has(pk)) summaries.set(pk, { ...old, items: 0, flagged: 0, byFlag: {} });
  const summaryWrites = [...summaries.entries()]
    .filter(([pk, s]) => {
      const old = stored.get(pk);
      // A body or contractor that never had a flag needs no record.
      if (!old) return s.flagged > 0;
      return !same(old, s);
    })
    .sort(([a], [b]) => (a < b ? -1 : 1));

  const run = runOf([...summaries.values()]);
  const runRecord = flagRunAuditRecord(run);
  const pointer = await readPointer(store, runRecord.key);
  const runChanged = pointer?.digest !== recordDigest(runRecord.fields);
  const anyChange = runChanged || itemWrites.written.length > 0 || summaryWrites.length > 0;
  if (anyChange) {
    await putFlagRun(store, { ...run, at: now.toISOString() });
  }
  // Each part of the summaries is named by its entry first and then written with the entry's seq
  // (`auditSeq`, as an import's new items), 25 to a BatchWriteItem: a first sync changes a summary
  // per contractor (thousands), and their audit pointer records were as many writes again. A crash
  // between an entry and its puts leaves summaries the full check reports, and the next run, which
  // finds them unchanged from nothing, writes them again. The run's summary ends the last entry.
  const summaryEntries = await clock.time('flag job: summaries (with their chain entries)', async () => {
    const parts: (typeof summaryWrites)[] = [];
    for (let i = 0; i < summaryWrites.length; i += MAX_BATCH)
      parts.push(summaryWrites.slice(i, i + MAX_BATCH));
    if (anyChange && (!parts.length || parts.at(-1)!.length >= MAX_BATCH)) parts.push([]);
    const puts: Promise<void>[] = [];
    for (const [n, part] of parts.entries()) {
      const records = part.map(([, s]) => flagSummaryAuditRecord(s));
      if (n === parts.length - 1 && anyChange) records.push(runRecord);
      const entry = await appendAuditBatch(store, {
        actorSub: null,
        action: 'flags.run',
        at: now.toISOString(),
        records,
        carried: new Set(records.filter((r) => r.kind === 'flag-summary').map((r) => r.key)),
      });
      // Written while the next part's entry is appended.
      const put = batchPut(
        store,
        part.map(([, s]) => flagSummaryPut(partyOf(s.kind), { ...s }, entry.seq)),
        { concurrency: opts.concurrency ?? 8 },
      );
      put.catch(() => undefined);
      puts.push(put);
    }
    await Promise.all(puts);
    return parts.length;
  });
  return {
    ...run,
    changed: {
      items: itemWrites.written.length,
      summaries: summaryWrites.length,
      run: anyChange,
    },
    auditEntries: itemWrites.entries + summaryEntries,
    ms: Math.round(performance.now() - started),
  };
}

/** Every listed summary's party and id (the ones with a flagged item, which may have lost it). */
async function listedSummaries(store: Store): Promise<{ party: FlagParty; id: string }[]> {
  const out: { party: FlagParty; id: string }[] = [];
  for (const party of ['CONTRACTOR', 'BODY'] as const)
    for (const r of await listSummaryRecords(store, party, { max: FLAG_JOB_READ_CAP, projection: 'id' }))
      out.push({ party, id: String(r.id) });
  return out;
}

/** The last run's summary, or null before the first run. */
export async function readFlagRun(store: Store): Promise<(FlagRun & { at: string }) | null> {
  const item = await getFlagRun(store);
  if (!item) return null;
  const { pk: _pk, sk: _sk, entity: _e, ...run } = item;
  return run as unknown as FlagRun & { at: string };
}

/** The most flagged contractors or bodies, at most `limit` (one bounded Query). */
export async function listFlagSummaries(
  store: Store,
  kind: SummaryKind,
  limit: number,
): Promise<FlagSummary[]> {
  return (await listSummaryRecords(store, partyOf(kind), { limit })).map(summaryOf);
}

/**
 * The stored flag summaries of the given bodies (the responsiveness page's flag column): one
 * BatchGet per 100 bodies, never a Scan; a body the flag job has not counted yet is absent.
 */
export async function bodyFlagSummaries(
  store: Store,
  bodyIds: readonly string[],
): Promise<Map<string, FlagSummary>> {
  const rows = await getFlagSummaries(
    store,
    bodyIds.map((id) => ({ party: 'BODY' as const, id })),
  );
  return new Map(rows.map((r) => [String(r.id), summaryOf(r)]));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `npm start`'s nightly run: now (after the demo load) and then every 24 h; returns a stop function. */
export function startNightlyFlags(store: Store, log: Pick<Console, 'warn'> = console): () => void {
  const run = () =>
    runFlagJob(store).then(
      () => undefined,
      (err: unknown) =>
        log.warn(`Flag job could not run: ${err instanceof Error ? err.message : String(err)}`),
    );
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** What `/flags` shows: the last run's counts and the most flagged contractors and bodies (bounded Queries). */
export async function readFlagOverview(
  store: Store,
  limit: number,
): Promise<{
  run: (FlagRun & { at: string }) | null;
  contractors: FlagSummary[];
  bodies: FlagSummary[];
}> {
  const [run, contractors, bodies] = await Promise.all([
    readFlagRun(store),
    listFlagSummaries(store, 'contractor', limit),
    listFlagSummaries(store, 'body', limit),
  ]);
  return { run, contractors, bodies };
}
