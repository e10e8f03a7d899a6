/**
 * Signing in locally: a newcomer opens the hub, follows "sign in", picks a demo user from the
 * local-only list, and the header shows their name and role badge — two clicks, real tokens signed
 * by the local issuer and verified by the production verifier over the local JWKS.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_TOTP_SECRET, DEMO_USERS } from '../../functions/auth/demo-users';
import { isStaff } from '../../functions/auth/mfa';
import { totpCode } from '../../functions/auth/totp';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  hub = await startTestHub({ localSignIn: true });
  browser = await connectBrowser(inject('browserWsEndpoint'));
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});
afterEach(async () => {
  await page?.context().close();
});

const roadsOfficial = DEMO_USERS.find((u) => u.bodies.includes('zha-roads'))!;

async function signInAs(name: string): Promise<void> {
  page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(hub.baseUrl);
  // The first paint waits for the map app; on a busy machine that can take a while.
  await page.getByRole('link', { name: 'Кіру' }).click({ timeout: 45_000 });
  await expect.poll(() => page.getByRole('note').textContent()).toContain('Тек жергілікті');
  await page.getByRole('button', { name: `${name} ретінде кіру` }).click();
  // Staff give the code of the demo authenticator secret, as a newcomer's app would show it.
  const demo = DEMO_USERS.find((u) => u.name === name);
  if (demo && isStaff(demo)) await enterCode();
}

async function enterCode(): Promise<void> {
  await page.locator('input[name="totp"]').fill(totpCode(DEMO_TOTP_SECRET, new Date()));
  await page.locator('.auth-mfa button[type="submit"]').click();
}

describe('local sign-in', () => {
  it('signs in as the roads official with a TOTP code, after showing the key to enrol, and shows a badge naming their body', async () => {
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(hub.baseUrl);
    await page.getByRole('link', { name: 'Кіру' }).click({ timeout: 45_000 });
    await page.getByRole('button', { name: `${roadsOfficial.name} ретінде кіру` }).click();
    await expect.poll(() => page.locator('.auth-mfa-secret').textContent()).toBe(DEMO_TOTP_SECRET);
    expect(await page.locator('.auth-mfa-enrol a').getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
    await enterCode();
    // A demo user has signed up already (functions/auth/demo-users.ts): no sign-up step.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/');
    const user = page.getByRole('group', { name: 'Пайдаланушы' });
    await expect.poll(() => user.textContent(), { timeout: 15_000 }).toContain(roadsOfficial.name);
    await expect
      .poll(() => user.getByRole('listitem').first().textContent())
      .toBe('Лауазымды тұлға · Жамбыл облысының жолаушылар көлігі және автомобиль жолдары басқармасы');
  });

  it('signs out and the header offers sign-in again', async () => {
    await signInAs('Сәуле Бекова');
    await page.getByRole('button', { name: 'Шығу' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Кіру' }).count()).toBe(1);
  });

  it('lets the admin grant a role from the administration page and shows who did it in the change log', async () => {
    await signInAs('Сәуле Бекова');
    await page.getByRole('link', { name: 'Жүйені басқару' }).click();
    const aigerim = page.locator('li[data-sub="demo-citizen-aigerim"]');
    await aigerim.getByRole('checkbox', { name: 'Модератор' }).check();
    // A grant applies only once confirmed, and then says so beside the user.
    await aigerim.getByRole('button', { name: 'Растау' }).click();
    await expect
      .poll(() => aigerim.getByRole('status').textContent(), { timeout: 15_000 })
      .toContain('Сақталды.');
    await expect
      .poll(() => page.locator('.auth-admin-changes li').first().textContent(), { timeout: 15_000 })
      .toContain('Сәуле Бекова: demo-citizen-aigerim пайдаланушысына «Модератор» рөлі берілді');
    expect(await aigerim.getByRole('checkbox', { name: 'Модератор' }).isChecked()).toBe(true);
  });

  it('does not offer the administration link to a citizen', async () => {
    await signInAs('Нұрлан Әбенов');
    await expect.poll(() => page.getByRole('button', { name: 'Шығу' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('link', { name: 'Жүйені басқару' }).count()).toBe(0);
  });

  it('returns to the page the user was on after following its "sign in to …" link', async () => {
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${hub.baseUrl}/questions/mine`);
    await page
      .getByRole('link', { name: 'Сұрақтарыңызды көру үшін жүйеге кіріңіз.' })
      .click({ timeout: 45_000 });
    await page.getByRole('button', { name: 'Нұрлан Әбенов ретінде кіру' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/questions/mine');
  });

  it('shows the sign-in page in the language just chosen, without reloading it', async () => {
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${hub.baseUrl}/sign-in`);
    await expect
      .poll(() => page.locator('#auth-title').textContent(), { timeout: 45_000 })
      .toBe('Жүйеге кіру');
    await page.locator('button[data-lang="ru"]').click();
    await expect.poll(() => page.locator('#auth-title').textContent()).toBe('Вход');
    // The demo users arrive after the heading (a fetch): wait for them rather than count too early.
    await expect.poll(() => page.getByRole('button', { name: 'Войти как Нұрлан Әбенов' }).count()).toBe(1);
  });
});
