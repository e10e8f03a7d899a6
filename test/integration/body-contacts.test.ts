/**
 * A body's shared mailbox through the real API on DynamoDB Local, its mail through the embedded
 * SMTP server (issue 20, item 3): set by an admin, verified by the mailed link, only then told of
 * the body's questions; a new address un-verifies; a bounce shows as failing; the public state
 * never holds the address. One store, one SMTP server for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { listEntries } from '../../functions/audit/chain';
import { loadAuditRecord } from '../../functions/audit/records';
import { verifyFull } from '../../functions/audit/verify';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putRosterEntry } from '../../functions/data/inbox';
import { putItem } from '../../functions/data/items';
import { setOfficialOptIn } from '../../functions/data/notifications';
import { type MailCatcher, startMailCatcher } from '../../functions/local/mail-catcher';
import { createSmtpChannel } from '../../functions/notify/email';
import { encodeRecipientTag, RECIPIENT_TAG } from '../../functions/notify/ses-tags';
import { applyEmailFeedback } from '../../functions/services/email-feedback';
import { drainOutbox, type NotifierDeps } from '../../functions/services/notifications';
import { raiseQuestion } from '../../functions/services/questions';
import type { BodyContactView, BodyNotificationStatus } from '../../shared/body-contacts';
import type { Item } from '../../shared/item';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const FIRST = 'kense@roads.example.kz';
const SECOND = 'qabyldau@roads.example.kz';
const admin = user('admin', { sub: 'bc-admin', name: 'Contacts Admin' });
const official = user('official', { sub: 'bc-roads-1', name: 'Roads Official', bodies: [ROADS] });
const asker = user('citizen', { sub: 'bc-asker', name: 'Asker' });
/** A working Monday, Almaty noon. */
const NOW = new Date('2026-04-06T07:00:00Z');

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
let catcher: MailCatcher;
let smtp: ReturnType<typeof createSmtpChannel>;
let notifier: NotifierDeps;
let item: Item;

beforeAll(async () => {
  store = await createTestStore('body-contacts');
  auth = await testAuth();
  catcher = await startMailCatcher();
  smtp = createSmtpChannel({ url: catcher.url, from: 'hub@obm.local' });
  notifier = { store, channels: { email: smtp }, baseUrl: 'http://hub.test' };
  app = createApp({ store, auth: auth.verifier, now: () => NOW, rateLimits: GENEROUS_RATE_LIMITS });
  await putBody(store, { id: ROADS, name: { kk: 'Жолдар басқармасы', ru: 'Управление дорог', en: 'Roads' } });
  item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } } as Partial<Item>);
  await putItem(store, item);
  await putRosterEntry(store, ROADS, { sub: official.sub, name: official.name }, NOW);
  await setOfficialOptIn(store, ROADS, official.sub, true);
});
afterAll(async () => {
  smtp.close();
  await catcher.stop();
  store.raw.destroy();
});

