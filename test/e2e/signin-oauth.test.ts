/**
 * Signing in through managed login, as on the deployed site: the hub offers "sign in or create an
 * account", the browser goes to the provider (a stand-in for Cognito, test/support/oauth-provider.ts)
 * with a PKCE challenge, comes back to the site root with a code, and the API exchanges it. Real
 * Chromium, real HTTP, real jose keys; only the provider is a stand-in.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOAuthSignIn } from '../../functions/auth/oauth';
import type { Principal } from '../../shared/users';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';
import { type OAuthProvider, startOAuthProvider } from '../support/oauth-provider';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const user: Principal = { sub: 'cognito-user-7', name: 'Дана Серікова', roles: ['citizen'], bodies: [] };

let provider: OAuthProvider;
let hub: TestHub;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  provider = await startOAuthProvider({ clientId: 'e2e-web-client', user });
  const verifier = provider.verifier();
  // No demo data: signing in and out reads none, so the hub starts on an empty table (no demo copy).
  hub = await startTestHub({
    seed: false,
    deps: (baseUrl) => ({
      auth: verifier,
      oauth: createOAuthSignIn({
        settings: { hostedUiUrl: provider.url, clientId: provider.clientId, redirectUri: `${baseUrl}/` },
        verifier,
      }),
    }),
  });
  browser = await connectBrowser(inject('browserWsEndpoint'));
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await provider?.stop();
});
afterEach(async () => {
  await page?.context().close();
});

/** Opens the hub, follows "sign in" and presses the managed-login button. */
async function signInThroughProvider(opts: { bypassCSP?: boolean } = {}): Promise<void> {
  // Only the axe check bypasses the CSP: it injects axe's script inline.
  page = await (await browser.newContext({ locale: 'en-US', bypassCSP: opts.bypassCSP ?? false })).newPage();
  await page.goto(hub.baseUrl);
  // The first paint waits for the map app; on a busy machine that can take a while.
  await page.getByRole('link', { name: 'Кіру' }).click({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Кіру немесе тіркелу' }).click();
}

/** The sign-up step (web/src/privacy/signUpPage.ts): accepts the account text, leaves the channels unticked. */
async function acceptSignUp(): Promise<void> {
  const form = page.locator('form.signup-form');
  await form.waitFor({ timeout: 15_000 });
  expect(await form.getByRole('link', { name: 'Құпиялылық туралы хабарлама' }).getAttribute('href')).toBe(
    '/privacy',
  );
  expect(
    await Promise.all(['email', 'telegram'].map((p) => form.locator(`[data-signup="${p}"]`).isChecked())),
  ).toEqual([false, false]);
  expect(await form.locator('[data-signup="continue"]').isDisabled()).toBe(true);
  await form.locator('[data-signup="accept"]').check();
  await form.locator('[data-signup="continue"]').click();
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/');
}

const storedToken = () => page.evaluate(() => localStorage.getItem('obm.idToken'));

describe('managed login', () => {
  it('comes back from the provider signed in as its user, with the code gone from the address bar, and a new account accepts the sign-up notice first', async () => {
    await signInThroughProvider();
    const header = page.getByRole('group', { name: 'Пайдаланушы' });
    await expect.poll(() => header.textContent(), { timeout: 15_000 }).toContain(user.name);
    // A new account: the sign-up step, with the notice a click away and the channels unticked.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/sign-in/welcome');
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
    await acceptSignUp();
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.has('code'), url.searchParams.has('state')]).toEqual([
      '/',
      false,
      false,
    ]);
  });

  it('refuses an answer whose state this browser did not send, says so, and stores no token', async () => {
    provider.tamperNextState();
    await signInThroughProvider();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('кіру сеансы сәйкес келмейді');
    expect(await storedToken()).toBeNull();
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
  });

  it('signs out at the provider too and comes back offering sign-in again', async () => {
    await signInThroughProvider();
    const logoutsBefore = provider.logouts;
    await page.getByRole('button', { name: 'Шығу' }).click({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('link', { name: 'Кіру' }).count(), { timeout: 45_000 }).toBe(1);
    expect([provider.logouts - logoutsBefore, await storedToken()]).toEqual([1, null]);
  });

  it('shows the refusal on a sign-in page with no serious or critical axe violation', async () => {
    provider.tamperNextState();
    await signInThroughProvider({ bypassCSP: true });
    await page.getByRole('button', { name: 'Кіру немесе тіркелу' }).waitFor({ timeout: 15_000 });
    await page.getByRole('alert').waitFor();
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () => {
      type Result = { violations: { id: string; impact: string | null }[] };
      const axe = (window as unknown as { axe: { run(ctx: Document): Promise<Result> } }).axe;
      return (await axe.run(document)).violations;
    });
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
  });
});
