/**
 * The API docs page runs Swagger UI from a CDN, so it must not run as this origin: a signed-in
 * user's token lives in the app's storage. In a real browser the page is sandboxed (storage is out
 * of reach) and can still read the public OpenAPI document it renders.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  hub = await startTestHub({ seed: false });
  browser = await connectBrowser(inject('browserWsEndpoint'));
  page = await (await browser.newContext()).newPage();
  // The test machine is offline; the CDN's Swagger UI files are refused at once instead of timing out.
  await page.route('https://cdn.jsdelivr.net/**', (route) => route.abort());
  await page.goto(`${hub.baseUrl}/api/docs`);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('GET /api/docs in a browser', () => {
  it('cannot read the app origin’s storage, where the sign-in token is kept', async () => {
    const outcome = await page.evaluate(() => {
      try {
        return `read ${localStorage.length} keys`;
      } catch (err) {
        return (err as Error).name;
      }
    });
    expect(outcome).toBe('SecurityError');
  });

  it('can still fetch the OpenAPI document it renders', async () => {
    const version = await page.evaluate(async () => {
      const res = await fetch('/api/openapi.json');
      return ((await res.json()) as { openapi: string }).openapi;
    });
    expect(version).toBe('3.1.0');
  });
});