async function call(who: Principal | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return app.request(`/api${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}
async function ok<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const res = await response;
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
/** Runs `run`, drains the outbox, and returns the mails that went to `address` meanwhile. */
async function mailsTo(address: string, run: () => Promise<unknown>) {
  const since = catcher.messages.length;
  await run();
  await drainOutbox(notifier, () => NOW);
  return catcher.messages.slice(since).filter((m) => m.to.includes(address));
}
const tokenIn = (text: string) =>
  decodeURIComponent(/verify-mailbox\?token=([^\s"&]+)/.exec(text)?.[1] ?? '');
const ask = () =>
  raiseQuestion(store, item, asker, { text: 'When will the road be repaired?' }, { now: NOW });
const status = () => ok<BodyNotificationStatus>(call(null, 'GET', `/bodies/${ROADS}/notifications-status`));

describe("a body's shared mailbox", () => {
  let firstToken = '';

  it('set by an admin, receives its verification link and nothing else until verified', async () => {
    const linkMails = await mailsTo(FIRST, async () => {
      const view = await ok<BodyContactView>(
        await call(admin, 'PUT', `/bodies/${ROADS}/mailbox`, { address: FIRST, lang: 'ru' }),
      );
      expect(view.mailbox).toMatchObject({ address: FIRST, verified: false });
    });
    expect(linkMails).toHaveLength(1);
    expect(linkMails[0]?.subject).toContain('Управление дорог');
    firstToken = tokenIn(linkMails[0]?.text ?? '');
    expect(firstToken).not.toBe('');
    expect(await mailsTo(FIRST, ask)).toEqual([]);
    expect((await status()).state).toBe('unverified');
  });

  it('refuses a wrong link, and the right one verifies it without signing in', async () => {
    const wrong = await call(null, 'POST', `/bodies/${ROADS}/mailbox/verify`, { token: 'not-the-token' });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toContain('body_contact.link_invalid');
    const verified = await ok<BodyNotificationStatus>(
      await call(null, 'POST', `/bodies/${ROADS}/mailbox/verify`, { token: firstToken }),
    );
    expect(verified).toMatchObject({ state: 'working', verifiedAt: NOW.toISOString() });
  });

  it('once verified, is told of a question, and its page shows the delivery', async () => {
    const mails = await mailsTo(FIRST, ask);
    expect(mails).toHaveLength(1);
    expect(await status()).toMatchObject({ state: 'working', lastDeliveryAt: NOW.toISOString() });
  });

  it("lists the body's officials by name (no account ids) to its own official", async () => {
    const res = await call(official, 'GET', `/bodies/${ROADS}/contacts`);
    const text = await res.clone().text();
    const view = await ok<BodyContactView>(res);
    expect(view.officials).toEqual([{ name: 'Roads Official', notified: true }]);
    expect(text).not.toContain(official.sub);
  });

  it('a changed address is unverified again: neither address hears a question', async () => {
    const secondMails = await mailsTo(SECOND, () =>
      ok(call(official, 'PUT', `/bodies/${ROADS}/mailbox`, { address: SECOND })),
    );
    expect(secondMails).toHaveLength(1);
    expect((await status()).state).toBe('unverified');
    const since = catcher.messages.length;
    await ask();
    await drainOutbox(notifier, () => NOW);
    const told = catcher.messages.slice(since).flatMap((m) => m.to);
    expect(told).not.toContain(FIRST);
    expect(told).not.toContain(SECOND);
    // The first address's link is spent with its address.
    const stale = await call(null, 'POST', `/bodies/${ROADS}/mailbox/verify`, { token: firstToken });
    expect(stale.status).toBe(400);
    await ok(
      call(null, 'POST', `/bodies/${ROADS}/mailbox/verify`, { token: tokenIn(secondMails[0]?.text ?? '') }),
    );
  });

  it('shows as failing after the mailbox bounced', async () => {
    const bounce = {
      eventType: 'Bounce',
      mail: { tags: { [RECIPIENT_TAG]: [encodeRecipientTag(`body:${ROADS}`)] } },
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: SECOND }] },
    };
    await applyEmailFeedback(store, JSON.stringify(bounce), new Date(NOW.getTime() + 60_000));
    expect(await status()).toMatchObject({
      state: 'failing',
      lastFailureAt: new Date(NOW.getTime() + 60_000).toISOString(),
    });
  });

  it('keeps the address out of every public answer and of the audit chain', async () => {
    const publicAnswers = await Promise.all(
      [`/bodies/${ROADS}/notifications-status`, `/bodies/${ROADS}`, '/responsiveness'].map((p) =>
        call(null, 'GET', p).then((r) => r.text()),
      ),
    );
    const record = await loadAuditRecord(store, `mailbox/${ROADS}`);
    expect(record?.fields).toMatchObject({ bodyId: ROADS, mailbox: 'verified' });
    const chain = JSON.stringify(await listEntries(store, 0, 1000));
    expect(chain).toContain(`mailbox/${ROADS}`);
    for (const text of [...publicAnswers, JSON.stringify(record), chain]) {
      expect(text).not.toContain(FIRST);
      expect(text).not.toContain(SECOND);
    }
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, chain: null });
  });

  it("refuses another body's official and a citizen", async () => {
    const other = user('official', { sub: 'bc-other', name: 'Other', bodies: ['akimat-taraz'] });
    expect((await call(other, 'PUT', `/bodies/${ROADS}/mailbox`, { address: FIRST })).status).toBe(403);
    expect((await call(asker, 'GET', `/bodies/${ROADS}/contacts`)).status).toBe(403);
  });
});
