/**
 * One filter model (issue 14, Deliver 3): for random filters over the demo data, every HTTP answer
 * lists the same items — the pages of GET /api/items followed by cursor, the map feed filtered as
 * the web filters it (web/src/browse/filters.ts), each export parsed — and GET /api/stats totals
 * exactly those items. Filters are drawn from the demo's own values, so most of them match something.
 *
 * Cost: one hub on the run's flagged demo template (read only, no seeding; a run without the
 * browser tests' setup writes the demo items itself), requests in process. The exports are checked
 * on a fixed 40 of the 200 filters (each reads every matching item three more times). The map has
 * no contractor or bbox filter: filters with a contractor skip the map comparison, and bbox is not
 * drawn (the item pages' cell queries have their own tests in items-list.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { batchPut } from '../../functions/data/batch';
import { createStore, type Store } from '../../functions/data/client';
import { toItemRecord } from '../../functions/data/items';
import { ensureTable } from '../../functions/data/table';
import { generateDemoItems } from '../../functions/demo/generate';
import { DEMO_ITEM_COUNT } from '../../functions/demo/seed';
import { type LocalFeed, startLocalFeed } from '../../functions/feed/local';
import { PROJECT_ID_PREFIX } from '../../functions/opendata/oc4ids';
import type { FeedFeature, MapFeed } from '../../shared/feed';
import type { ItemView } from '../../shared/item';
import { fromTiyn, toTiyn } from '../../shared/money';
import { filterFeed, markOverdue } from '../../web/src/browse/filters';
import { API_PARAM_NAMES, emptyFilters, type Filters, filterParams } from '../../web/src/browse/urlState';
import { openDemoTemplate } from '../support/demo-template';
import { e2eReady } from '../support/e2e-ready';
import { refuseTokens } from '../support/fixtures';

const RUNS = 200;
const LIST_KINDS = ['areas', 'categories', 'statuses', 'states', 'years', 'bodies', 'flags'] as const;
const KINDS = [...LIST_KINDS, 'amount', 'overdue', 'q', 'contractor'] as const;
const EXPORT_RUNS = 40;

let store: Store;
let feed: LocalFeed;
let features: FeedFeature[];
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const endpoint = inject('ddbEndpoint');
  // A full run seeds the flagged demo in the background; wait for it (returns at once without browser tests).
  const template = openDemoTemplate('flagged', (await e2eReady()).demoTemplates, endpoint);
  if (template) store = template;
  else {
    // Without the browser tests' setup (this file alone): the demo items only, so no question is
    // overdue and no flag fires; a full run reads the template, where both are there to filter on.
    // A patient client: 300 items in one go on a DynamoDB Local shared with other files.
    store = createStore({ endpoint, table: `agree-${randomUUID().slice(0, 8)}`, timeoutMs: 30_000 });
    await ensureTable(store.raw, store.table);
    await batchPut(store, generateDemoItems({ count: DEMO_ITEM_COUNT }).map(toItemRecord), {
      concurrency: 2,
    });
  }
  feed = await startLocalFeed({ store, pollMs: 0 });
  app = createApp({ store, auth: refuseTokens, now: () => new Date(), feed: feed.reader });
  features = ((await json('/api/map/items')) as MapFeed).features;
  // As the map does: the overdue badge comes from its own request after the feed.
  markOverdue(features, new Set(((await json('/api/map/overdue')) as { ids: string[] }).ids));
}, 120_000);
afterAll(async () => {
  await feed?.stop();
  store?.raw.destroy();
});

async function json(path: string): Promise<unknown> {
  const res = await app.request(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function text(path: string): Promise<string> {
  const res = await app.request(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.text();
}

/** Every page of GET /api/items, following `next`. */
async function allItems(query: string, limit: number): Promise<ItemView[]> {
  const out: ItemView[] = [];
  let cursor: string | undefined;
  do {
    const page = (await json(
      `/api/items?${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    )) as { items: ItemView[]; next?: string };
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

interface Drawn {
  filters: Filters;
  contractor: string | null;
  limit: number;
}

/** The demo's own values, so drawn filters match something. */
function arbitraryFilters(): fc.Arbitrary<Drawn> {
  const demo = generateDemoItems({ count: DEMO_ITEM_COUNT });
  const props = features.map((f) => f.properties);
  const distinct = <T>(xs: T[]) => [...new Set(xs)].sort();
  const some = <T>(values: T[], max = 2) => fc.subarray(values, { minLength: 1, maxLength: max });
  const amounts = distinct(props.map((p) => p.p)).sort((a, b) => a - b);
  const amount = fc.option(fc.constantFrom(...amounts), { freq: 3, nil: null });
  const words = distinct(
    demo.flatMap((i) => Object.values(i.title).flatMap((t) => String(t).split(/[^\p{L}\d]+/u))),
  ).filter((w) => w.length >= 4);
  const bins = distinct(demo.flatMap((i) => (i.contractor?.bin ? [i.contractor.bin] : [])));
  return fc
    .record({
      areas: some(distinct(props.map((p) => p.a))),
      categories: some(distinct(props.map((p) => p.c))),
      statuses: some(distinct(props.map((p) => p.s))),
      states: some(distinct(props.map((p) => p.x))),
      years: some(distinct(props.map((p) => p.y))),
      bodies: some(distinct(props.map((p) => p.b))),
      min: amount,
      max: amount,
      flags: some(['any', ...distinct(props.flatMap((p) => p.f ?? []))], 2),
      q: fc.constantFrom(...words),
      contractor: fc.constantFrom(...bins),
      // A small page now and then, so the cursors are followed too.
      limit: fc.constantFrom(200, 200, 10),
    })
    .chain((drawn) =>
      // Every filter at once matches nothing, one alone matches much (each item read costs time):
      // each run keeps two or three kinds of filter.
      fc.subarray([...KINDS], { minLength: 2, maxLength: 3 }).map((kinds) => {
        const on = new Set<string>(kinds);
        const { min, max, contractor, limit } = drawn;
        const [lo, hi] = min !== null && max !== null && min > max ? [max, min] : [min, max];
        const filters = emptyFilters();
        for (const k of LIST_KINDS) if (on.has(k)) filters[k] = drawn[k] as never;
        if (on.has('amount')) Object.assign(filters, { minAmount: lo, maxAmount: hi });
        if (on.has('overdue')) filters.overdue = true;
        if (on.has('q')) filters.q = drawn.q;
        return { filters, contractor: on.has('contractor') ? contractor : null, limit };
      }),
    );
}

function apiQuery({ filters, contractor }: Drawn): string {
  const p = filterParams(filters, API_PARAM_NAMES);
  if (contractor) p.set('contractor', contractor);
  return p.toString();
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

describe('one filter model', () => {
  it(`item pages, the map feed, the stats and the exports (on ${EXPORT_RUNS} of ${RUNS}) agree on random filters`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryFilters(), async (drawn) => {
        const checkExports = run++ < EXPORT_RUNS;
        const query = apiQuery(drawn);
        const [items, stats] = await Promise.all([
          allItems(query, drawn.limit),
          json(`/api/stats${query ? `?${query}` : ''}`) as Promise<{
            totals: { count: number; planned: string; contracted: string; spent: string };
            flagged: number;
            byArea: { area: string; count: number }[];
          }>,
        ]);
        const ids = sorted(items.map((i) => i.id));
        expect(new Set(ids).size, `${query}: an item listed twice`).toBe(ids.length);

        // The map: the text query's ids come from /api/items?q=, as the web's search does.
        if (!drawn.contractor) {
          const searchIds = drawn.filters.q
            ? new Set((await allItems(`q=${encodeURIComponent(drawn.filters.q)}`, 200)).map((i) => i.id))
            : null;
          const shown = filterFeed(features, drawn.filters, searchIds);
          expect(sorted(shown.map((f) => f.properties.id)), `map feed, ${query}`).toEqual(ids);
        }

        const sum = (k: 'planned' | 'contracted' | 'spent') =>
          fromTiyn(items.reduce((s, i) => s + toTiyn(i.amounts[k]), 0n));
        expect(stats.totals, `stats, ${query}`).toEqual({
          count: ids.length,
          planned: sum('planned'),
          contracted: sum('contracted'),
          spent: sum('spent'),
        });
        const flagged = features.filter((f) => ids.includes(f.properties.id) && f.properties.f?.length);
        expect(stats.flagged, `stats flagged, ${query}`).toBe(flagged.length);
        const byArea = new Map<string, number>();
        for (const i of items) byArea.set(i.area, (byArea.get(i.area) ?? 0) + 1);
        expect(
          Object.fromEntries(stats.byArea.map((a) => [a.area, a.count])),
          `stats by area, ${query}`,
        ).toEqual(Object.fromEntries(byArea));

        if (!checkExports) return;
        const suffix = query ? `?${query}` : '';
        const [csv, geojson, oc4ids] = await Promise.all([
          text(`/api/export/items.csv${suffix}`),
          json(`/api/export/items.geojson${suffix}`) as Promise<{ features: { id: string }[] }>,
          json(`/api/export/oc4ids.json${suffix}`) as Promise<{ projects: { id: string }[] }>,
        ]);
        const rows = parseCsv(csv, { bom: true, columns: true }) as { id: string }[];
        expect(sorted(rows.map((r) => r.id)), `CSV, ${query}`).toEqual(ids);
        expect(sorted(geojson.features.map((f) => f.id)), `GeoJSON, ${query}`).toEqual(ids);
        expect(
          sorted(oc4ids.projects.map((p) => p.id.slice(PROJECT_ID_PREFIX.length))),
          `OC4IDS, ${query}`,
        ).toEqual(ids);
      }),
      { numRuns: RUNS, seed: 14, endOnFailure: true },
    );
  }, 120_000);
});
