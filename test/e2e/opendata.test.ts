/**
 * Open data in the browser: the download menu carries the current filter to the export API, and the
 * admin checks a budget file on the import page and reads the report — nothing written on a dry run.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_TOTP_SECRET } from '../../functions/auth/demo-users';
import { totpCode } from '../../functions/auth/totp';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';

const BUDGET_KK = fileURLToPath(new URL('../fixtures/opendata/budget-kk.csv', import.meta.url));

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

describe('open data in the web app', () => {
  it('offers downloads of what is on screen: the list filtered to Taraz exports Taraz', async () => {
    page = await (await browser.newContext()).newPage();
    await page.goto(`${hub.baseUrl}/list?area=taraz`);
    await page.getByText('Жүктеп алу').click({ timeout: 45_000 });
    const csv = page.getByRole('link', { name: 'CSV (кесте)' });
    const href = await csv.getAttribute('href');
    expect(href).toBe('/api/export/items.csv?area=taraz');
    const res = await fetch(`${hub.baseUrl}${href}`);
    expect(res.status).toBe(200);
    const rows = (await res.text()).trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.split(',').includes('taraz'))).toBe(true);
  });

  it('lets the admin dry-run a file and read the report', async () => {
    page = await (await browser.newContext()).newPage();
    await page.goto(hub.baseUrl);
    await page.getByRole('link', { name: 'Кіру' }).click({ timeout: 45_000 });
    await page.getByRole('button', { name: 'Сәуле Бекова ретінде кіру' }).click();
    // Admins sign in with a TOTP code: the one the demo authenticator secret gives now.
    await page.locator('input[name="totp"]').fill(totpCode(DEMO_TOTP_SECRET, new Date()));
    await page.locator('.auth-mfa button[type="submit"]').click();
    await expect
      .poll(() => page.getByRole('group', { name: 'Пайдаланушы' }).count(), { timeout: 15_000 })
      .toBe(1);
    await page.getByText('Жүктеп алу').click();
    await page.getByRole('link', { name: 'Деректерді импорттау' }).click();
    // Two inputs are labelled "Файл" on the page (ours and another feature's): pick ours by id.
    await page
      .locator('#opendata-file')
      .setInputFiles({ name: 'budget-kk.csv', mimeType: 'text/csv', buffer: readFileSync(BUDGET_KK) });
    expect(await page.getByLabel('Тек тексеру (ештеңе жазылмайды)').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Импорттау' }).click();
    await expect
      .poll(() => page.locator('.opendata-summary').textContent(), { timeout: 30_000 })
      .toContain('жаңа: 2');
    await expect.poll(() => page.locator('.opendata-dry-run').count()).toBe(1);
  });
});
