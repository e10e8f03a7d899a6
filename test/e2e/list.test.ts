/**
 * The list view as the keyboard-and-screen-reader alternative to the map: reached, sorted, paged
 * and opened with the keyboard alone.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { sharedDemoHub, type TestHub } from '../support/hub';
import { MapDriver } from '../support/map-driver';

let hub: TestHub;
let browser: Browser;
let page: Page;
let app: MapDriver;

beforeAll(async () => {
  // Read only: the run's shared demo hub (test/support/hub.ts), not stopped here.
  hub = await sharedDemoHub();
  browser = await connectBrowser(inject('browserWsEndpoint'));
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

/** Presses Tab until the focused element matches `selector` (at most `max` times). */
async function tabTo(selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('list view by keyboard', { timeout: 150_000 }, () => {
  it('is reached from the view switch with Tab and Enter', async () => {
    await app.open('/');
    await tabTo('.view-toggle button[data-view="list"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#items-table tbody tr');
    expect(app.path()).toBe('/list');
    expect(await page.getAttribute('.view-toggle button[data-view="list"]', 'aria-pressed')).toBe('true');
  });

  it('sorts by execution from the column header and announces the order with aria-sort', async () => {
    await app.open('/list');
    await page.waitForSelector('#items-table tbody tr');
    await tabTo('button.sort[data-sort="execution"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('th[aria-sort="descending"] button[data-sort="execution"]');
    expect(app.path()).toBe('/list?sort=execution-desc');
    expect(await focused()).toMatch(/./);
    await page.keyboard.press('Enter');
    await page.waitForSelector('th[aria-sort="ascending"] button[data-sort="execution"]');
    const shown = await page.$$eval('#items-table tbody td:nth-child(4)', (tds) =>
      tds.map((td) => td.textContent ?? ''),
    );
    const numbers = shown.map((s) => Number.parseFloat(s.replace(/[^\d,.]/g, '').replace(',', '.')));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('pages forward with the keyboard and keeps focus on the pager', async () => {
    await app.open('/list');
    await page.waitForSelector('#items-table tbody tr');
    const firstBefore = await page.textContent('#items-table tbody tr th');
    await tabTo('.pager button:not([disabled])');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.search.includes('page=2'));
    expect(await page.textContent('#items-table tbody tr th')).not.toBe(firstBefore);
    expect(await page.evaluate(() => document.activeElement?.closest('.pager') !== null)).toBe(true);
  });

  it('opens the item of a row with Enter, highlights its row, and Escape returns focus to it', async () => {
    await app.open('/list');
    await page.waitForSelector('#items-table tbody tr th a');
    await page.waitForFunction(
      () => !/…/.test(document.querySelector('#items-table tbody tr th a')?.textContent ?? '…'),
    );
    await tabTo('#items-table tbody tr th a');
    const rowTitle = await focused();
    const rowId = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.itemId);
    await page.keyboard.press('Enter');
    const opened = await app.openedItem();
    expect(opened.id).toBe(rowId);
    expect(opened.title).toBe(rowTitle);
    expect(await page.getAttribute(`tr[data-item-id="${rowId}"]`, 'class')).toContain('selected');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#item-panel', { state: 'hidden' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.itemId)).toBe(rowId);
  });
});
