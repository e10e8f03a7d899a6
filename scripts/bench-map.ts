/**
 * `npm run bench:map` — how much the app costs on top of MapLibre itself.
 *
 * In one Chromium, times navigation → the map's first `idle` with the items drawn, for the built app
 * and for a bare MapLibre page that renders the same GeoJSON with the same clustering, at 10,000 and
 * 100,000 items (served by one local server from memory). Prints the medians and their ratio
 * (target ≤ 1.5×) and the app's own JavaScript gzipped, maplibre-gl excluded (target ≤ 80 KB).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { build } from 'vite';
import { AREAS, REGION_BBOX } from '../shared/areas';
import { CATEGORIES, ITEM_STATUSES } from '../shared/categories';
import { EXECUTION_STATES } from '../shared/execution';
import type { FeedFeature, MapFeed } from '../shared/feed';
import { connectBrowser, launchBrowserServer } from '../test/support/browser';
import { mulberry32 } from './seeded-random';

const ROOT = resolve(import.meta.dirname, '..');
const WEB_DIST = resolve(ROOT, 'web/dist');
const BARE_DIR = resolve(ROOT, 'node_modules/.cache/bench-map');
const SIZES = [10_000, 100_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function makeFeed(n: number): MapFeed {
  const rnd = mulberry32(n);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const features: FeedFeature[] = [];
  for (let i = 0; i < n; i++) {
    const area = pick(AREAS);
    const r = (area.demoRadiusKm / 111) * Math.sqrt(rnd());
    const angle = rnd() * 2 * Math.PI;
    let id = '01J';
    for (let k = 0; k < 23; k++) id += CROCKFORD[Math.floor(rnd() * 32)];
    features.push({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [
          Math.round((area.lon + r * Math.cos(angle)) * 1e5) / 1e5,
          Math.round((area.lat + r * Math.sin(angle)) * 1e5) / 1e5,
        ],
      },
      properties: {
        id,
        c: pick(CATEGORIES),
        s: pick(ITEM_STATUSES),
        x: pick(EXECUTION_STATES),
        e: Math.round(rnd() * 1200) / 10,
        p: Math.round(rnd() * 2e9),
        a: area.code,
        y: 2024 + Math.floor(rnd() * 3),
        b: `akimat-${area.code}`,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

const BARE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>bare MapLibre</title></head>
<body><div id="map"></div><script type="module" src="./bare.ts"></script></body></html>
`;

// The same clustering and pin layers as web/src/map/mapView.ts, nothing else.
const BARE_TS = `import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import './bare.css';
maplibregl.setWorkerUrl(workerUrl);
const container = document.getElementById('map')!;
const map = new maplibregl.Map({
  container,
  bounds: ${JSON.stringify(REGION_BBOX)},
  fitBoundsOptions: { padding: 16 },
  style: {
    version: 8,
    sources: { items: { type: 'geojson', data: '/api/map/items', cluster: true, clusterRadius: 50, clusterMaxZoom: 12 } },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#e8ece6' } },
      { id: 'clusters', type: 'circle', source: 'items', filter: ['has', 'point_count'],
        paint: { 'circle-color': '#234a6b', 'circle-radius': ['step', ['get', 'point_count'], 14, 25, 18, 100, 23, 1000, 28] } },
      { id: 'count', type: 'symbol', source: 'items', filter: ['has', 'point_count'],
        layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-size': 12 } },
      { id: 'pins', type: 'circle', source: 'items', filter: ['!', ['has', 'point_count']],
        paint: { 'circle-color': '#17803d', 'circle-radius': 6 } },
    ],
  },
});
map.once('idle', () => { container.dataset.itemsIdleMs = String(Math.round(performance.now())); });
`;

async function buildPages() {
  console.log('building the app and the bare page…');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
  rmSync(BARE_DIR, { recursive: true, force: true });
  mkdirSync(BARE_DIR, { recursive: true });
  writeFileSync(resolve(BARE_DIR, 'index.html'), BARE_HTML);
  writeFileSync(resolve(BARE_DIR, 'bare.ts'), BARE_TS);
  writeFileSync(resolve(BARE_DIR, 'bare.css'), 'html,body,#map{margin:0;height:100%}\n');
  await build({
    root: BARE_DIR,
    configFile: false,
    base: '/bare/',
    logLevel: 'error',
    build: { outDir: resolve(BARE_DIR, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  });
}

/**
 * The app's own JavaScript that a visitor downloads on opening the page (the entry and the chunks
 * index.html preloads), maplibre-gl and its worker excluded; chunks loaded only on demand (the
 * pmtiles protocol) are reported apart.
 */
