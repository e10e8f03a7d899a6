/**
 * The only importer of the browser driver. Resolves Chromium as the brief says: CHROME_PATH, then a
 * system chromium, then the Chromium shipped in the npm package @sparticuz/chromium (runs headless
 * here with WebGL), so `npm ci && npm test` needs nothing installed by hand.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserServer, chromium, type Page, type Request } from 'playwright-core';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

// Without these, Chromium reaches for Google's hosts, which a closed network refuses noisily.
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export async function resolveChromium(): Promise<{ executablePath: string; args: string[] }> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv))
    return {
      executablePath: fromEnv,
      args: [...QUIET_ARGS, '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    };
  const system = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
  if (system)
    return {
      executablePath: system,
      args: [...QUIET_ARGS, '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    };
  const sparticuz = (await import('@sparticuz/chromium')).default;
  const executablePath = await sparticuz.executablePath();
  const args = sparticuz.args.filter((a: string) => !a.startsWith('--single-process'));
  return { executablePath, args: [...new Set([...args, ...QUIET_ARGS])] };
}

export async function launchBrowserServer(): Promise<BrowserServer> {
  const { executablePath, args } = await resolveChromium();
  return chromium.launchServer({ executablePath, args, headless: true });
}

export async function connectBrowser(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}

/**
 * Follows `page`'s requests from now on; `settled()` resolves once the page is done loading what it
 * asked for. Playwright's `networkidle` is that plus a fixed 500 ms of silence, paid after every page
 * load and every language switch (over 90 times in the phone and no-English files). Here the wait ends
 * on events instead: no request in flight, then two animation frames and a task (the page has drawn
 * the last answer and run its effects, which start any follow-up request), and still none in flight.
 * Attach it before the page loads anything, so no request goes unseen.
 */
export function followRequests(page: Page): { settled(opts?: { timeout?: number }): Promise<void> } {
  const inFlight = new Set<Request>();
  let changed: () => void = () => undefined;
  const done = (r: Request) => {
    inFlight.delete(r);
    changed();
  };
  page.on('request', (r) => inFlight.add(r));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  const noneInFlight = () =>
    inFlight.size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          changed = () => {
            if (inFlight.size === 0) resolve();
          };
        });
  const drawn = () =>
    page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))),
        ),
    );
  return {
    async settled({ timeout = 30_000 } = {}) {
      const deadline = Date.now() + timeout;
      await page.waitForLoadState('load', { timeout });
      for (;;) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`requests still in flight after ${timeout} ms`);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          noneInFlight(),
          new Promise<void>((r) => {
            timer = setTimeout(r, left);
          }),
        ]);
        clearTimeout(timer);
        if (inFlight.size > 0) continue;
        // A navigation meanwhile destroys the evaluation's context: its requests are then in flight.
        const ok = await drawn().then(
          () => true,
          () => false,
        );
        if (ok && inFlight.size === 0) return;
        if (page.isClosed()) throw new Error('the page closed before its requests settled');
      }
    },
  };
}

export type { Browser, Page } from 'playwright-core';
