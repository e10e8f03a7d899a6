/**
 * `npm run bench:export` (issue 22): the export's own cost, items generated in memory (no
 * DynamoDB: the item reads are the same page queries as `GET /api/items`, measured by bench:api).
 *
 *   memory  100,000 items → OC4IDS text → gzip → the local blob store's streamed write (the job's
 *           path): the RSS peak above idle, against building the whole package in memory (the old way).
 *   time    5,000 items, gzip, as the synchronous answer writes them: p95 of 15 runs, against the
 *           old whole-file JSON.stringify in the same process.
 *
 * Not part of `npm test`. On a shared machine the figures move; compare the two columns.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { createLocalBlobStore } from '../functions/blobs/local';
import { itemsToOc4ids } from '../functions/opendata/export';
import { chunkStream, exportChunks } from '../functions/opendata/export-stream';
import type { Item } from '../shared/item';
import { sampleItem } from '../test/support/fixtures';

const PAGE = 200;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const idOf = (n: number) => {
  let s = '';
  for (let i = 0; i < 10; i++, n = Math.floor(n / 32)) s = CROCKFORD[n % 32] + s;
  return `01JZ${'0'.repeat(12)}${s}`;
};
const item = (n: number): Item =>
  sampleItem({
    id: idOf(n),
    title: { kk: `Жол жөндеу ${n}`, ru: `Ремонт дороги ${n}`, en: `Road repair ${n}` },
    description: { ru: `Описание объекта номер ${n}, с адресом и подробностями работ`.repeat(2) },
    milestones: [{ id: 'm1', title: { en: 'Design' }, due: '2026-03-01', status: 'scheduled' }],
  });

/** Pages of fresh items, as the item list's queries hand them over (only one page alive at a time). */
async function* pages(total: number): AsyncGenerator<Item[]> {
  for (let i = 0; i < total; i += PAGE) {
    yield Array.from({ length: Math.min(PAGE, total - i) }, (_, k) => item(i + k));
    await new Promise((r) => setImmediate(r));
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Peak RSS while `run` runs, sampled every 20 ms. */
async function peakRss(run: () => Promise<void>): Promise<number> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage.rss());
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'obm-bench-export-'));
const blobs = createLocalBlobStore(dir);
const options = { today: '2026-07-01', uri: 'https://example.org/api/export/oc4ids.json' };

global.gc?.();
await new Promise((r) => setTimeout(r, 200));
const idle = process.memoryUsage.rss();

// ── memory: the job's path at 100,000 items ──
let written = 0;
const streamedPeak = await peakRss(async () => {
  const text = Readable.from(exportChunks('oc4ids.json', pages(100_000), options));
  const { bytes } = await blobs.writeStream!(
    `exports/${'a'.repeat(64)}`,
    text.pipe(createGzip()),
    'application/gzip',
  );
  written = bytes;
});
console.log(
  `streamed job, 100,000 items: RSS +${mb(streamedPeak - idle)} above idle (${mb(idle)}); gzip file ${mb(written)}`,
);

// ── time: 5,000 items answered at once, gzip ──
const runs = 15;
const streamed: number[] = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  const body = chunkStream(exportChunks('oc4ids.json', pages(5_000), options), { gzip: true });
  await new Response(body).arrayBuffer();
  streamed.push(performance.now() - t);
}
const whole: number[] = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  const items: Item[] = [];
  for await (const page of pages(5_000)) items.push(...page);
  gzipSync(JSON.stringify(itemsToOc4ids(items, { uri: options.uri })));
  whole.push(performance.now() - t);
}
console.log(
  `5,000 items OC4IDS + gzip, p95 of ${runs}: streamed ${p95(streamed).toFixed(0)} ms, whole file ${p95(whole).toFixed(0)} ms`,
);

// ── the baseline's memory last: it leaves a large heap behind ──
global.gc?.();
await new Promise((r) => setTimeout(r, 200));
const idleAgain = process.memoryUsage.rss();
const wholePeak = await peakRss(async () => {
  const items: Item[] = [];
  for await (const page of pages(100_000)) items.push(...page);
  const text = JSON.stringify(itemsToOc4ids(items, { uri: options.uri }));
  written = text.length;
});
console.log(
  `whole file (before issue 22), 100,000 items: RSS +${mb(wholePeak - idleAgain)} (${mb(written)} of JSON)`,
);
rmSync(dir, { recursive: true, force: true });
