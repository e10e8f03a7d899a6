/**
 * Club sessions in a real browser, signed in through the local issuer as the demo club secretary:
 * build the next agenda from the item panel, reorder it with the keyboard, publish a new version
 * with a change note, hold the session and record an outcome, open the printable agenda; and the
 * public page shows the demo club's figures (5 sessions held, 15 questions considered).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_TOTP_SECRET } from '../../functions/auth/demo-users';
import { totpCode } from '../../functions/auth/totp';
import { getItem } from '../../functions/data/items';
import { seedDemoSessions } from '../../functions/demo/sessions';
import type { MapFeed } from '../../shared/feed';
import type { Item } from '../../shared/item';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';

const SECRETARY = 'Гүлнара Төлеуова';

let hub: TestHub;
let browser: Browser;
let page: Page;
let newItemId: string;
let nextSessionId: string;

// The hub's clock: a session can be marked held only once it has started (shared/sessions.ts), so the
// test moves the clock past the next session's start before it marks it held.
let clock = new Date();

beforeAll(async () => {
  hub = await startTestHub({ localSignIn: true, deps: { now: () => clock } });
  const feed = (await (await fetch(`${hub.baseUrl}/api/map/items`)).json()) as MapFeed;
  const ids = feed.features.map((f) => f.properties.id).sort();
  const items = (await Promise.all(ids.slice(0, 18).map((id) => getItem(hub.store, id)))) as Item[];
  // The demo seed may already include the club (the lead wires it in); seed it here otherwise.
  const stats = await (await fetch(`${hub.baseUrl}/api/club/stats`)).json();
  if (stats.sessionsHeld === 0) await seedDemoSessions(hub.store, items, new Date());
  newItemId = ids[ids.length - 1] as string;
  const upcoming = await (await fetch(`${hub.baseUrl}/api/sessions?when=upcoming`)).json();
  nextSessionId = upcoming.sessions[0].id;
  browser = await connectBrowser(inject('browserWsEndpoint'));
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('obm.lang', 'en'));
  page = await context.newPage();
}, 240_000);
afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await hub?.stop();
});

async function signInAsSecretary() {
  await page.goto(hub.baseUrl);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: new RegExp(SECRETARY) }).click();
  // Staff sign in with a TOTP code: the one the demo authenticator secret gives now.
  await page.locator('input[name="totp"]').fill(totpCode(DEMO_TOTP_SECRET, new Date()));
  await page.locator('.auth-mfa button[type="submit"]').click();
  await expect
    .poll(() => page.getByRole('group', { name: 'User' }).textContent(), { timeout: 15_000 })
    .toContain(SECRETARY);
}

const agendaTitles = () => page.locator('[data-testid="agenda"] > li .agenda-item').allTextContents();

describe('club sessions in the browser', () => {
  it('shows the demo club figures on the public sessions page: 5 sessions held, 15 questions', async () => {
    await page.goto(`${hub.baseUrl}/sessions`);
    await expect.poll(() => page.locator('[data-stat="held"]').textContent(), { timeout: 15_000 }).toBe('5');
    expect(await page.locator('[data-stat="questions"]').textContent()).toBe('15');
    expect(await page.locator('[data-testid="past"] li').count()).toBe(5);
    expect(await page.locator('[data-testid="upcoming"] li').count()).toBe(1);
  });

  // Signing in and opening the map on a loaded machine can take most of a minute.
  it('adds an item to the next session from the item panel', { timeout: 120_000 }, async () => {
    await signInAsSecretary();
    await page.goto(`${hub.baseUrl}/items/${newItemId}`);
    const add = page.getByRole('button', { name: 'Put on the agenda' });
    await add.waitFor({ timeout: 20_000 });
    // The session is chosen, not implied: the next one is offered first.
    expect(await page.getByLabel('Session').inputValue()).toBe(nextSessionId);
    await add.click();
    await expect
      .poll(() => page.locator('.sessions-status').textContent(), { timeout: 15_000 })
      .toContain('Added to the agenda');
  });

  it('reorders the agenda with the keyboard and announces the new place', async () => {
    await page.goto(`${hub.baseUrl}/sessions/${nextSessionId}`);
    await page.locator('[data-testid="agenda"] > li').nth(3).waitFor({ timeout: 15_000 });
    const before = await agendaTitles();
    const down = page.locator('[data-testid="agenda"] > li').first().locator('button[data-move="down"]');
    await down.focus();
    await page.keyboard.press('Enter');
    await expect.poll(agendaTitles, { timeout: 15_000 }).toEqual([before[1], before[0], ...before.slice(2)]);
    expect(await page.getByTestId('announce').textContent()).toContain('is now number 2 of 4');
    // Focus stays on the moved entry's button, so the next key press moves it again.
    await page.keyboard.press('Enter');
    await expect
      .poll(agendaTitles, { timeout: 15_000 })
      .toEqual([before[1], before[2], before[0], before[3]]);
  });

  it('reorders the agenda by dragging an entry onto another', async () => {
    const before = await agendaTitles();
    const entries = page.locator('[data-testid="agenda"] > li');
    await entries.nth(3).dragTo(entries.nth(0));
    await expect
      .poll(agendaTitles, { timeout: 15_000 })
      .toEqual([before[3], before[0], before[1], before[2]]);
  });

  it("keeps what is typed in one entry's form, and the focus, when another entry is saved", async () => {
    // A fresh load: nothing left over from the drag of the test before (it failed twice without).
    await page.goto(`${hub.baseUrl}/sessions/${nextSessionId}`);
    await page.locator('[data-testid="agenda"] > li').nth(1).waitFor({ timeout: 15_000 });
    // By id, not by position: a late re-render must not swap which entry a locator means.
    const ids = await page
      .locator('[data-testid="agenda"] > li')
      .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.entryId));
    const first = page.locator(`[data-entry-id="${ids[0]}"]`);
    const second = page.locator(`[data-entry-id="${ids[1]}"]`);
    // All from the keyboard: the drag of the test before may still hold the mouse.
    for (const entry of [first, second]) {
      await entry.locator('summary').focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => entry.locator('details.entry-edit').evaluate((d) => (d as HTMLDetailsElement).open))
        .toBe(true);
    }
    // Half-typed text in the second entry's form, not saved.
    await second.getByLabel('Presenter', { exact: true }).fill('Half-typed presenter');
    const typed = first.getByLabel('Presenter', { exact: true });
    await typed.fill('Saved presenter');
    // Enter sends the first entry's form.
    await typed.press('Enter');
    await expect
      .poll(() => first.locator('.agenda-presenter').textContent(), { timeout: 15_000 })
      .toContain('Saved presenter');
    expect(await second.getByLabel('Presenter', { exact: true }).inputValue()).toBe('Half-typed presenter');
    // Focus stays where the user typed, in the open form, not on <body>.
    expect(await typed.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await second.locator('details.entry-edit').getAttribute('open')).not.toBeNull();
  });

  it('tells the editor when someone else changed the draft first, and shows their change', async () => {
    const before = await agendaTitles();
    // Another editor (a second tab with the same sign-in) moves the last entry to the top.
    await page.evaluate(async (id) => {
      const headers = {
        Authorization: `Bearer ${localStorage.getItem('obm.idToken')}`,
        'Content-Type': 'application/json',
      };
      const draft = await (await fetch(`/api/sessions/${id}/draft`, { headers })).json();
      const ids = draft.entries.map((e: { id: string }) => e.id);
      await fetch(`/api/sessions/${id}/order`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ version: draft.version, entryIds: [ids[3], ids[0], ids[1], ids[2]] }),
      });
    }, nextSessionId);
    // This page still shows the old version; its move is refused and the latest order is loaded.
    await page.locator('[data-testid="agenda"] > li').first().locator('button[data-move="down"]').click();
    await expect
      .poll(() => page.getByTestId('page-error').textContent(), { timeout: 15_000 })
      .toContain('Someone else changed this session');
    await expect
      .poll(agendaTitles, { timeout: 15_000 })
      .toEqual([before[3], before[0], before[1], before[2]]);
  });

  it('publishes a new agenda version with a visible change note', async () => {
    await page.getByLabel('Change note').fill('Added an item and changed the order');
    await page.getByRole('button', { name: 'Publish agenda' }).click();
    await expect
      .poll(() => page.getByTestId('versions').textContent(), { timeout: 15_000 })
      .toContain('Added an item and changed the order');
    expect(await page.locator('[data-testid="versions"] li').count()).toBe(2);
  });

  it('records a decision and a recommendation after the session is held', async () => {
    const next = await (await fetch(`${hub.baseUrl}/api/sessions/${nextSessionId}`)).json();
    clock = new Date(Date.parse(`${next.startsAt}+05:00`) + 2 * 3600_000);
    await page.getByRole('button', { name: 'Mark the session as held' }).click();
    const form = page.locator('.outcome-form').first();
    await form.waitFor({ timeout: 15_000 });
    // Decisions and recommendations are written in Kazakh and Russian.
    await form.getByLabel('Decision (in Kazakh)').fill('Органнан қабылдау актісін сұрау.');
    await form.getByLabel('Decision (in Russian)').fill('Запросить у органа акт приёмки.');
    await form.getByRole('button', { name: 'Add a recommendation' }).click();
    await form.getByLabel('Recommendation (in Kazakh)').fill('Қабылдау актісін жариялау');
    await form.getByLabel('Recommendation (in Russian)').fill('Опубликовать акт приёмки');
    await form.getByLabel('Addressed to').selectOption('zha-roads');
    await form.getByLabel('Due').fill('2099-01-31');
    await form.getByRole('button', { name: 'Save decision' }).click();
    const outcome = page.locator('article.outcome').first();
    await expect.poll(() => outcome.textContent(), { timeout: 15_000 }).toContain('Опубликовать акт приёмки');
    // An English reader sees the Russian text, marked as such.
    expect(await outcome.textContent()).toContain('(in Russian)');
    expect(await outcome.locator('.followup').first().textContent()).toBe('Open');
  });

  it('opens a printable A4 agenda that hides the app chrome when printed', async () => {
    await page.getByRole('link', { name: 'Print agenda' }).click();
    const doc = page.getByTestId('print-doc');
    await expect
      .poll(() => doc.locator('h1').textContent(), { timeout: 15_000 })
      .toBe('Agenda of the club session');
    expect(await doc.locator('tbody tr').count()).toBe(4);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').first().isVisible()).toBe(false);
    expect(await doc.isVisible()).toBe(true);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.byteLength).toBeGreaterThan(1000);
  });
});
