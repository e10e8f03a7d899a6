/**
 * `npm run bench:web` — Lighthouse 12 on the built app, as a phone on 4G sees it.
 *
 * One hub with the demo data (a fresh table on DYNAMODB_ENDPOINT / TEST_DYNAMODB_ENDPOINT, or a
 * DynamoDB Local started here), served by the local server (compressed, cached as in the cloud).
 * Lighthouse (mobile preset, simulated throttling; Chromium with --headless=new --use-gl=angle
 * --use-angle=swiftshader) runs 3 times on the map, list, item and session pages and on a bare
 * MapLibre page that draws the same style and data; the median of each figure is printed, with the
 * issue's targets, and the time to map idle (the items drawn) of the app and the bare page.
 * Figures depend on the machine: say what else was running when you quote them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import lighthouse from 'lighthouse';
import { build } from 'vite';
import { localAuthDeps } from '../functions/auth/local';
import { generateSigningKey } from '../functions/auth/local-issuer';
import { createLocalBlobStore } from '../functions/blobs/local';
import { createStore } from '../functions/data/client';
import { ensureTable } from '../functions/data/table';
import { seedDemoIfEmpty } from '../functions/demo/seed';
import { startLocalFeed } from '../functions/feed/local';
import { freePort, type LocalDynamo, startLocalDynamo } from '../functions/local/dynamodb-local';
import { createLocalApp } from '../functions/local/server';
import { resolveChromium } from '../test/support/browser';
import { precompressDir } from '../web/build/precompress';
import { OUTLINE_BBOX } from '../web/src/map/basemap';

const ROOT = resolve(import.meta.dirname, '..');
const BARE_DIR = resolve(ROOT, 'node_modules/.cache/bench-web');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// BENCH_PAGES=map,bare picks pages by name (first word) to save time while working on one page.
const ONLY = process.env.BENCH_PAGES?.split(',').map((s) => s.trim().toLowerCase());
// BENCH_DETAIL=1 prints what kept the main thread busy (long tasks, script costs) for each run.
const DETAIL = Boolean(process.env.BENCH_DETAIL);
// BENCH_SAVE=dir writes each run's Lighthouse report (JSON, with the trace's long tasks) there.
const SAVE_DIR = process.env.BENCH_SAVE ? resolve(process.env.BENCH_SAVE) : null;
let savedRuns = 0;
// BENCH_PROFILE=dir skips Lighthouse: it records a Chromium trace with the V8 sampling profiler of the
// map and bare pages (load → items drawn + 2 s) into dir, built with source maps, to attribute each task.
const PROFILE_DIR = process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : null;
const LIGHTHOUSE_CHROME_FLAGS = ['--headless=new', '--use-gl=angle', '--use-angle=swiftshader'];

// The offline style (its ground is the container's CSS background, not a layer), the region outline
// and the same clustered pin layers as the app's map
// (web/src/map/maplibreMap.ts), nothing else: what MapLibre alone costs for this page.
const BARE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>bare MapLibre</title></head><body><main><h1 class="v">bare MapLibre</h1><div id="map" role="region" aria-label="map"></div></main>
<script type="module" src="./bare.ts"></script></body></html>
`;
const BARE_TS = `import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import './bare.css';
maplibregl.setWorkerUrl(workerUrl);
const container = document.getElementById('map')!;
const map = new maplibregl.Map({
  container,
  bounds: ${JSON.stringify(OUTLINE_BBOX)},
  fitBoundsOptions: { padding: 16 },
  style: {
    version: 8,
    sources: {
      region: { type: 'geojson', data: '/zhambyl.geojson' },
      items: { type: 'geojson', data: '/api/map/items', cluster: true, clusterRadius: 50, clusterMaxZoom: 12 },
    },
    layers: [
      { id: 'region-fill', type: 'fill', source: 'region', paint: { 'fill-color': '#fbfaf5', 'fill-opacity': 0.9, 'fill-antialias': false } },
      { id: 'region-outline', type: 'line', source: 'region', paint: { 'line-color': '#3d5a80', 'line-width': 2 } },
      { id: 'clusters', type: 'circle', source: 'items', filter: ['has', 'point_count'],
        paint: { 'circle-color': '#234a6b', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2,
          'circle-radius': ['step', ['get', 'point_count'], 14, 25, 18, 100, 23, 1000, 28] } },
      { id: 'count', type: 'symbol', source: 'items', filter: ['has', 'point_count'],
        layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-size': 12, 'text-allow-overlap': true },
        paint: { 'text-color': '#ffffff' } },
      { id: 'pins', type: 'circle', source: 'items', filter: ['!', ['has', 'point_count']],
        paint: { 'circle-color': '#17803d', 'circle-radius': 6, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } },
    ],
  },
});
map.once('idle', () => { container.dataset.itemsIdleMs = String(Math.round(performance.now())); });
`;

async function buildPages() {
  console.log('building the app and the bare MapLibre page…');
  await build({
    root: resolve(ROOT, 'web'),
    configFile: resolve(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { sourcemap: Boolean(PROFILE_DIR) },
  });
  rmSync(BARE_DIR, { recursive: true, force: true });
  mkdirSync(BARE_DIR, { recursive: true });
  writeFileSync(resolve(BARE_DIR, 'index.html'), BARE_HTML);
  writeFileSync(resolve(BARE_DIR, 'bare.ts'), BARE_TS);
  writeFileSync(
    resolve(BARE_DIR, 'bare.css'),
    'html,body,main{margin:0;height:100%}#map{height:100%;background:#e8ece6}.v{position:absolute;left:-9999px}\n',
  );
  await build({
    root: BARE_DIR,
    configFile: false,
    base: '/bare/',
    logLevel: 'error',
    build: {
      outDir: resolve(BARE_DIR, 'dist'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 5000,
      sourcemap: Boolean(PROFILE_DIR),
    },
  });
  precompressDir(resolve(BARE_DIR, 'dist'));
}

async function startHub() {
  let local: LocalDynamo | undefined;
  let endpoint = process.env.DYNAMODB_ENDPOINT ?? process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) {
    local = await startLocalDynamo();
    endpoint = local.endpoint;
  }
  const table = `bench-web-${randomUUID().slice(0, 8)}`;
  const store = createStore({ endpoint, table, timeoutMs: 60_000 });
  await ensureTable(store.raw, store.table);
  console.log('seeding the demo data…');
  await seedDemoIfEmpty(store);
  const feed = await startLocalFeed({ store, pollMs: 1000 });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const app = createLocalApp({
    store,
    now: () => new Date(),
    feed: feed.reader,
    blobs: createLocalBlobStore(mkdtempSync(join(tmpdir(), 'obm-bench-web-'))),
    ...(await localAuthDeps({ store, origin, key: (await generateSigningKey()).key, env: {} })),
  });
  // The bare page beside the app, from the same server (same compression, same data).
  const outer = new Hono();
  outer.use(
    '/bare/*',
    serveStatic({
      root: resolve(BARE_DIR, 'dist'),
      precompressed: true,
      rewriteRequestPath: (p) => p.replace(/^\/bare/, ''),
    }),
  );
  outer.all('*', (c) => app.fetch(c.req.raw, c.env));
  const server = await new Promise<Server>((ok) => {
    const s = serve({ fetch: outer.fetch, port, hostname: '127.0.0.1' }, () => ok(s as Server));
  });
  return {
    origin,
    stop: async () => {
      server.close();
      await feed.stop();
      await store.raw.send(
        new (await import('@aws-sdk/client-dynamodb')).DeleteTableCommand({ TableName: table }),
      );
      store.raw.destroy();
      await local?.stop();
    },
  };
}

function launchChrome(
  executablePath: string,
  baseArgs: string[],
): Promise<{ port: number; proc: ChildProcess }> {
  const userDir = mkdtempSync(join(tmpdir(), 'obm-lh-chrome-'));
  const args = [
    ...baseArgs.filter((a) => !a.startsWith('--headless') && !a.startsWith('--single-process')),
    ...LIGHTHOUSE_CHROME_FLAGS,
    '--remote-debugging-port=0',
    `--user-data-dir=${userDir}`,
    'about:blank',
  ];
  const proc = spawn(executablePath, [...new Set(args)], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((ok, fail) => {
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) ok({ port: Number(m[1]), proc });
    });
    proc.on('exit', (code) => fail(new Error(`Chromium exited (${code}): ${err.slice(-500)}`)));
  });
}

interface Figures {
  performance: number;
  accessibility: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function audit(url: string, port: number): Promise<Figures> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  });
  if (!result) throw new Error(`no Lighthouse result for ${url}`);
  const { categories, audits } = result.lhr;
  if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
  const num = (id: string) => Number(audits[id]?.numericValue ?? Number.NaN);
  if (DETAIL) printDetail(url, audits);
  if (SAVE_DIR) {
    mkdirSync(SAVE_DIR, { recursive: true });
    const name = new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'map';
    writeFileSync(
      join(SAVE_DIR, `${String(++savedRuns).padStart(2, '0')}-${name}.json`),
      result.report as string,
    );
  }
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    si: num('speed-index'),
  };
}

type Audits = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr']['audits'];

/** The long tasks (start, duration, script) and the main thread's work by script and by kind. */
function printDetail(url: string, audits: Audits) {
  const items = (id: string) =>
    ((audits[id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []).slice(0, 12);
  const short = (u: unknown) => String(u).replace(/^https?:\/\/[^/]+/, '');
  console.log(`  ${url}`);
  for (const t of items('long-tasks'))
    console.log(
      `    long task at ${Math.round(Number(t.startTime))} ms: ${Math.round(Number(t.duration))} ms ${short(t.url)}`,
    );
  for (const b of items('bootup-time'))
    console.log(
      `    script ${short(b.url)}: ${Math.round(Number(b.total))} ms (eval ${Math.round(Number(b.scripting))}, parse ${Math.round(Number(b.scriptParseCompile))})`,
    );
  for (const w of items('mainthread-work-breakdown'))
    console.log(`    ${String(w.groupLabel ?? w.group)}: ${Math.round(Number(w.duration))} ms`);
}

async function main() {
  await buildPages();
  const hub = await startHub();
  const { executablePath, args } = await resolveChromium();
  const { port, proc } = await launchChrome(executablePath, args);
  try {
    const feed = (await (await fetch(`${hub.origin}/api/map/items`)).json()) as {
      features: { properties: { id: string } }[];
    };
    const itemId = feed.features[0]!.properties.id;
    const sessions = (await (await fetch(`${hub.origin}/api/sessions?when=past`)).json()) as {
      sessions: { id: string }[];
    };
    if (PROFILE_DIR) {
      await profilePages(hub.origin, port, PROFILE_DIR);
      return;
    }
    const allPages: [string, string][] = [
      ['map', '/'],
      ['list', '/list'],
      ['item', `/items/${itemId}`],
      ['session', sessions.sessions[0] ? `/sessions/${sessions.sessions[0].id}` : '/sessions'],
      ['bare MapLibre', '/bare/'],
    ];
    const pages = allPages.filter(([name]) => !ONLY || ONLY.includes(name.split(' ')[0]!.toLowerCase()));
    // A first visit warms the server (and DynamoDB Local's JIT), as a deployed site would be.
    await audit(`${hub.origin}/`, port).catch(() => undefined);
    const medians = new Map<string, Figures>();
    for (const [name, path] of pages) {
      const runs: Figures[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await audit(`${hub.origin}${path}`, port));
      const m = Object.fromEntries(
        (Object.keys(runs[0]!) as (keyof Figures)[]).map((k) => [k, median(runs.map((r) => r[k]))]),
      ) as unknown as Figures;
      medians.set(name, m);
      console.log(
        `${name.padEnd(14)} perf ${m.performance}  a11y ${m.accessibility}  FCP ${(m.fcp / 1000).toFixed(2)} s  ` +
          `LCP ${(m.lcp / 1000).toFixed(2)} s  TBT ${Math.round(m.tbt)} ms  CLS ${m.cls.toFixed(3)}  ` +
          `SI ${(m.si / 1000).toFixed(2)} s  [perf of runs: ${runs.map((r) => r.performance).join(', ')}]`,
      );
    }
    const map = medians.get('map');
    const bare = medians.get('bare MapLibre');
    const check = (ok: boolean, what: string) => console.log(`${ok ? 'ok  ' : 'MISS'} ${what}`);
    if (map) {
      console.log(`\ntargets, map page (median of ${RUNS}):`);
      check(map.performance >= 90, `performance ${map.performance} >= 90`);
      check(map.fcp <= 1800, `FCP ${(map.fcp / 1000).toFixed(2)} s <= 1.8 s`);
      check(map.lcp <= 2500, `LCP ${(map.lcp / 1000).toFixed(2)} s <= 2.5 s`);
      check(map.cls <= 0.1, `CLS ${map.cls.toFixed(3)} <= 0.1`);
      check(map.accessibility === 100, `accessibility ${map.accessibility} = 100`);
    }
    if (map && bare) {
      const tbtLimit = Math.max(bare.tbt * 1.2, bare.tbt + 150);
      check(
        map.tbt <= tbtLimit,
        `TBT ${Math.round(map.tbt)} ms <= ${Math.round(tbtLimit)} ms (bare ${Math.round(bare.tbt)} ms)`,
      );
    }
    for (const name of ['list', 'item', 'session'].filter((n) => medians.has(n)))
      check(
        medians.get(name)!.performance >= 90,
        `${name}: performance ${medians.get(name)!.performance} >= 90`,
      );

    // Time to map idle (items drawn), unthrottled, phone viewport: the app and the bare page.
    await timeToIdle(hub.origin, port);
  } finally {
    proc.kill();
    await hub.stop();
  }
}

/** Traces (with V8 samples) of the map and bare pages from navigation to 2 s after the items are drawn. */
async function profilePages(origin: string, port: number, dir: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  mkdirSync(dir, { recursive: true });
  try {
    for (const [name, path] of [
      ['map', '/'],
      ['bare', '/bare/'],
    ] as const) {
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
        const page = await context.newPage();
        await browser.startTracing(page, {
          categories: [
            'devtools.timeline',
            'disabled-by-default-devtools.timeline',
            'v8.execute',
            'toplevel',
            'blink.user_timing',
            'loading',
            'disabled-by-default-v8.cpu_profiler',
          ],
        });
        await page.goto(`${origin}${path}`);
        await page.waitForSelector('#map[data-items-idle-ms]', { state: 'attached', timeout: 300_000 });
        await page.waitForTimeout(2000);
        writeFileSync(join(dir, `${name}-${i + 1}.trace.json`), await browser.stopTracing());
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

/** Navigation → the map's first idle with the items drawn (data-items-idle-ms), median of RUNS. */
async function timeToIdle(origin: string, port: number) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    for (const [name, path] of [
      ['app', '/'],
      ['bare MapLibre', '/bare/'],
    ] as const) {
      const times: number[] = [];
      const loadToStart: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
        const page = await context.newPage();
        await page.goto(`${origin}${path}`);
        await page.waitForSelector('#map[data-items-idle-ms]', { state: 'attached', timeout: 300_000 });
        times.push(Number(await page.getAttribute('#map', 'data-items-idle-ms')));
        if (name === 'app')
          loadToStart.push(
            await page.evaluate(() => {
              const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
              const chunk = performance
                .getEntriesByType('resource')
                .find((r) => /\/assets\/maplibreMap-/.test(r.name));
              return Math.round((chunk?.startTime ?? Number.NaN) - nav.loadEventStart);
            }),
          );
        await context.close();
      }
      console.log(
        `time to map idle, ${name}: ${median(times)} ms (median of ${RUNS}: ${times.join(', ')})` +
          (loadToStart.length ? `; MapLibre requested ${median(loadToStart)} ms after load` : ''),
      );
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
