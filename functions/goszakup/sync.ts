/**
 * `npm run sync:goszakup`: pulls every page of contracts (keyset: `after` = the last page's
 * `extensions.pageInfo.lastId` while `hasNextPage`), maps each to an item and imports them a page's
 * worth at a time through the same importer as files (created / updated / unchanged / refused,
 * idempotent), with one audit chain entry per written batch. Incremental: contracts not updated
 * since the last run's newest `lastUpdateDate` (or `--since`) are skipped and counted unchanged.
 *
 * All pages are read before anything is written, so a new item's repeat award (a group flag) can be
 * counted over the whole run and written in its own put. A year of a region's contracts (tens of
 * thousands) fits the function's memory many times over; a run that stops while fetching writes
 * nothing, and the next one starts from the same place (the state moves only at the end).
 */
import type { ImportIssue } from '../../shared/opendata';
import { listBodies } from '../data/bodies';
import type { Store } from '../data/client';
import { type DataRunTrigger, readSyncSince, recordDataRun, writeSyncState } from '../data/data-runs';
import { noClock, type PhaseClock } from '../phase-clock';
import { newItemFlags, repeatAwardsAmong, runFlagJob } from '../services/flags';
import { ITEMS_LEASE_WAIT_MS, ItemsLeaseHold, importParsed } from '../services/import';
import type { GoszakupClient } from './client';
import {
  almatyInstant,
  contractToRecord,
  DEFAULT_CONTRACT_URL,
  type GoszakupContract,
  type MapContext,
} from './map';
import { CONTRACTS_QUERY, checkSchema } from './schema';

/** The portal's page limit. */
export const PAGE_LIMIT = 200;
/**
 * Chunks of 100 contracts being read back and written at once (each chunk as 4 BatchWriteItem calls
 * of 25), as the file import keeps.
 */
export const DEFAULT_SYNC_CONCURRENCY = 4;
const CHUNK = 100;

export interface SyncOptions {
  year?: number;
  customers?: string[];
  /** Only contracts updated on or after this date (YYYY-MM-DD); default: where the last run stopped. */
  since?: string;
  dryRun?: boolean;
  limit?: number;
  contractUrl?: string;
  now?: () => Date;
  concurrency?: number;
  /** Who started the run, as its stored report says (default: the command line). */
  trigger?: DataRunTrigger;
  /** Times each phase (bench:sync prints them); absent: nothing is timed. */
  clock?: PhaseClock;
}

export interface SyncReport {
  dryRun: boolean;
  pages: number;
  contracts: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  issues: ImportIssue[];
  unmapped: { enstru: Record<string, number>; kato: Record<string, number> };
  /** The newest lastUpdateDate seen: where the next run starts. */
  newestUpdate: string | null;
  retries: number;
}

/** Where this run starts (the state record, data/data-runs.ts). */
async function readSince(store: Store): Promise<string | undefined> {
  return readSyncSince(store);
}

async function writeState(store: Store, report: SyncReport, at: string): Promise<void> {
  await writeSyncState(store, { newestUpdate: report.newestUpdate, at, report });
}

/**
 * One sync run. Its report (or, when it stops, the one line saying why) is stored for admins
 * (functions/data/data-runs.ts), unless it is a dry run; a successful run moves the map's freshness marker.
 */
export async function syncGoszakup(
  store: Store,
  client: GoszakupClient,
  opts: SyncOptions = {},
): Promise<SyncReport> {
  const now = opts.now ?? (() => new Date());
  const trigger = opts.trigger ?? 'cli';
  const clock = opts.clock ?? noClock;
  let report: SyncReport;
  try {
    report = await runSync(store, client, opts, now);
  } catch (err) {
    if (!opts.dryRun) {
      await recordDataRun(store, {
        kind: 'goszakup-sync',
        trigger,
        at: now().toISOString(),
        ok: false,
        error: (err as Error).message.split('\n')[0]!.slice(0, 500),
        ...{ created: 0, updated: 0, unchanged: 0, refused: 0 },
        issues: [],
      }).catch(() => undefined); // the run's own error is the one to report
    }
    throw err;
  }
  if (!opts.dryRun) {
    await clock.time('state and report', () =>
      recordDataRun(store, {
        kind: 'goszakup-sync',
        trigger,
        at: now().toISOString(),
        ok: true,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        refused: report.refused,
        contracts: report.contracts,
        unmapped: report.unmapped,
        issues: report.issues,
      }),
    );
  }
  return report;
}

