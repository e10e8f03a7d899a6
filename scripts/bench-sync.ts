/**
 * `npm run bench:sync [-- --contracts 50000 --rounds 1]`: imports contracts from the local stand-in of the
 * procurement portal (test/support/goszakup-standin.ts: the real HTTP client and keyset pages of 200)
 * into an in-memory DynamoDB Local, and compares contracts/s with a raw BatchWriteItem of the very same
 * mapped item records, with as many write calls in flight as the sync keeps (functions/data/batch.ts).
 * Target: sync ≥ 0.5 × raw. The sync does more per contract — page fetches over HTTP, mapping, the
 * read-back that skips unchanged items, one audit chain entry per page, and the flag job once at
 * the end — so the ratio measures how well that work is batched and overlapped. The flag job is
 * counted: issue 18 has the group and calendar flags computed "at the end of each import or sync",
 * and the command returns only after it; its share is printed as its own phase (functions/phase-clock.ts).
 * The stand-in answers from this process, so its JSON work is paid by the sync's side too; the
 * "pages only" line shows how much that is.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { parseArgs } from 'node:util';
import { batchPut } from '../functions/data/batch';
import { type Body, putBody } from '../functions/data/bodies';
import type { Store } from '../functions/data/client';
import { toItemRecord } from '../functions/data/items';
import { GoszakupClient } from '../functions/goszakup/client';
import {
  contractToRecord,
  DEFAULT_CONTRACT_URL,
  ENSTRU_PREFIXES,
  type GoszakupContract,
  type MapContext,
} from '../functions/goszakup/map';
import { CONTRACTS_QUERY } from '../functions/goszakup/schema';
import { DEFAULT_SYNC_CONCURRENCY, PAGE_LIMIT, syncGoszakup } from '../functions/goszakup/sync';
import { type PhaseTotal, phaseClock } from '../functions/phase-clock';
import type { AreaCode } from '../shared/areas';
import { withControlDigit } from '../shared/bin';
import { centreOf } from '../shared/gazetteer';
import katoData from '../shared/gazetteer/kato-districts.json' with { type: 'json' };
import { sampleContract, startGoszakupStandIn } from '../test/support/goszakup-standin';
import { timedOnFreshStore } from './bench-fresh-store';
import { runIfMain } from './cli';
import { mulberry32 } from './seeded-random';

/** One body per district the gazetteer can place, each bound to its own BIN. */
function benchBodies(): { body: Body; kato: string }[] {
  return Object.entries(katoData.districts as Record<string, AreaCode>)
    .filter(([, area]) => centreOf(area))
    .map(([kato, area], i) => ({
      kato: `${kato.slice(0, 4)}20100`,
      body: {
        id: `akimat-${area}`,
        name: { kk: `${area} әкімдігі`, ru: `Акимат ${area}` },
        area,
        bin: withControlDigit(`0602400${String(1000 + i).padStart(4, '0')}`)!,
      },
    }));
}

/**
 * Suppliers with valid BINs, about one per five contracts. One supplier holding every contract (as
 * the generator had it) made every item trip the concentration and repeat-award flags, so the flag
 * job wrote all 50,000 items again after the sync: a cost of the data, not of the sync.
 */
function benchSuppliers(n: number): { bin: string; name: string }[] {
  const out: { bin: string; name: string }[] = [];
  for (let serial = 0; out.length < Math.max(20, Math.ceil(n / 5)); serial++) {
    const bin = withControlDigit(`100540${String(serial).padStart(5, '0')}`);
    if (bin) out.push({ bin, name: `ТОО «Жамбыл Құрылыс ${out.length + 1}»` });
  }
  return out;
}

/** Deterministic contracts in the portal's shape: varied bodies, suppliers, places, ENSTRU codes and amounts. */
export function generateContracts(
  n: number,
  seed = 23,
  opts: { oneSupplier?: boolean } = {},
): GoszakupContract[] {
  const random = mulberry32(seed);
  const bodies = benchBodies();
  const suppliers = benchSuppliers(n);
  const prefixes = Object.keys(ENSTRU_PREFIXES);
  const out: GoszakupContract[] = [];
  for (let id = 1; id <= n; id++) {
    const { body, kato } = bodies[Math.floor(random() * bodies.length)]!;
    const prefix = prefixes[Math.floor(random() * prefixes.length)]!;
    const tiyn = 100_000_00 + Math.floor(random() * 500_000_000_00);
    const paid = Math.floor(tiyn * random());
    const amount = (t: number) => `${Math.floor(t / 100)}.${String(t % 100).padStart(2, '0')}`;
    const month = 1 + Math.floor(random() * 10);
    out.push(
      sampleContract(id, {
        customerBin: body.bin!,
        ...(opts.oneSupplier
          ? {}
          : (() => {
              const supplier = suppliers[Math.floor(random() * suppliers.length)]!;
              return {
                supplierBiin: supplier.bin,
                Supplier: { bin: supplier.bin, nameRu: supplier.name, nameKz: supplier.name },
              };
            })()),
        contractSum: amount(tiyn),
        faktSum: amount(paid),
        signDate: `2026-${String(month).padStart(2, '0')}-10 00:00:00`,
        lastUpdateDate: `2026-${String(month + 1).padStart(2, '0')}-01 10:00:00`,
        ContractUnits: [
          {
            id: id * 10,
            Plans: {
              refEnstruCode: `${prefix.padEnd(6, '0')}.000.000001`,
              PlansKato: [{ refKatoCode: kato }],
            },
          },
        ],
      }),
    );
  }
  return out;
}

