/**
 * No English on a Kazakh or Russian screen: every page and print view, opened in kk and in ru by the
 * people who use it (a citizen, an official, the club's secretary, a moderator, an admin), shows no
 * Latin-script word outside content people wrote (marked `data-user-content`) and outside the one
 * allowlist of proper names and standards (web/src/locales/latin-allowlist.json).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/auth/demo-users';
import type { MapFeed } from '../../shared/feed';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth } from '../support/auth';
import { type Browser, connectBrowser } from '../support/browser';
import { startFlaggedHub } from '../support/integrity-driver';
import { type LatinWord, ScreenTextDriver } from '../support/screen-text-driver';

const ALLOWLIST = JSON.parse(
  readFileSync(new URL('../../web/src/locales/latin-allowlist.json', import.meta.url), 'utf8'),
) as { words: Record<string, string> };

const demo = (sub: string): Principal => {
  const u = DEMO_USERS.find((d) => d.sub === sub);
  if (!u) throw new Error(`no demo user ${sub}`);
  return { sub: u.sub, name: u.name, roles: [...u.roles], bodies: [...u.bodies] };
};

let hub: { baseUrl: string; stop(): Promise<void> };
let auth: TestAuth;
let browser: Browser;
let screen: ScreenTextDriver;
let itemId: string;
let sessionId: string;
let contractorBin: string;

beforeAll(async () => {
  auth = await testAuth();
  // The flag job has run (as nightly in `npm start`), so the list's badges, the panel's flags and the
  // /flags and contractor pages show what a reader meets.
  const flagged = await startFlaggedHub({ deps: { auth: auth.verifier } });
  hub = { baseUrl: flagged.hub.baseUrl, stop: flagged.stop };
  browser = await connectBrowser(inject('browserWsEndpoint'));
  screen = new ScreenTextDriver(browser, hub.baseUrl);
  const feed = (await (await fetch(`${hub.baseUrl}/api/map/items`)).json()) as MapFeed;
  // A flagged item, so the panel shows flags with their numbers and sources.
  itemId = (feed.features.find((f) => f.properties.f?.length) ?? feed.features[0]!).properties.id;
  const { sessions } = (await (await fetch(`${hub.baseUrl}/api/sessions?when=past`)).json()) as {
    sessions: { id: string }[];
  };
  sessionId = sessions[0]!.id;
  const flags = (await (await fetch(`${hub.baseUrl}/api/flags?limit=1`)).json()) as {
    contractors: { id: string }[];
  };
  contractorBin = flags.contractors[0]!.id;
});
afterAll(async () => {
  await screen?.close();
  await browser?.close();
  await hub?.stop();
});

interface Screen {
  name: string;
  path: () => string;
  ready: string;
  as?: string;
}

const SCREENS: Screen[] = [
  { name: 'the map', path: () => '/', ready: '#map[data-items-idle-ms]' },
  { name: 'the list', path: () => '/list', ready: '#items-table tbody tr' },
  { name: 'an item', path: () => `/items/${itemId}`, ready: '#item-panel[data-item-id]' },
  { name: 'responsiveness', path: () => '/responsiveness', ready: 'tr[data-body-id]' },
  { name: 'the sessions', path: () => '/sessions', ready: '[data-stat="held"]' },
  { name: 'a session', path: () => `/sessions/${sessionId}`, ready: '[data-testid="agenda"] li' },
  { name: 'the printed agenda', path: () => `/sessions/${sessionId}/print/agenda`, ready: 'tbody tr' },
  { name: 'the printed minutes', path: () => `/sessions/${sessionId}/print/minutes`, ready: 'h1' },
  {
    name: "a citizen's questions",
    path: () => '/questions/mine',
    ready: 'main h2',
    as: 'demo-citizen-aigerim',
  },
  {
    name: "an official's inbox",
    path: () => '/inbox',
    ready: 'main h2',
    as: 'demo-official-zha-roads',
  },
  { name: 'moderation', path: () => '/moderation', ready: 'main h2', as: 'demo-moderator-marat' },
  { name: 'administration', path: () => '/admin', ready: 'main h2', as: 'demo-admin-saule' },
  { name: 'the import page', path: () => '/import', ready: 'main h2', as: 'demo-admin-saule' },
  { name: 'the privacy notice', path: () => '/privacy', ready: 'main h2', as: 'demo-citizen-aigerim' },
  { name: 'the risk flags', path: () => '/flags', ready: '[data-rank="contractor"] li a' },
  { name: 'a contractor', path: () => `/contractors/${contractorBin}`, ready: '[data-total="count"]' },
  // Its flags table (topFlags) prints the flags' titles from the catalogue beside their codes: wait for
  // the table's rows, not only the chain line, so the table is read too.
  {
    name: "the club's report",
    path: () => `/club/report/${new Date().getFullYear()}`,
    ready: '[data-testid="report-top-flags"] tbody tr',
  },
  { name: 'the Telegram link', path: () => '/my/telegram', ready: 'main h1', as: 'demo-citizen-aigerim' },
  // The settings' sections come with the user's preferences: wait for the last one.
  {
    name: 'the notification settings',
    path: () => '/my/notifications',
    ready: '#notify-subs-h',
    as: 'demo-citizen-aigerim',
  },
  { name: 'my feed', path: () => '/my/feed', ready: 'main h1', as: 'demo-citizen-aigerim' },
];

function outsideAllowlist(words: LatinWord[]): string[] {
  const shown = words.filter((w) => !(w.word in ALLOWLIST.words)).map((w) => `${w.word} (${w.where})`);
  return [...new Set(shown)].sort();
}

describe('the allowlist', () => {
  it('holds at most 20 words, each with its reason', () => {
    const entries = Object.entries(ALLOWLIST.words);
    expect(entries.length).toBeLessThanOrEqual(20);
    expect(entries.filter(([, why]) => why.trim().length < 10)).toEqual([]);
  });
});

describe('no English on a Kazakh or Russian screen', { timeout: 180_000 }, () => {
  // Each screen is opened once in Kazakh (the default) and then switched to Russian the way a reader
  // does, with the header's language buttons: half the page loads, and the switch is tested too.
  for (const s of SCREENS)
    it(`${s.name}, in kk and in ru`, async () => {
      const token = s.as ? await auth.tokenFor(demo(s.as)) : undefined;
      await screen.open(s.path(), 'kk', { ready: s.ready, ...(token ? { token } : {}) });
      const kk = outsideAllowlist(await screen.latinWords());
      await screen.switchTo('ru');
      const ru = outsideAllowlist(await screen.latinWords());
      expect({ kk, ru }).toEqual({ kk: [], ru: [] });
    });
});