async function runSync(
  store: Store,
  client: GoszakupClient,
  opts: SyncOptions,
  now: () => Date,
): Promise<SyncReport> {
  const clock = opts.clock ?? noClock;
  await clock.time('schema check', () => checkSchema(client));
  const bodies = await clock.time('bodies and state', () => listBodies(store));
  const ctx: MapContext = {
    bodiesByBin: new Map(bodies.flatMap((b) => (b.bin ? [[b.bin, b] as const] : []))),
    contractUrl: opts.contractUrl ?? DEFAULT_CONTRACT_URL,
    unmapped: { enstru: new Map(), kato: new Map() },
  };
  const since = opts.since
    ? almatyInstant(opts.since)
    : await clock.time('bodies and state', () => readSince(store));
  const report: SyncReport = {
    dryRun: Boolean(opts.dryRun),
    pages: 0,
    contracts: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    refused: 0,
    issues: [],
    unmapped: { enstru: {}, kato: {} },
    newestUpdate: since ?? null,
    retries: 0,
  };
  const filters: Record<string, unknown>[] = (opts.customers?.length ? opts.customers : [undefined]).map(
    (bin) => ({
      ...(opts.year ? { finYear: opts.year } : {}),
      ...(bin ? { customerBin: bin } : {}),
    }),
  );
  const chunksInFlight = Math.max(1, opts.concurrency ?? DEFAULT_SYNC_CONCURRENCY);
  const pageLimit = Math.min(PAGE_LIMIT, opts.limit ?? PAGE_LIMIT);
  const chunksPerPage = Math.ceil(pageLimit / CHUNK);
  const pagesInFlight = Math.max(1, Math.ceil(chunksInFlight / chunksPerPage));

  // Every page first, then the writes: the run's repeat awards need all its contracts (below).
  const fresh: GoszakupContract[] = [];
  for (const filter of filters) {
    let after: number | undefined;
    for (;;) {
      const page = after;
      const { data, pageInfo } = await clock.time('fetch pages', () =>
        client.query<{ Contract: GoszakupContract[] | null }>(CONTRACTS_QUERY, {
          limit: pageLimit,
          ...(page !== undefined ? { after: page } : {}),
          ...(Object.keys(filter).length ? { filter } : {}),
        }),
      );
      const contracts = data?.Contract ?? [];
      report.pages++;
      report.contracts += contracts.length;
      for (const c of contracts) {
        const updated = c.lastUpdateDate ? almatyInstant(c.lastUpdateDate) : undefined;
        if (updated && (!report.newestUpdate || updated > report.newestUpdate)) report.newestUpdate = updated;
        if (since && updated && updated < since) report.unchanged++;
        else fresh.push(c);
      }
      if (!pageInfo?.hasNextPage || pageInfo.lastId === null || pageInfo.lastId === undefined) break;
      after = pageInfo.lastId;
    }
  }

  const records = clock.timeSync('map', () => fresh.map((c) => contractToRecord(c, ctx)));
  // The portal's JSON is not needed past mapping: let it go before the writes.
  fresh.length = 0;
  // A new item's repeat award counted over the run's contracts goes in its own put with its other
  // flags, instead of the flag job rewriting every tenth item of a first sync to add it.
  const repeatAwards = clock.timeSync('map', () =>
    repeatAwardsAmong(
      records.flatMap((r) => (r.change?.kind === 'item' ? [r.change.item] : [])),
      now(),
    ),
  );
  // The pages in flight replace stored items under one hold on the items lease, released before the
  // flag job below (which an import's live lease would defer).
  const itemsLease = new ItemsLeaseHold(store, ITEMS_LEASE_WAIT_MS);
  const importBatch = async (batch: typeof records) => {
    const r = await importParsed(
      store,
      { fileIssues: [], records: batch },
      {
        dryRun: opts.dryRun,
        now,
        concurrency: Math.min(chunksPerPage, chunksInFlight),
        actorSub: null,
        clock,
        // A new item's own flags go in its own put, with their chain record and news, instead of
        // a second write of every flagged item by the flag job after the sync.
        newItemFlags: (item) => newItemFlags(item, now(), repeatAwards),
        // A page's worth is one batch: one chain entry for all it writes (issue 23), not one per
        // chunk of 100, so fewer appends queue on the chain head and the news groups over the page.
        entryPerCall: true,
        itemsLease,
      },
    );
    report.created += r.created;
    report.updated += r.updated;
    report.unchanged += r.unchanged;
    report.refused += r.rejected;
    report.issues.push(...r.issues);
  };
  // A failed batch stops the others taking more; the run reports the first failure once the
  // batches already being written have finished.
  let failure: { error: unknown } | undefined;
  try {
    await clock.time('write batches', () =>
      Promise.all(
        Array.from({ length: pagesInFlight }, async () => {
          // Taken off the list, so a written batch's records are garbage (a first sync holds tens of
          // thousands: the collector's work is taken from DynamoDB's, on the same cores locally).
          while (!failure && records.length)
            await importBatch(records.splice(0, pageLimit)).catch((error: unknown) => {
              failure ??= { error };
            });
        }),
      ),
    );
  } finally {
    await itemsLease.release();
  }
  if (failure) throw failure.error;
  report.unmapped = {
    enstru: Object.fromEntries(ctx.unmapped.enstru),
    kato: Object.fromEntries(ctx.unmapped.kato),
  };
  report.retries = client.retries.length;
  if (!opts.dryRun)
    await clock.time('state and report', () => writeState(store, report, now().toISOString()));
  // Once per sync, not per page: the group and calendar flags follow the new contracts.
  if (!opts.dryRun && report.created + report.updated > 0)
    await clock.time('flag job', () => runFlagJob(store, { now: now(), clock }));
  return report;
}
