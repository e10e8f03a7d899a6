/**
 * The map screen in a real Chromium against the built app, the API and DynamoDB Local with the
 * demo data: pins and clusters, filters in the URL, opening items by pin and by link, languages,
 * and that the page talks to no host but its own.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { FeedFeature, MapFeed } from '../../shared/feed';
import type { ItemView } from '../../shared/item';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { sharedDemoHub, type TestHub } from '../support/hub';
import { MapDriver } from '../support/map-driver';

let hub: TestHub;
let browser: Browser;
let page: Page;
let app: MapDriver;
let feed: FeedFeature[];

async function item(id: string): Promise<ItemView> {
  return (await fetch(`${hub.baseUrl}/api/items/${id}`)).json() as Promise<ItemView>;
}

beforeAll(async () => {
  // Read only: the run's shared demo hub (test/support/hub.ts), not stopped here.
  hub = await sharedDemoHub();
  browser = await connectBrowser(inject('browserWsEndpoint'));
  feed = ((await (await fetch(`${hub.baseUrl}/api/map/items`)).json()) as MapFeed).features;
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  app = new MapDriver(page, hub.baseUrl);
});
afterEach(async () => {
  await page.context().close();
});

describe('map', { timeout: 150_000 }, () => {
  it('draws the demo items as clusters with counts over the whole region', async () => {
    await app.open('/');
    const drawn = await app.rendered();
    expect(drawn.clusters).toBeGreaterThan(0);
  });

  it('draws single pins once zoomed into a street', async () => {
    const target = feed[0]!;
    await app.open('/');
    await app.zoomTo(target.geometry.coordinates, 15);
    expect((await app.rendered()).pins).toContain(target.properties.id);
  });

  it('opens the clicked pin’s item in the panel and puts it in the URL', async () => {
    const target = feed[1]!;
    await app.open('/');
    await app.zoomTo(target.geometry.coordinates, 16);
    await app.clickPin(target.properties.id);
    const opened = await app.openedItem();
    expect(opened.id).toBe(target.properties.id);
    expect(opened.title).toBe(
      (await item(target.properties.id)).title.kk ?? (await item(target.properties.id)).title.ru,
    );
    expect(app.path()).toBe(`/items/${target.properties.id}`);
  });

  it('opens an item straight from a deep link, labelled as demo data', async () => {
    const target = feed[2]!;
    await app.open(`/items/${target.properties.id}`);
    const opened = await app.openedItem();
    expect(opened.id).toBe(target.properties.id);
    expect(await page.textContent('.demo-badge')).toMatch(/ДЕМО/);
  });

  it('narrows the shown items to one area, writes it to the URL, and Back restores them', async () => {
    await app.open('/');
    const before = await app.shownSummary();
    const inShu = feed.filter((f) => f.properties.a === 'shu').length;
    await app.filterByArea('shu');
    await page.waitForFunction((s) => document.querySelector('#shown-summary')?.textContent !== s, before);
    expect(await app.shownSummary()).toMatch(new RegExp(`^${inShu}\\D`));
    expect(app.path()).toBe('/?area=shu');
    await app.settle();
    await page.goBack();
    await page.waitForFunction((s) => document.querySelector('#shown-summary')?.textContent === s, before);
    expect(await page.inputValue('#f-area')).toBe('');
  });

  it('shows only items with an overdue answer, ringed, when the overdue filter is ticked', async () => {
    const { ids } = (await (await fetch(`${hub.baseUrl}/api/map/overdue`)).json()) as { ids: string[] };
    const overdue = feed.filter((f) => ids.includes(f.properties.id));
    expect(overdue.length).toBeGreaterThan(0);
    await app.open('/');
    await page.check('#f-overdue');
    await page.waitForFunction(
      (n) => new RegExp(`^${n}\\D`).test(document.querySelector('#shown-summary')?.textContent ?? ''),
      overdue.length,
    );
    expect(app.path()).toBe('/?overdue=1');
    const target = overdue[0]!;
    await app.zoomTo(target.geometry.coordinates, 15);
    const drawn = await app.rendered();
    expect(drawn.pins).toContain(target.properties.id);
    expect(drawn.pins.every((id) => ids.includes(id))).toBe(true);
    expect(await app.overdueRings()).toContain(target.properties.id);
  });

  it('switches the interface to Russian and remembers it on the next visit', async () => {
    await app.open('/');
    await app.setLanguage('ru');
    expect(await page.textContent('#filters-heading')).toBe('Фильтры');
    await app.open('/');
    expect(await page.textContent('#filters-heading')).toBe('Фильтры');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
  });

  it('asks no host but its own for anything, basemap included, and breaks no CSP rule', async () => {
    const foreign: string[] = [];
    const cspErrors: string[] = [];
    const own = new URL(hub.baseUrl).host;
    page.on('request', (r) => {
      const url = new URL(r.url());
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== own) foreign.push(r.url());
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await app.open(`/items/${feed[3]!.properties.id}`);
    await app.openedItem();
    await app.switchToList();
    expect(foreign).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
