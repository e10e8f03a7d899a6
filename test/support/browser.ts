/**
 * The only importer of the browser driver. Resolves Chromium as the brief says: CHROME_PATH, then a
 * system chromium, then the Chromium shipped in the npm package @sparticuz/chromium (runs headless
 * here with WebGL), so `npm ci && npm test` needs nothing installed by hand.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserServer, chromium } from 'playwright-core';

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

export type { Browser, Page } from 'playwright-core';
