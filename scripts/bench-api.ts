/**
 * `npm run bench:api`: the read API at 100,000 items against its floor. Starts its own in-memory
 * DynamoDB Local, seeds 100,000 demo items, builds the map feed, serves the API over HTTP, then
 * measures p50/p95 of
 *   GET /api/items?bbox=<Taraz>  vs the DynamoDB Query calls the handler makes for that page, sent raw
 *   GET /api/items/:id           vs the GetItem call
 *   GET /api/map/items           vs the same gzip bytes served as a static file by the same server
 * with the same client and data, and prints the ratios and the feed's gzipped bytes per item.
 * Targets: ≤ 1.5× for each ratio, ≤ 60 bytes per item.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from '../functions/api/app';
import { UnauthorizedError } from '../functions/api/problems';
import { createStore } from '../functions/data/client';
import { itemKeys } from '../functions/data/items';
import { partitionQuery, planItemQuery, queryRecords } from '../functions/data/list-items';
import { ensureTable } from '../functions/data/table';
import { startLocalFeed } from '../functions/feed/local';
import { freePort, startLocalDynamo } from '../functions/local/dynamodb-local';
import { listen } from '../functions/local/server';
import { parseItemFilters } from '../shared/item-filters';
import { seedItems } from './seed';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '300' },
  },
});
const COUNT = Number(values.items);
const RUNS = Number(values.runs);
/** Central Taraz, about 11 × 9 km. */
const TARAZ_BBOX = '71.30,42.86,71.44,42.94';
const PAGE = 50;

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET over a kept-alive connection; resolves when the whole body has arrived. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { 'Accept-Encoding': 'gzip', ...headers } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Runs both sides alternately (so load drifts hit both alike) and returns their timings. */
async function compare(
  name: string,
  subject: (i: number) => Promise<unknown>,
  baseline: (i: number) => Promise<unknown>,
) {
  for (let i = 0; i < 30; i++) {
    await subject(i);
    await baseline(i);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await time(() => subject(i)));
    b.push(await time(() => baseline(i)));
  }
  const row = {
    name,
    p50: quantile(a, 0.5),
    p95: quantile(a, 0.95),
    baseP50: quantile(b, 0.5),
    baseP95: quantile(b, 0.95),
  };
  return { ...row, ratioP50: row.p50 / row.baseP50, ratioP95: row.p95 / row.baseP95 };
}

async function main() {
  console.log(`bench:api — ${COUNT} items, ${RUNS} runs per measurement`);
  const local = await startLocalDynamo({ readyTimeoutMs: 180_000 });
  const store = createStore({
    endpoint: local.endpoint,
    table: 'bench-api',
    timeoutMs: 60_000,
    maxAttempts: 5,
  });
  const staticDir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  let server: Server | undefined;
  let feed: Awaited<ReturnType<typeof startLocalFeed>> | undefined;
  try {
    await ensureTable(store.raw, store.table);
    let t = Date.now();
    const ids = await seedItems(store, COUNT);
    console.log(`seeded ${COUNT} items in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    t = Date.now();
    feed = await startLocalFeed({ store, pollMs: 0 });
    const view = await feed.reader.current();
    console.log(`map feed built from the table in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    // The static baseline: the very bytes the feed route serves, as files next to each other.
    writeFileSync(join(staticDir, 'items.json'), view.items.identity());
    writeFileSync(join(staticDir, 'items.json.gz'), view.items.gzip);

    const app = createApp({
      store,
      feed: feed.reader,
      now: () => new Date(),
      auth: {
        verify: async () => {
          throw new UnauthorizedError();
        },
      },
    });
    app.use(
      '/static/*',
      serveStatic({
        root: staticDir,
        precompressed: true,
        rewriteRequestPath: (p) => p.replace(/^\/static/, ''),
      }),
    );
    const port = await freePort();
    server = await listen(app as never, port);
    const base = `http://127.0.0.1:${port}`;

    // items?bbox: the handler's Query calls for the first page, sent raw through the DocumentClient
    // (the same key condition and filter, built once up front), without ElectroDB's execution, the
    // HTTP layer, item mapping and JSON: the floor the ≤ 1.5× target is measured against.
    const plan = planItemQuery(parseItemFilters({ bbox: TARAZ_BBOX }));
    const inputs = plan.partitions.map((p) => partitionQuery(store, plan, p).params() as QueryCommandInput);
    // The same reading order and widening Limit as queryRecords (a filtered read doubles it).
    const rawBboxPage = async () => {
      let got = 0;
      let width = PAGE;
      for (const input of inputs) {
        let start: Record<string, unknown> | undefined;
        do {
          const res = await store.doc.send(
            new QueryCommand({ ...input, Limit: Math.max(PAGE - got, width), ExclusiveStartKey: start }),
          );
          got += res.Items?.length ?? 0;
          start = res.LastEvaluatedKey;
          width = Math.min(width * 2, 1000);
        } while (start && got < PAGE);
        if (got >= PAGE) break;
      }
      return Math.min(got, PAGE);
    };
    const handlerPage = async () => (await queryRecords(store, plan, PAGE, undefined)).records.length;
    const first = await get(`${base}/api/items?bbox=${TARAZ_BBOX}&limit=${PAGE}`);
    if (first.status !== 200) throw new Error(`GET /api/items answered ${first.status}`);
    console.log(
      `bbox ${TARAZ_BBOX}: ${plan.partitions.length} cells, first page ${await handlerPage()} items (raw: ${await rawBboxPage()})`,
    );

    const idAt = (i: number) => ids[(i * 7919) % ids.length]!;
    const rows = [
      await compare(
        `GET /api/items?bbox (${PAGE})`,
        () => get(`${base}/api/items?bbox=${TARAZ_BBOX}&limit=${PAGE}`),
        rawBboxPage,
      ),
      await compare(
        'GET /api/items/:id',
        (i) => get(`${base}/api/items/${idAt(i)}`),
        (i) =>
          store.doc.send(
            new GetCommand({ TableName: store.table, Key: { pk: itemKeys.pk(idAt(i)), sk: itemKeys.sk } }),
          ),
      ),
      await compare(
        'GET /api/map/items',
        () => get(`${base}/api/map/items`),
        () => get(`${base}/static/items.json`),
      ),
    ];

    const fmt = (n: number) => n.toFixed(2).padStart(8);
    console.log(
      `\n${'measurement'.padEnd(30)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}  ${'base p50'.padStart(8)}${'base p95'.padStart(8)}   ratio p50 / p95`,
    );
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(30)}${fmt(r.p50)}${fmt(r.p95)}  ${fmt(r.baseP50)}${fmt(r.baseP95)}   ${r.ratioP50.toFixed(2)}× / ${r.ratioP95.toFixed(2)}×  (target ≤ 1.5×)`,
      );
    }
    const feedBytes = view.items.gzip.byteLength;
    console.log(
      `\nmap feed: ${view.index.records.length} items, ${feedBytes} bytes gzipped = ${(feedBytes / view.index.records.length).toFixed(1)} B/item (target ≤ 60); ${view.items.identity().byteLength} bytes uncompressed`,
    );
  } finally {
    server?.close();
    agent.destroy();
    await feed?.stop();
    store.raw.destroy();
    await local.stop();
    rmSync(staticDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
