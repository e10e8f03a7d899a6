/**
 * The integrity lens on a phone (360 px): the /flags page ranks flagged items, contractors and bodies
 * and leads to a contractor's page, without scrolling sideways; an official of a flagged body
 * explains a flag there, edits an explanation and withdraws one. One hub with the demo data and the
 * flag job run; each test opens its own page.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FeedFeature, MapFeed } from '../../shared/feed';
import type { FlagExplanationView } from '../../shared/flags-explanations';
import type { Principal } from '../../shared/users';
import { flaggedForOfficial } from '../../web/src/integrity/explainLogic';
import { type TestAuth, testAuth, user } from '../support/auth';
import { type Browser, connectBrowser, type Page } from '../support/browser';
import { IntegrityDriver, startFlaggedHub } from '../support/integrity-driver';

const PHONE = { width: 360, height: 740 };

let stopHub: () => Promise<void>;
let baseUrl: string;
let auth: TestAuth;
let browser: Browser;
let official: Principal;
/** Flagged items of the official's body, as the /flags page lists them: one per test that writes. */
let own: FeedFeature[];

async function driverFor(who?: Principal): Promise<IntegrityDriver> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  if (who) {
    const token = await auth.tokenFor(who);
    await context.addInitScript((t) => {
      localStorage.setItem('obm.lang', 'en');
      localStorage.setItem('obm.idToken', t);
    }, token);
  }
  const page: Page = await context.newPage();
  return new IntegrityDriver(page, baseUrl);
}

/** An explanation written through the API, as an earlier visit to the page would have. */
async function explainByApi(itemId: string, code: string, text: string): Promise<string> {
  const res = await fetch(new URL(`/api/items/${itemId}/flags/${code}/explanations`, baseUrl), {
    method: 'POST',
    headers: {
      ...(await auth.bearer(official)),
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
    },
    body: JSON.stringify({ text, lang: 'ru' }),
  });
  if (res.status !== 201) throw new Error(`explain: ${res.status} ${await res.text()}`);
  return ((await res.json()) as FlagExplanationView).id;
}

async function publicExplanations(itemId: string): Promise<FlagExplanationView[]> {
  const res = await fetch(new URL(`/api/items/${itemId}/flag-explanations`, baseUrl));
  return ((await res.json()) as { explanations: FlagExplanationView[] }).explanations;
}

beforeAll(async () => {
  auth = await testAuth();
  const started = await startFlaggedHub({ deps: { auth: auth.verifier } });
  stopHub = started.stop;
  baseUrl = started.hub.baseUrl;
  browser = await connectBrowser(inject('browserWsEndpoint'));
  // The body with the most flagged items gets the official, so three tests each have an item.
  const feed = ((await (await fetch(new URL('/api/map/items', baseUrl))).json()) as MapFeed).features;
  const perBody = new Map<string, number>();
  for (const f of feed)
    if (f.properties.f?.length) perBody.set(f.properties.b, (perBody.get(f.properties.b) ?? 0) + 1);
  const [body] = [...perBody].sort((a, b) => b[1] - a[1])[0]!;
  official = user('official', { sub: 'e2e-flags-official', name: 'Flags Official E2E', bodies: [body] });
  own = flaggedForOfficial(feed, official, 50);
});
afterAll(async () => {
  await browser?.close();
  await stopHub?.();
});

describe('integrity lens on a phone', { timeout: 120_000 }, () => {
  it('ranks flagged items, contractors and bodies on /flags and links to the contractor', async () => {
    const app = await driverFor();
    await app.openFlagsPage();
    expect((await app.ranking('items')).length).toBeGreaterThan(0);
    expect((await app.ranking('body')).length).toBeGreaterThan(0);
    const [top] = await app.ranking('contractor');
    expect(await app.openTopContractor()).toBe(`/contractors/${top}`);
    expect(await app.pageWidth()).toBeLessThanOrEqual(PHONE.width);
  });
});

describe("an official explains the body's flags on /flags", { timeout: 120_000 }, () => {
  it('explaining a flag through the form shows the text beside the flag, for everyone', async () => {
    const { id, f } = own[0]!.properties;
    const app = await driverFor(official);
    await app.openOwnFlags();
    const text = 'Единственный участник: повторный конкурс не состоялся, договор заключён по закону.';
    expect(await app.explainFlag(id, f![0]!, text)).toContain(text);
    expect((await publicExplanations(id)).map((e) => e.text)).toContain(text);
    expect(await app.pageWidth()).toBeLessThanOrEqual(PHONE.width);
  });

  it('editing an explanation replaces its text on the page and in the public list', async () => {
    const { id, f } = own[1]!.properties;
    const explanationId = await explainByApi(id, f![0]!, 'Первоначальное объяснение органа.');
    const app = await driverFor(official);
    await app.openOwnFlags();
    const edited = 'Исправленное объяснение: срок сдвинут решением комиссии.';
    expect(await app.editExplanation(explanationId, edited)).toContain(edited);
    expect((await publicExplanations(id)).find((e) => e.id === explanationId)?.text).toBe(edited);
  });

  it('withdrawing an explanation removes it from the page and the public list', async () => {
    const { id, f } = own[2]!.properties;
    const explanationId = await explainByApi(id, f![0]!, 'Объяснение, которое орган отзовёт.');
    const app = await driverFor(official);
    await app.openOwnFlags();
    await app.withdrawExplanation(explanationId);
    expect((await publicExplanations(id)).map((e) => e.id)).not.toContain(explanationId);
  });
});