function appJsGzipBytes(): { onLoad: number; onDemand: number } {
  const html = readFileSync(resolve(WEB_DIST, 'index.html'), 'utf8');
  const loaded = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.m?js)"/g)].map((m) => m[1]!));
  const assets = resolve(WEB_DIST, 'assets');
  let onLoad = 0;
  let onDemand = 0;
  for (const f of readdirSync(assets)) {
    if (!/\.m?js$/.test(f) || f.startsWith('maplibre-gl')) continue;
    const size = gzipSync(readFileSync(resolve(assets, f)), { level: 9 }).length;
    if (loaded.has(f)) onLoad += size;
    else onDemand += size;
  }
  return { onLoad, onDemand };
}

function startServer(port: number, feed: { json: string }) {
  const app = new Hono();
  app.get('/api/map/items', (c) => c.body(feed.json, 200, { 'Content-Type': 'application/json' }));
  app.get('/api/map/shapes', (c) => c.json({ type: 'FeatureCollection', features: [] }));
  app.get('/api/items', (c) => c.json({ items: [], nextCursor: null }));
  app.get('/api/stats', (c) =>
    c.json({ totals: { count: 0, planned: '0', contracted: '0', spent: '0' }, byArea: [], byCategory: [] }),
  );
  app.use(
    '/bare/*',
    serveStatic({ root: resolve(BARE_DIR, 'dist'), rewriteRequestPath: (p) => p.replace(/^\/bare/, '') }),
  );
  app.use('/*', serveStatic({ root: WEB_DIST }));
  app.get('*', serveStatic({ root: WEB_DIST, path: 'index.html' }));
  return serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  await buildPages();
  const feed = { json: '' };
  const port = 8900 + Math.floor(Math.random() * 90);
  const server = startServer(port, feed);
  const browserServer = await launchBrowserServer();
  const browser = await connectBrowser(browserServer.wsEndpoint());
  const base = `http://127.0.0.1:${port}`;

  async function timeToIdle(path: string): Promise<number> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await page.waitForSelector('#map[data-items-idle-ms]', { state: 'attached', timeout: 600_000 });
    const ms = Number(await page.getAttribute('#map', 'data-items-idle-ms'));
    await context.close();
    return ms;
  }

  const results: string[] = [];
  try {
    for (const n of SIZES) {
      feed.json = JSON.stringify(makeFeed(n));
      await timeToIdle('/bare/'); // warm-up: the first page in a fresh browser pays for its start
      const app: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        bare.push(await timeToIdle('/bare/'));
        app.push(await timeToIdle('/'));
      }
      const ratio = median(app) / median(bare);
      results.push(
        `${n.toLocaleString('en')} items: app ${median(app)} ms, bare MapLibre ${median(bare)} ms, ratio ${ratio.toFixed(2)}× (target ≤ 1.5×)  [feed ${(feed.json.length / 1e6).toFixed(1)} MB, median of ${RUNS}]`,
      );
      console.log(results.at(-1));
    }
  } finally {
    await browser.close();
    await browserServer.close();
    server.close();
  }
  const js = appJsGzipBytes();
  console.log(
    `app JavaScript without maplibre-gl: ${(js.onLoad / 1024).toFixed(1)} KB gzipped on load (target ≤ 80 KB), ` +
      `plus ${(js.onDemand / 1024).toFixed(1)} KB loaded only on demand`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
