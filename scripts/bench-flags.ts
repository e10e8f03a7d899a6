/**
 * `npm run bench:flags` — what risk flags cost (issue 18), in one process, against a baseline run
 * in the same process:
 *
 * 1. The map feed with per-item flags at 100,000 items: building the snapshot from the table's item
 *    records and rendering `map/items.json`, with the records' flag inputs (amendments, tender, the
 *    flag job's stored flags) against the same records without them (the baseline). Runs alternate,
 *    medians compared; target ≤ 1.3×.
 * 2. The nightly group-flag computation over 100,000 items (`computeItemFlags`: concentration,
 *    repeat awards, stale, plus the item-only flags): time and memory against the flag job's Lambda
 *    limits (infra/constructs/flag-job.ts: 15 minutes, 1,024 MB). The job's DynamoDB reads and writes
 *    are not part of this figure (they depend on the table, not on the code).
 *
 * BENCH_ITEMS (default 100000) and BENCH_RUNS (default 5) change the size and the repetitions.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toItemRecord } from '../functions/data/items';
import { renderFeed } from '../functions/feed/render';
import { buildSnapshot } from '../functions/feed/snapshot';
import { computeItemFlags, ITEM_FIELDS } from '../functions/services/flags';
import { AREAS } from '../shared/areas';
import type { Item } from '../shared/item';
import { mulberry32 } from './seeded-random';

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TODAY = '2026-07-01';
const LAMBDA_LIMIT_MS = 15 * 60 * 1000;
const LAMBDA_LIMIT_MB = 1024;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RSS_AT_START = process.memoryUsage().rss;
// A full collection before each heap reading, without asking for `node --expose-gc`.
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** Item records as the table holds them: a third with a tender, a fifth amended, most with a contractor. */
function makeRecords(n: number): Record<string, unknown>[] {
  const rnd = mulberry32(18);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const bodies = Array.from({ length: 60 }, (_, i) => `body-${i}`);
  // 2,000 contractors; the BINs need not pass the check digit for the flags to be computed.
  const bins = Array.from(
    { length: 2000 },
    (_, i) => `0${String(805 + (i % 90)).padStart(3, '0')}4${String(i).padStart(7, '0')}`,
  );
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    let id = '01J';
    for (let k = 0; k < 23; k++) id += CROCKFORD[Math.floor(rnd() * 32)];
    const area = pick(AREAS);
    const contracted = 1_000_000 + Math.floor(rnd() * 90_000_000);
    const item: Item = {
      id,
      title: { kk: `Нысан ${i}`, ru: `Объект ${i}`, en: `Item ${i}` },
      category: 'roads',
      area: area.code,
      body: { id: pick(bodies), name: { en: 'Body' } },
      programmeCode: '123-015-000',
      fiscalYear: 2025 + Math.floor(rnd() * 2),
      amounts: { planned: `${contracted + 100_000}.00`, contracted: `${contracted}.00`, spent: '0.00' },
      status: 'in_progress',
      period: { start: '2026-01-01', end: '2026-12-31' },
      location: { point: [area.lon, area.lat] },
      milestones: [],
      provenance: {
        source: 'demo',
        updatedAt: rnd() < 0.5 ? '2026-01-10T00:00:00.000Z' : '2026-06-20T00:00:00.000Z',
      },
      ...(rnd() < 0.9 ? { contractor: { name: `ТОО «Подрядчик ${i % 2000}»`, bin: pick(bins) } } : {}),
      ...(rnd() < 0.33
        ? {
            tender: {
              numberOfTenderers: 1 + Math.floor(rnd() * 4),
              procurementMethod: rnd() < 0.2 ? 'limited' : 'open',
              awardDate: '2026-03-15',
            },
          }
        : {}),
      ...(rnd() < 0.2
        ? {
            amendments: [
              {
                id: `a-${i}`,
                date: '2026-04-01',
                valueBefore: `${contracted}.00`,
                valueAfter: `${Math.floor(contracted * (1 + rnd() * 0.4))}.00`,
              },
            ],
          }
        : {}),
    };
    const record: Record<string, unknown> = { ...toItemRecord(item) };
    // What a previous flag job wrote on about a tenth of the items.
    if (rnd() < 0.1) record.flags = ['R-STALE'];
    out.push(record);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function timeFeed(records: Record<string, unknown>[]): { ms: number; bytes: number; flagged: number } {
  const t0 = performance.now();
  const snapshot = buildSnapshot(records);
  const json = renderFeed(snapshot, TODAY);
  const ms = performance.now() - t0;
  let flagged = 0;
  for (const r of snapshot.items.values()) if (r.fl) flagged++;
  return { ms, bytes: json.length, flagged };
}

function main() {
  console.log(`bench:flags — ${N.toLocaleString('en')} items, ${RUNS} runs each (medians)`);
  const withFlags = makeRecords(N);
  // The baseline: the same records without what per-item flags read or carry.
  const without = withFlags.map(({ amendments: _a, tender: _t, flags: _f, ...rest }) => rest);

  // Warm-up of both paths (JIT), not counted.
  timeFeed(withFlags.slice(0, 5000));
  timeFeed(without.slice(0, 5000));
  const a: number[] = [];
  const b: number[] = [];
  let last = { withFlags: { ms: 0, bytes: 0, flagged: 0 }, without: { ms: 0, bytes: 0, flagged: 0 } };
  for (let i = 0; i < RUNS; i++) {
    // Alternating, so a busy moment of a shared machine hits both sides alike.
    const w = timeFeed(withFlags);
    const o = timeFeed(without);
    a.push(w.ms);
    b.push(o.ms);
    last = { withFlags: w, without: o };
  }
  const ratio = median(a) / median(b);
  console.log('\n1. Map feed build (snapshot + items.json)');
  console.log(
    `   without per-item flags (baseline): ${median(b).toFixed(0)} ms, ${mb(last.without.bytes)} MB`,
  );
  console.log(
    `   with per-item flags:               ${median(a).toFixed(0)} ms, ${mb(last.withFlags.bytes)} MB, ${last.withFlags.flagged.toLocaleString('en')} items flagged`,
  );
  console.log(`   ratio: ${ratio.toFixed(2)}× (target ≤ 1.3×) ${ratio <= 1.3 ? 'OK' : 'OVER'}`);

  // 2. The nightly computation over the same items, with its memory. This process also holds the
  // feed benchmark's records, which the job would not: the job's estimate is this process's RSS at
  // start, plus the heap the items take as the job reads them (only the fields it projects), plus the
  // heap the computation allocates.
  // Heap figures after a full collection (RSS never gives memory back, so its deltas read 0).
  const heap = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const beforeItems = heap();
  const stored = withFlags.map((r) =>
    Object.fromEntries(ITEM_FIELDS.filter((f) => f in r).map((f) => [f, r[f]])),
  ) as unknown as Parameters<typeof computeItemFlags>[0];
  const itemsCost = Math.max(0, heap() - beforeItems);
  const beforeCompute = heap();
  const times: number[] = [];
  let peakRss = process.memoryUsage().rss;
  let computeCost = 0;
  let flagged = 0;
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const t0 = performance.now();
    const result = computeItemFlags(stored, TODAY);
    times.push(performance.now() - t0);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // What the computation allocated, garbage included (the peak it needs), and its result.
    computeCost = Math.max(computeCost, process.memoryUsage().heapUsed - beforeCompute);
    flagged = 0;
    for (const v of result.values()) if (v.flags.length) flagged++;
  }
  const jobMs = median(times);
  const estimate = RSS_AT_START + itemsCost + computeCost;
  console.log('\n2. Nightly group-flag computation (computeItemFlags)');
  console.log(
    `   ${jobMs.toFixed(0)} ms for ${N.toLocaleString('en')} items (${flagged.toLocaleString('en')} flagged); limit ${LAMBDA_LIMIT_MS / 60000} min: ${jobMs < LAMBDA_LIMIT_MS ? 'OK' : 'OVER'}`,
  );
  console.log(
    `   memory for the job ≈ ${mb(estimate)} MB (Node at start ${mb(RSS_AT_START)} MB + items as read ${mb(itemsCost)} MB + computation's heap ${mb(computeCost)} MB); limit ${LAMBDA_LIMIT_MB} MB: ${mb(estimate) < LAMBDA_LIMIT_MB ? 'OK' : 'OVER'}`,
  );
  console.log(`   (this process, holding the feed benchmark's records too, peaked at ${mb(peakRss)} MB)`);
  console.log('   (DynamoDB reads and writes of the job are not included.)');
}

main();
