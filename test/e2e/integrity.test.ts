/**
 * The integrity lens on a phone (360 px): the /flags page ranks flagged items, contractors and bodies
 * and leads to a contractor's page, without scrolling sideways. One hub with the demo data and the
 * flag job run; one browser page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { IntegrityDriver, startFlaggedHub } from '../support/integrity-driver';

const PHONE = { width: 360, height: 740 };

let stopHub: () => Promise<void>;
let browser: Browser;
let page: Page;
let app: IntegrityDriver;

beforeAll(async () => {
  const started = await startFlaggedHub();
  stopHub = started.stop;
  browser = await connectBrowser(inject('browserWsEndpoint'));
  page = await (await browser.newContext({ viewport: PHONE })).newPage();
  app = new IntegrityDriver(page, started.hub.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await stopHub?.();
});

describe('integrity lens on a phone', { timeout: 120_000 }, () => {
  it('ranks flagged items, contractors and bodies on /flags and links to the contractor', async () => {
    await app.openFlagsPage();
    expect((await app.ranking('items')).length).toBeGreaterThan(0);
    expect((await app.ranking('body')).length).toBeGreaterThan(0);
    const [top] = await app.ranking('contractor');
    expect(await app.openTopContractor()).toBe(`/contractors/${top}`);
    expect(await app.pageWidth()).toBeLessThanOrEqual(PHONE.width);
  });
});
