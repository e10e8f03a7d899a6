/**
 * The club pages a reader reaches without signing in — the sessions list, a past session with its
 * outcomes and minutes, the printable minutes — have no serious or critical axe-core violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { sharedDemoHub, type TestHub } from '../support/hub';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let hub: TestHub;
let browser: Browser;
let page: Page;
let pastId: string;

beforeAll(async () => {
  // Read only: the run's shared demo hub (test/support/hub.ts), whose demo seeds the club's sessions.
  hub = await sharedDemoHub();
  pastId = (await (await fetch(`${hub.baseUrl}/api/sessions?when=past`)).json()).sessions[0].id;
  browser = await connectBrowser(inject('browserWsEndpoint'));
}, 240_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.context().close();
});

async function open(path: string, ready: string): Promise<void> {
  // The page's CSP forbids inline scripts, axe's injected one included; only this context bypasses it.
  page = await (await browser.newContext({ bypassCSP: true })).newPage();
  await page.goto(`${hub.baseUrl}${path}`);
  await page.waitForSelector(ready, { timeout: 20_000 });
}

async function seriousViolations() {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(d: Document): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations as Array<{
      id: string;
      impact: string | null;
      nodes: unknown[];
    }>;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

describe('club pages (axe-core)', () => {
  it('finds no serious or critical violation on the sessions list', async () => {
    await open('/sessions', '[data-testid="past"] li');
    expect(await seriousViolations()).toEqual([]);
  });

  it('finds no serious or critical violation on a past session with outcomes and minutes', async () => {
    await open(`/sessions/${pastId}`, 'article.outcome');
    expect(await seriousViolations()).toEqual([]);
  });

  it('finds no serious or critical violation on the printable minutes', async () => {
    await open(`/sessions/${pastId}/print/minutes`, '[data-testid="print-doc"] tbody tr');
    expect(await seriousViolations()).toEqual([]);
  });
});