/** What a table write touched, by the kind of record (its pk's prefix) and how it was written. */
export type WriteTally = Map<string, number>;

const recordKind = (pk: unknown): string => {
  const s = String(pk ?? '');
  if (s.startsWith('AUDIT#V2#REC#')) return 'audit pointer';
  if (s.startsWith('AUDIT#')) return 'audit entry/head';
  if (s.startsWith('OUTBOX#')) return 'outbox event';
  if (s.startsWith('FLAGS#ITEM#')) return 'known flag codes';
  if (s.startsWith('FLAGS#')) return 'flag summary/run';
  return s.split('#')[0]!.toLowerCase() || '?';
};

/**
 * Counts every record the sync writes, by kind and by request (batch, transaction, single), with a
 * middleware on the store's document client: the "writes per contract" bench:sync prints.
 */
export function countWrites(store: Store): WriteTally {
  const tally: WriteTally = new Map();
  const add = (how: string, pk: unknown) => {
    const key = `${recordKind(pk)} (${how})`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  };
  store.doc.middlewareStack.add(
    (next, context) => async (args) => {
      // Written records by their key: Item for a put, Key for an update or a delete.
      type Op = { Item?: { pk?: unknown }; Key?: { pk?: unknown } };
      const input = args.input as {
        RequestItems?: Record<string, { PutRequest?: Op; DeleteRequest?: Op }[]>;
        TransactItems?: { Put?: Op; Update?: Op; Delete?: Op; ConditionCheck?: Op }[];
      } & Op;
      const name = (context as { commandName?: string }).commandName ?? '';
      if (name === 'BatchWriteItemCommand')
        for (const reqs of Object.values(input.RequestItems ?? {}))
          for (const r of reqs) add('batch', r.PutRequest?.Item?.pk ?? r.DeleteRequest?.Key?.pk);
      else if (name === 'TransactWriteItemsCommand')
        for (const op of input.TransactItems ?? [])
          add(
            'transaction',
            (op.Put?.Item ?? op.Update?.Key ?? op.Delete?.Key ?? op.ConditionCheck?.Key)?.pk,
          );
      else if (name === 'PutItemCommand') add('single', input.Item?.pk);
      else if (name === 'UpdateItemCommand' || name === 'DeleteItemCommand') add('single', input.Key?.pk);
      return next(args);
    },
    { step: 'initialize', name: 'benchWriteTally' },
  );
  return tally;
}

/** The tally as lines: per contract, most first. */
export function formatWrites(tally: WriteTally, contracts: number): string {
  const total = [...tally.values()].reduce((a, b) => a + b, 0);
  const lines = [`writes per contract: ${(total / contracts).toFixed(2)} (raw side: 1.00)`];
  for (const [k, n] of [...tally].sort((a, b) => b[1] - a[1]))
    lines.push(`  ${k.padEnd(36)} ${(n / contracts).toFixed(2)}`);
  return lines.join('\n');
}

/** The bodies the contracts' customer BINs are bound to, written before either side is timed. */
async function putBenchBodies(store: Store): Promise<void> {
  for (const { body } of benchBodies()) await putBody(store, body);
}

/**
 * The sync's phases (functions/phase-clock.ts). Pages are written while the next ones are fetched,
 * several chunks at once, so the pipeline's phases overlap and their times add up to more than its
 * wall time; the flag job runs alone after the last write, so its time is wall time.
 */
