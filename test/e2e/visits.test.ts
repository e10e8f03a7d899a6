/**
 * Site visits in a real browser on a 360 px phone: the browser's position is granted near the item
 * (`context.setGeolocation`), a GPS-tagged photo made here is attached, and the page shows only
 * distances ("reported within 300 m (phone position, not verified)"), the contested milestone, and
 * the counts. Offline: a visit saved with no signal waits on the phone, the app reopens with no
 * signal (service worker), and going back online sends the visit exactly once.
 */

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { putItem } from '../../functions/data/items';
import { getVisitSummary } from '../../functions/services/site-visits';
import type { Item } from '../../shared/item';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { sampleItem } from '../support/fixtures';
import { startTestHub, type TestHub } from '../support/hub';
import { VisitDriver } from '../support/visit-driver';

const visitor = user('citizen', { sub: 'e2e-visitor', name: 'Aigerim Visitor' });
let hub: TestHub;
let auth: TestAuth;
let browser: Browser;
const pages: Page[] = [];

/** The item's point is [71.37, 42.9]; 0.0025° north is about 278 m. */
const NEAR = { latitude: 42.9025, longitude: 71.37, accuracy: 20 };

async function phoneAs(who: Principal, geolocation = NEAR): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 360, height: 780 },
    isMobile: true,
    hasTouch: true,
    permissions: ['geolocation'],
    geolocation,
  });
  const token = await auth.tokenFor(who);
  await context.addInitScript((t) => {
    localStorage.setItem('obm.lang', 'en');
    localStorage.setItem('obm.idToken', t);
  }, token);
  const page = await context.newPage();
  pages.push(page);
  return page;
}

/** A JPEG whose EXIF says it was taken at the item's point (42°54'0" N, 71°22'12" E). */
function gpsPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: '#8a6' } })
    .jpeg()
    .withExif({
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '42/1 54/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '71/1 22/1 12/1',
      },
    })
    .toBuffer();
}

async function schoolItem(): Promise<Item> {
  const item = sampleItem({
    category: 'education',
    milestones: [
      { id: 'm-roof', title: { en: 'Roof replaced' }, due: '2026-04-01', met: '2026-03-28', status: 'met' },
    ],
  });
  await putItem(hub.store, item);
  return item;
}

beforeAll(async () => {
  auth = await testAuth();
  hub = await startTestHub({ seed: false, deps: { auth: auth.verifier } });
  browser = await connectBrowser(inject('browserWsEndpoint'));
});
afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser?.close();
  await hub?.stop();
});

describe('site visits on a phone', { timeout: 180_000 }, () => {
  it('a visit near the item shows "within 300 m", the photo its own signal, and the contested milestone', async () => {
    const item = await schoolItem();
    const visit = new VisitDriver(await phoneAs(visitor));
    await visit.open(hub.baseUrl, item.id);
    await visit.mark('Roof', 'Problem');
    await visit.allowPositions();
    await visit.attachPhoto('Roof', await gpsPhoto());
    await visit.waitForPosition();
    await visit.mark('Object signboard (contractor, deadline)', 'OK');
    await visit.verdict('What is on site does not match the reported status');
    await visit.stance('Contests the milestone marked met: Roof replaced');
    await visit.send();
    await expect.poll(() => visit.status(), { timeout: 30_000 }).toBe('The visit was sent.');
    await expect
      .poll(() => visit.presenceTexts(), { timeout: 15_000 })
      .toEqual([
        'reported within 300 m (phone position, not verified) · photo taken within 50 m (photo location, not verified)',
      ]);
    const summary = await visit.summary();
    expect(summary).toContain('Visited 1 time · found problems: 1');
    expect(summary).toContain('Roof replaced: contested on site by 1 person');
    // Nothing on the page gives the visitor's position (42.9025) away; the item's own point is public.
    expect(await visit.page.content()).not.toMatch(/42\.902/);
    // A phone's width: nothing scrolls sideways.
    expect(await visit.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Another reader sees the photo, with a "Flag" of its own (a photo is moderated on its own);
    // the visitor has none on their own photo.
    expect(await visit.photos()).toEqual([{ label: 'Photo 1: Roof', flag: false }]);
    const reader = new VisitDriver(
      await phoneAs(user('citizen', { sub: 'e2e-reader', name: 'Dana Reader' })),
    );
    await reader.open(hub.baseUrl, item.id);
    await expect
      .poll(() => reader.photos(), { timeout: 15_000 })
      .toEqual([{ label: 'Photo 1: Roof', flag: true }]);
  });

  it('a visit saved with no signal waits on the phone, survives a reload with no signal, and is sent once', async () => {
    const item = await schoolItem();
    const page = await phoneAs(visitor);
    const visit = new VisitDriver(page);
    await visit.open(hub.baseUrl, item.id);
    // The service worker keeps the app shell once the page is idle (web/src/pwa/index.ts).
    await page.locator('html[data-offline="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
    // No signal: `setOffline` does not cover the service worker's own requests, so they are aborted too.
    const context = page.context();
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    await visit.mark('Heating', 'Cannot tell');
    await visit.allowPositions();
    await visit.attachPhoto('Heating', await gpsPhoto());
    await visit.waitForPosition();
    await visit.send();
    await expect
      .poll(() => visit.status(), { timeout: 15_000 })
      .toBe('No signal: the visit is kept on this phone and is sent when the signal returns.');
    expect(await visit.pending()).toContain('1 visit waiting to be sent');

    // Reloaded with no signal, the app still opens (from the service worker's copy).
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => document.getElementById('app')?.childElementCount ?? 0), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    expect((await getVisitSummary(hub.store, item.id)).visits).toBe(0);

    // Back in town: the app is opened again with signal, and sends what waited at start-up.
    await context.unroute('**/*');
    await context.setOffline(false);
    await page.reload();
    await visit.form().waitFor({ timeout: 30_000 });
    // The photo is uploaded and re-encoded before the visit goes: allow a loaded machine its time.
    await expect
      .poll(async () => (await getVisitSummary(hub.store, item.id)).visits, { timeout: 60_000 })
      .toBe(1);
    await expect.poll(() => visit.pending(), { timeout: 15_000 }).toBe('');
    expect((await getVisitSummary(hub.store, item.id)).visits).toBe(1);
  });
});
