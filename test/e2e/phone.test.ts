/**
 * Phone first, at 360×740: no page scrolls sideways, the header stays compact, the list fills the
 * screen, and the item sheet opened from the list fits with its close button on screen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MapFeed } from '../../shared/feed';
import { type Browser, connectBrowser, followRequests, type Page } from '../support/browser';
import { sharedDemoHub, type TestHub } from '../support/hub';

const PHONE = { width: 360, height: 740 };

let hub: TestHub;
let browser: Browser;
let page: Page;
let requests: ReturnType<typeof followRequests>;
let itemId: string;
let sessionId: string | undefined;
let bodyId: string;

beforeAll(async () => {
  // Read only: the run's shared demo hub (test/support/hub.ts), not stopped here.
  hub = await sharedDemoHub();
  browser = await connectBrowser(inject('browserWsEndpoint'));
  const feed = (await (await fetch(`${hub.baseUrl}/api/map/items`)).json()) as MapFeed;
  itemId = feed.features[0]!.properties.id;
  bodyId = feed.features[0]!.properties.b;
  const past = (await (await fetch(`${hub.baseUrl}/api/sessions?when=past`)).json()) as {
    sessions: { id: string }[];
  };
  sessionId = past.sessions[0]?.id;
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.context().close();
});

async function open(path: string): Promise<void> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  page = await context.newPage();
  requests = followRequests(page);
  await page.goto(new URL(path, hub.baseUrl).toString());
  await page.waitForSelector('header.top');
  // Pages draw after their data arrives: wait until it has come and been drawn.
  await requests.settled();
}

const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

describe('phone (360×740)', { timeout: 120_000 }, () => {
  const paths = () => [
    '/',
    '/list',
    `/items/${itemId}`,
    `/items/${itemId}?view=list`,
    '/sessions',
    ...(sessionId ? [`/sessions/${sessionId}`] : []),
    '/questions/mine',
    '/inbox',
    '/responsiveness',
    '/sign-in',
    '/moderation',
    '/admin',
    '/admin/import',
    `/bodies/${bodyId}`,
    `/bodies/${bodyId}/contacts`,
    '/my/notifications',
    '/my/feed',
    '/flags',
  ];

  it('scrolls no page sideways, in kk, ru or en', async () => {
    const wide: string[] = [];
    for (const path of paths()) {
      await open(path);
      // kk first; ru and en through the header's buttons (every page re-renders in place): Russian
      // and English words are longer, so a page that fits in Kazakh may not in them.
      for (const lang of ['kk', 'ru', 'en']) {
        if (lang !== 'kk') {
          await page.locator(`button[data-lang="${lang}"]`).click();
          await page.waitForFunction((l) => document.documentElement.lang === l, lang);
          await requests.settled();
        }
        const width = await pageWidth();
        if (width > PHONE.width) wide.push(`${path} (${lang}): ${width}px`);
      }
      await page.context().close();
    }
    expect(wide).toEqual([]);
  });

  it('keeps the header within 96 px', async () => {
    await open('/');
    const height = await page.evaluate(
      () => document.querySelector('header.top')!.getBoundingClientRect().height,
    );
    expect(height).toBeLessThanOrEqual(96);
  });

  it('lets the list fill the screen below the toolbar', async () => {
    await open('/list');
    await page.waitForSelector('#items-table tbody tr');
    const box = await page.evaluate(() => {
      const r = document.querySelector('.list-wrap')!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    expect(box.bottom).toBeGreaterThanOrEqual(PHONE.height - 2);
  });

  it('opens the item sheet from the list within the screen, its close button visible', async () => {
    await open('/list');
    await page.waitForSelector('#items-table tbody tr a[data-item-id]');
    await page.click('#items-table tbody tr a[data-item-id]');
    await page.waitForSelector('#item-panel[data-item-id]');
    const sheet = await page.evaluate(() => {
      const r = document.querySelector('#item-panel')!.getBoundingClientRect();
      const c = document.querySelector('#item-panel button.close')!.getBoundingClientRect();
      return { left: r.left, right: r.right, closeLeft: c.left, closeRight: c.right, closeTop: c.top };
    });
    expect(sheet.left).toBeGreaterThanOrEqual(0);
    expect(sheet.right).toBeLessThanOrEqual(PHONE.width);
    expect(sheet.closeRight).toBeLessThanOrEqual(PHONE.width);
    expect(sheet.closeTop).toBeGreaterThanOrEqual(0);
    expect(sheet.closeTop).toBeLessThan(PHONE.height);
  });
});