export function formatPhases(phases: Map<string, PhaseTotal>, syncSeconds: number): string {
  const lines = [`phases of the sync (${syncSeconds.toFixed(1)} s wall; overlapping phases add up to more):`];
  const width = Math.max(...[...phases.keys()].map((k) => k.length));
  for (const [phase, { ms, calls }] of phases)
    lines.push(
      `  ${phase.padEnd(width)}  ${(ms / 1000).toFixed(1).padStart(7)} s  ${String(calls).padStart(6)} calls  ${((ms / 10 / syncSeconds) | 0).toString().padStart(4)} % of wall`,
    );
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      contracts: { type: 'string', default: process.env.BENCH_SYNC_CONTRACTS ?? '50000' },
      rounds: { type: 'string', default: '1' },
    },
  });
  const n = Number(values.contracts);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(n) || n < 1) throw new Error('--contracts must be a positive integer');
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');

  const contracts = generateContracts(n);
  const standIn = await startGoszakupStandIn(contracts);
  const client = () => new GoszakupClient({ url: standIn.url, token: standIn.token, baseDelayMs: 10 });
  const now = new Date('2026-12-01T01:00:00Z');
  // The raw side writes exactly what the sync maps: the same records, built the same way.
  const ctx: MapContext = {
    bodiesByBin: new Map(benchBodies().map(({ body }) => [body.bin!, body])),
    contractUrl: DEFAULT_CONTRACT_URL,
    unmapped: { enstru: new Map(), kato: new Map() },
  };
  const records = contracts.flatMap((c) => {
    const r = contractToRecord(c, ctx);
    return r.change?.kind === 'item' ? [toItemRecord(r.change.item)] : [];
  });
  if (records.length !== n) throw new Error(`generated contracts did not all map: ${records.length}/${n}`);
  const warmup = records.slice(0, Math.min(5000, n));
  // Both sides keep the same number of BatchWriteItem calls in flight: the sync imports
  // DEFAULT_SYNC_CONCURRENCY chunks of 100 items at once, each written as 4 calls of 25.
  const writesInFlight = DEFAULT_SYNC_CONCURRENCY * 4;

  try {
    // The far end alone: every page fetched and parsed, nothing written.
    const t = performance.now();
    let after: number | undefined;
    for (let more = true; more; ) {
      const { pageInfo } = await client().query(CONTRACTS_QUERY, {
        limit: PAGE_LIMIT,
        ...(after !== undefined ? { after } : {}),
      });
      more = Boolean(pageInfo?.hasNextPage);
      after = pageInfo?.lastId ?? undefined;
    }
    const pagesSeconds = (performance.now() - t) / 1000;

    let rawSeconds = Number.POSITIVE_INFINITY;
    let syncSeconds = Number.POSITIVE_INFINITY;
    let phases = new Map<string, PhaseTotal>();
    let writes: WriteTally = new Map();
    for (let round = 1; round <= rounds; round++) {
      console.error(`round ${round}/${rounds}: raw BatchWriteItem of ${n} items…`);
      const raw = await timedOnFreshStore({ warmup, writesInFlight, prepare: putBenchBodies }, (store) =>
        batchPut(store, records, { concurrency: writesInFlight }),
      );
      console.error(`  raw ${raw.toFixed(1)} s; sync…`);
      const clock = phaseClock();
      const synced = await timedOnFreshStore(
        { warmup, writesInFlight, prepare: putBenchBodies },
        async (store) => {
          const tally = countWrites(store);
          const report = await syncGoszakup(store, client(), { now: () => now, clock });
          writes = tally;
          if (report.created !== n) throw new Error(`sync created ${report.created} of ${n}`);
        },
      );
      console.error(`  sync ${synced.toFixed(1)} s`);
      rawSeconds = Math.min(rawSeconds, raw);
      if (synced < syncSeconds) phases = clock.totals;
      syncSeconds = Math.min(syncSeconds, synced);
    }
    const rawRate = n / rawSeconds;
    const syncRate = n / syncSeconds;
    const ratio = syncRate / rawRate;
    console.log(`pages only (stand-in → client, no writes): ${n} contracts in ${pagesSeconds.toFixed(1)} s`);
    console.log(
      `raw BatchWriteItem (${writesInFlight} in flight): ${n} items in ${rawSeconds.toFixed(1)} s = ${rawRate.toFixed(0)} items/s`,
    );
    console.log(
      `sync (pages → map → import → chain → flags): ${n} contracts in ${syncSeconds.toFixed(1)} s = ${syncRate.toFixed(0)} contracts/s`,
    );
    console.log(`ratio ${ratio.toFixed(2)} × raw (target ≥ 0.50): ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
    console.log(formatPhases(phases, syncSeconds));
    console.log(formatWrites(writes, n));
    const flagSeconds = (phases.get('flag job')?.ms ?? 0) / 1000;
    console.log(
      `for information, without the end-of-sync flag job: ratio ${(n / (syncSeconds - flagSeconds) / rawRate).toFixed(2)} × raw`,
    );
  } finally {
    await standIn.close();
  }
}

runIfMain(import.meta.url, main);
