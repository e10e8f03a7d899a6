/**
 * Accessibility and the phone layout: axe-core finds no serious or critical violation on the map,
 * list and item views, and at 360 px the map/list toggle works and the item panel is a bottom sheet.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MapFeed } from '../../shared/feed';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { sharedDemoHub, type TestHub } from '../support/hub';
import { MapDriver } from '../support/map-driver';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let hub: TestHub;
let browser: Browser;
let page: Page;
let itemId: string;

beforeAll(async () => {
  // Read only: the run's shared demo hub (test/support/hub.ts), not stopped here.
  hub = await sharedDemoHub();
  browser = await connectBrowser(inject('browserWsEndpoint'));
  const feed = (await (await fetch(`${hub.baseUrl}/api/map/items`)).json()) as MapFeed;
  itemId = feed.features[0]!.properties.id;
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.context().close();
});

async function open(
  path: string,
  viewport = { width: 1280, height: 800 },
  { mapDrawn = true, requests }: { mapDrawn?: boolean; requests?: string[] } = {},
): Promise<MapDriver> {
  // The page's CSP forbids inline scripts, axe's injected one included; only this context bypasses it.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  page = await context.newPage();
  if (requests) page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const app = new MapDriver(page, hub.baseUrl);
  if (mapDrawn) await app.open(path);
  else await page.goto(new URL(path, hub.baseUrl).toString());
  return app;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(): Promise<{ id: string; help: string; targets: string[] }[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

describe('accessibility (axe-core)', { timeout: 150_000 }, () => {
  it('finds no serious or critical violation on the map view', async () => {
    await open('/');
    expect(await seriousViolations()).toEqual([]);
  });

  it('finds no serious or critical violation on the list view', async () => {
    await open('/list');
    await page.waitForSelector('#items-table tbody tr');
    expect(await seriousViolations()).toEqual([]);
  });

  it('finds no serious or critical violation on the item view', async () => {
    const app = await open(`/items/${itemId}`);
    await app.openedItem();
    expect(await seriousViolations()).toEqual([]);
  });

  it('has the landmarks a screen reader jumps between', async () => {
    await open('/');
    expect(
      await page.$$eval('header, main, nav', (els) => els.map((e) => e.tagName.toLowerCase()).sort()),
    ).toEqual(['header', 'main', 'nav']);
    expect(await page.getAttribute('a.skip', 'href')).toBe('#main');
  });
});

describe('phone (360 px)', { timeout: 150_000 }, () => {
  const phone = { width: 360, height: 740 };

  it('toggles between the map and the list', async () => {
    const app = await open('/', phone);
    expect(await page.isVisible('#map')).toBe(true);
    await app.switchToList();
    expect(await page.isVisible('#items-table')).toBe(true);
    expect(await page.isVisible('#map')).toBe(false);
  });

  it('shows the item panel as a bottom sheet over the map', async () => {
    // The sheet covers the map: MapLibre waits for it to close (web/src/map/startRule.ts).
    const app = await open(`/items/${itemId}`, phone, { mapDrawn: false });
    await app.openedItem();
    const sheet = await page.$eval('#item-panel', (el) => {
      const r = el.getBoundingClientRect();
      return {
        position: getComputedStyle(el).position,
        bottom: Math.round(r.bottom),
        width: Math.round(r.width),
      };
    });
    expect(sheet).toEqual({ position: 'fixed', bottom: phone.height, width: phone.width });
  });

  it('loads MapLibre under an item sheet only once the sheet is closed', async () => {
    const requests: string[] = [];
    const app = await open(`/items/${itemId}`, phone, { mapDrawn: false, requests });
    await app.openedItem();
    // Two frames after load: an unheld map has asked for MapLibre by then (on load, or its first frame).
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const maplibreRequested = () => requests.some((p) => /^\/assets\/maplibre-gl-[^/]*\.js$/.test(p));
    expect(maplibreRequested()).toBe(false);
    await page.click('#item-panel button.close');
    await app.waitForItemsDrawn();
    expect(maplibreRequested()).toBe(true);
  });

  it('keeps the page within the screen width', async () => {
    await open('/', phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  });
});
