/**
 * Notifications on DynamoDB Local with a fixed clock, delivered over real SMTP to the embedded
 * server: who hears which question event (a table: event × recipient kind → told or not), the
 * legal notices with their reason and new date on the chain, unverified addresses, quiet hours,
 * signed unsubscribe links, and a sender that dies mid-send.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEntries } from '../../functions/audit/chain';
import { verifyFull } from '../../functions/audit/verify';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { consentOp, currentConsent, putConsent } from '../../functions/data/consents';
import { recordDataRun } from '../../functions/data/data-runs';
import { follow } from '../../functions/data/follows';
import { putItem } from '../../functions/data/items';
import {
  emailContactOp,
  listDueDeliveries,
  listEventDeliveries,
  listPendingEvents,
  listQuestionNotices,
  listUndeliveredNotices,
  putOutboxEvent,
  putPrefs,
  setBodyMailbox,
  setOfficialOptIn,
  subscribe,
} from '../../functions/data/notifications';
import { recommendationPut } from '../../functions/data/sessions';
import { runTransaction } from '../../functions/data/transaction';
import { putProfileIfMissing } from '../../functions/data/users';
import { type CaughtMail, type MailCatcher, startMailCatcher } from '../../functions/local/mail-catcher';
import type { DeliveryChannel } from '../../functions/notify/channel';
import { createSmtpChannel } from '../../functions/notify/email';
import { encodeRecipientTag, RECIPIENT_TAG } from '../../functions/notify/ses-tags';
import { withdrawConsent } from '../../functions/services/consents';
import '../../functions/services/content-kinds';
import { commentOnItem } from '../../functions/services/comments';
import { composeDigests } from '../../functions/services/digests';
import { applyEmailFeedback } from '../../functions/services/email-feedback';
import { runFlagJob } from '../../functions/services/flags';
import { applyGrant } from '../../functions/services/grants';
import { importFile } from '../../functions/services/import';
import { blockUser, flagContent } from '../../functions/services/moderation';
import {
  addEmail,
  applyUnsubscribe,
  BATCH_NEWS_WAIT_MS,
  drainOutbox,
  expandImportNews,
  fanOut,
  IMPORT_NEWS,
  importNewsEventOps,
  itemCreatedEventOps,
  NEWS_WAITING,
  type NotifierDeps,
  readUnsubscribeToken,
  releaseTime,
  sendDue,
  unsubscribeToken,
  verifyEmail,
} from '../../functions/services/notifications';
import { postProgressUpdate } from '../../functions/services/progress-updates';
import {
  answerQuestion,
  disputeAnswer,
  extendQuestion,
  raiseQuestion,
  redirectQuestion,
} from '../../functions/services/questions';
import { createSession, saveSession } from '../../functions/services/sessions';
import {
  emitDeadLetterNotice,
  emitRecommendationNotices,
} from '../../functions/services/timed-notifications';
import { FLAGS } from '../../shared/flags';
import type { Item } from '../../shared/item';
import type { Question } from '../../shared/questions';
import type { Recommendation, Session } from '../../shared/sessions';
import { user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const CITY = 'akimat-taraz';
const asker = user('citizen', { sub: 'asker-1', name: 'Aigerim' });
const roadsOfficial = user('official', { sub: 'roads-1', name: 'Roads Official', bodies: [ROADS] });
const quietOfficial = user('official', { sub: 'roads-2', name: 'Not opted in', bodies: [ROADS] });
const cityOfficial = user('official', { sub: 'city-1', name: 'City Official', bodies: [CITY] });
const follower = user('citizen', { sub: 'follower-1', name: 'Follows the item' });
const districtFan = user('citizen', { sub: 'district-1', name: 'Follows the district' });
const stranger = user('citizen', { sub: 'stranger-1', name: 'Nobody' });

const ADDR: Record<string, string> = {
  [asker.sub]: 'asker@example.kz',
  [roadsOfficial.sub]: 'roads.official@example.kz',
  [quietOfficial.sub]: 'roads.quiet@example.kz',
  [cityOfficial.sub]: 'city.official@example.kz',
  [follower.sub]: 'follower@example.kz',
  [districtFan.sub]: 'district@example.kz',
  [stranger.sub]: 'stranger@example.kz',
};
const ROADS_MAILBOX = 'inbox@roads.example.kz';
const CITY_MAILBOX = 'inbox@taraz.example.kz';

/** A Friday noon in Almaty. */
const FRIDAY = new Date('2026-05-08T07:00:00Z');
/** The next morning, after the 08:00 Almaty digest hour. */
const SATURDAY_MORNING = new Date('2026-05-09T04:00:00Z');

let store: Store;
let catcher: MailCatcher;
let smtp: ReturnType<typeof createSmtpChannel>;
let deps: NotifierDeps;
let item: Item;

async function verifiedEmail(sub: string, now: Date) {
  // PUT /me/email asks for consent first (its route); here the service is called directly.
  await putConsent(store, sub, currentConsent('email', now));
  await addEmail(store, sub, ADDR[sub]!, 'ru', now);
  // The verification mail carries the token; read it back from the caught mail.
  await drainOutbox(deps, () => now);
  const mail = catcher.messages.findLast((m) => m.to.includes(ADDR[sub]!));
  const token = decodeURIComponent(/verify=([^\s"&]+)/.exec(mail?.text ?? '')?.[1] ?? '');
  expect(await verifyEmail(store, sub, token, now)).toBe(true);
}

const mailTo = (address: string, since: number) =>
  catcher.messages.slice(since).filter((m) => m.to.includes(address));

beforeAll(async () => {
  store = await createTestStore('notify');
  catcher = await startMailCatcher();
  smtp = createSmtpChannel({ url: catcher.url, from: 'hub@obm.local' });
  deps = { store, channels: { email: smtp }, baseUrl: 'http://hub.test' };
  await putBody(store, { id: ROADS, name: { kk: 'Жолдар басқармасы', ru: 'Управление дорог', en: 'Roads' } });
  await putBody(store, { id: CITY, name: { kk: 'Тараз әкімдігі', ru: 'Акимат Тараза', en: 'Taraz akimat' } });
  item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } } as Partial<Item>);
  await putItem(store, item);
  await setBodyMailbox(store, ROADS, ROADS_MAILBOX);
  await setBodyMailbox(store, CITY, CITY_MAILBOX);
  await setOfficialOptIn(store, ROADS, roadsOfficial.sub, true);
  await setOfficialOptIn(store, CITY, cityOfficial.sub, true);
  // The item page's Follow button: the same record makes them a follower the notifier tells.
  await follow(store, follower.sub, item.id, FRIDAY);
  await subscribe(store, districtFan.sub, 'area', item.area, FRIDAY);
  // One address goes through the verification mail; the rest are stored as verified to keep the file fast.
  await verifiedEmail(asker.sub, FRIDAY);
  for (const p of [roadsOfficial, quietOfficial, cityOfficial, follower, districtFan, stranger])
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          emailContactOp(store, p.sub, { address: ADDR[p.sub]!, verified: true }),
          consentOp(store, p.sub, currentConsent('email', FRIDAY)),
        ],
      }),
    );
  await putPrefs(store, asker.sub, { lang: 'ru', channels: { email: 'instant' } });
});
afterAll(async () => {
  smtp.close();
  await catcher.stop();
  store.raw.destroy();
});

/** Runs one step and returns the mails it caused, by recipient address. */
async function step(run: () => Promise<unknown>, now = FRIDAY): Promise<Map<string, CaughtMail[]>> {
  const since = catcher.messages.length;
  await run();
  await drainOutbox(deps, () => now);
  const out = new Map<string, CaughtMail[]>();
  for (const m of catcher.messages.slice(since))
    for (const to of m.to) out.set(to, [...(out.get(to) ?? []), m]);
  return out;
}

describe('who hears which question event', () => {
  let q: Question;
  const everyone = {
    asker: ADDR[asker.sub]!,
    'roads mailbox': ROADS_MAILBOX,
    'roads official (opted in)': ADDR[roadsOfficial.sub]!,
    'roads official (not opted in)': ADDR[quietOfficial.sub]!,
    'city mailbox': CITY_MAILBOX,
    'city official (opted in)': ADDR[cityOfficial.sub]!,
    'item follower': ADDR[follower.sub]!,
    'district subscriber': ADDR[districtFan.sub]!,
    stranger: ADDR[stranger.sub]!,
  };
  type Kind = keyof typeof everyone;
  const table: { event: string; run: () => Promise<Question>; told: Kind[] }[] = [
    {
      event: 'raised',
      run: async () =>
        (q = await raiseQuestion(
          store,
          item,
          asker,
          { text: 'Когда починят?', lang: 'ru' },
          { now: FRIDAY },
        )),
      told: ['asker', 'roads mailbox', 'roads official (opted in)'],
    },
    {
      event: 'redirected',
      run: async () =>
        (q = await redirectQuestion(
          store,
          q,
          roadsOfficial,
          { toBodyId: CITY, reason: 'Дорога городская' },
          { now: FRIDAY },
        )),
      told: ['asker', 'city mailbox', 'city official (opted in)'],
    },
    {
      event: 'extended',
      run: async () =>
        (q = await extendQuestion(
          store,
          q,
          cityOfficial,
          { reason: 'Нужна экспертиза', newDueOn: '2026-06-19' },
          { now: FRIDAY },
        )),
      told: ['asker', 'item follower'],
    },
    {
      event: 'answered',
      run: async () =>
        (q = await answerQuestion(
          store,
          q,
          cityOfficial,
          'Отремонтируем в июне',
          { now: FRIDAY },
          { lang: 'ru' },
        )),
      told: ['asker', 'item follower', 'district subscriber'],
    },
    {
      event: 'reopened',
      run: async () => (q = await disputeAnswer(store, q, asker, 'Не отремонтировали', { now: FRIDAY })),
      told: ['city mailbox', 'city official (opted in)'],
    },
  ];
  for (const row of table)
    it(`${row.event}: told exactly ${row.told.join(', ')}`, async () => {
      const got = await step(row.run);
      const told = (Object.keys(everyone) as Kind[]).filter((k) => got.has(everyone[k]));
      expect(told.sort()).toEqual([...row.told].sort());
      // One mail each, never two.
      for (const k of row.told) expect(got.get(everyone[k])).toHaveLength(1);
    });

  it('the legal notices say what the law requires, in the asker language, and are on the chain', async () => {
    const notices = await listQuestionNotices(store, q.itemId, q.id);
    const byKind = Object.fromEntries(notices.map((n) => [n.kind, n]));
    expect(Object.keys(byKind).sort()).toEqual(['extended', 'received', 'redirected']);
    expect(byKind.extended).toMatchObject({
      channel: 'email',
      delivered: true,
      reason: 'Нужна экспертиза',
      dueOn: '2026-06-19',
    });
    expect(byKind.redirected).toMatchObject({ delivered: true, reason: 'Дорога городская', toBodyId: CITY });
    const mails = catcher.messages.filter((m) => m.to.includes(ADDR[asker.sub]!));
    const extension = mails.find((m) => m.subject.startsWith('Срок ответа продлён'));
    expect(extension?.text).toContain('Нужна экспертиза');
    expect(extension?.text).toContain('2026-06-19');
    expect(mails.find((m) => m.subject.startsWith('Вопрос перенаправлен'))?.text).toContain('Акимат Тараза');
    // Each notice's sending is an entry of the audit chain, and the chain still verifies.
    const entries = await listEntries(store, 0, 1000);
    const noticeKeys = entries
      .filter((e) => e.action === 'notice.sent')
      .flatMap((e) => e.records.map((r) => r.key))
      .filter((k) => k.includes(q.id));
    expect(noticeKeys).toHaveLength(3);
    expect(await verifyFull(store, null, FRIDAY)).toMatchObject({ ok: true, chain: null });
  });
});

describe('e-mail', () => {
  it('is multipart text + HTML with its fixed Message-ID and a one-click unsubscribe (not on legal notices)', async () => {
    const since = catcher.messages.length;
    const q = await raiseQuestion(store, item, asker, { text: 'Ещё вопрос', lang: 'ru' }, { now: FRIDAY });
    await answerQuestion(store, q, roadsOfficial, 'Ответ', { now: FRIDAY }, { lang: 'ru' });
    await drainOutbox(deps, () => FRIDAY);
    const toFollower = mailTo(ADDR[follower.sub]!, since)[0]!;
    expect(toFollower.html).toContain('<a href=');
    expect(toFollower.text).toContain('http://hub.test/items/');
    expect(toFollower.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(toFollower.headers['list-unsubscribe']).toMatch(
      /^<http:\/\/hub\.test\/api\/notifications\/unsubscribe\?t=/,
    );
    const received = mailTo(ADDR[asker.sub]!, since).find((m) => m.subject.startsWith('Ваш вопрос принят'))!;
    expect(received.headers['list-unsubscribe']).toBeUndefined();
    expect(received.text).toContain(q.dueOn);
    const [delivery] = (await listEventDeliveries(store, `${q.id}-1`)).filter(
      (d) => d.recipientKey === `user:${asker.sub}`,
    );
    expect(received.messageId).toBe(delivery?.messageId);
    expect(delivery?.status).toBe('sent');
    // A sent delivery's log keeps no contact detail (erasure leaves none on the outbox).
    expect(delivery && 'to' in delivery).toBe(false);
  });

  it('an unverified address gets nothing but its verification mail', async () => {
    const newcomer = user('citizen', { sub: 'newcomer-1' });
    await subscribe(store, newcomer.sub, 'item', item.id, FRIDAY);
    await putConsent(store, newcomer.sub, currentConsent('email', FRIDAY));
    const got = await step(async () => {
      await addEmail(store, newcomer.sub, 'newcomer@example.kz', 'kk', FRIDAY);
      const q = await raiseQuestion(
        store,
        item,
        asker,
        { text: 'Үшінші сұрақ', lang: 'kk' },
        { now: FRIDAY },
      );
      await answerQuestion(store, q, roadsOfficial, 'Жауап', { now: FRIDAY });
    });
    expect(got.get('newcomer@example.kz')?.map((m) => m.subject)).toEqual([
      'Электрондық поштаңызды растаңыз',
    ]);
  });

  it('unsubscribe links cannot be forged or used for another user, and a real one stops non-legal mail', async () => {
    const token = unsubscribeToken(follower.sub, 'email');
    expect(readUnsubscribeToken(token)).toEqual({ sub: follower.sub, scope: 'email' });
    const [payload, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ s: stranger.sub, c: 'email' })).toString('base64url');
    expect(readUnsubscribeToken(`${other}.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(`${payload}.${'A'.repeat(mac!.length)}`)).toBeNull();
    expect(await applyUnsubscribe(store, token)).toBe(true);
    const got = await step(async () => {
      const q = await raiseQuestion(store, item, asker, { text: 'Четвёртый', lang: 'ru' }, { now: FRIDAY });
      await answerQuestion(store, q, roadsOfficial, 'Ответ', { now: FRIDAY }, { lang: 'ru' });
    });
    expect(got.has(ADDR[follower.sub]!)).toBe(false);
    expect(got.has(ADDR[districtFan.sub]!)).toBe(true);
  });
});

describe('legal notices', () => {
  it('quiet hours hold a legal notice until 09:00 Almaty at most, other mail until they end', () => {
    const lateEvening = new Date('2026-05-08T17:30:00Z'); // 22:30 in Almaty (UTC+5)
    const quiet = { from: '22:00', to: '10:00' };
    expect(releaseTime(lateEvening, quiet, true).toISOString()).toBe('2026-05-09T04:00:00.000Z');
    expect(releaseTime(lateEvening, quiet, false).toISOString()).toBe('2026-05-09T05:00:00.000Z');
    expect(releaseTime(FRIDAY, quiet, true)).toEqual(FRIDAY);
  });

  it('bypass unsubscribe: an asker who turned e-mail off still gets the extension notice', async () => {
    const q = await raiseQuestion(store, item, asker, { text: 'Пятый', lang: 'ru' }, { now: FRIDAY });
    await putPrefs(store, asker.sub, { lang: 'ru', channels: { email: 'off' } });
    const got = await step(() =>
      extendQuestion(
        store,
        q,
        roadsOfficial,
        { reason: 'Запрос в подрядчик', newDueOn: '2026-06-19' },
        { now: FRIDAY },
      ),
    );
    await putPrefs(store, asker.sub, { lang: 'ru', channels: { email: 'instant' } });
    const notice = got.get(ADDR[asker.sub]!)?.find((m) => m.subject.startsWith('Срок ответа продлён'));
    expect(notice?.text).toContain('Запрос в подрядчик');
  });

  it('with no working channel the notice is recorded as not delivered, on the question and in the body inbox', async () => {
    const silent = user('citizen', { sub: 'no-email-1', name: 'No e-mail' });
    const q = await raiseQuestion(store, item, silent, { text: 'Без почты', lang: 'kk' }, { now: FRIDAY });
    await drainOutbox(deps, () => FRIDAY);
    const [notice] = await listQuestionNotices(store, q.itemId, q.id);
    expect(notice).toMatchObject({ kind: 'received', channel: 'none', delivered: false });
    expect((await listUndeliveredNotices(store, ROADS)).has(q.id)).toBe(true);
  });
});

describe('consent to the channel (Law No. 94-V)', () => {
  // An address stored before consents existed: verified, subscribed, but never consented to.
  const legacy = user('citizen', { sub: 'legacy-1', name: 'Before consents' });
  const LEGACY_ADDR = 'legacy@example.kz';
  const raiseAndAnswer = async (text: string) => {
    const q = await raiseQuestion(store, item, asker, { text, lang: 'ru' }, { now: FRIDAY });
    await answerQuestion(store, q, roadsOfficial, 'Ответ', { now: FRIDAY }, { lang: 'ru' });
  };
  beforeAll(async () => {
    await subscribe(store, legacy.sub, 'item', item.id, FRIDAY);
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [emailContactOp(store, legacy.sub, { address: LEGACY_ADDR, verified: true })],
      }),
    );
  });

  it('an address without consent gets nothing; the body mailbox (an official address) still does', async () => {
    const got = await step(() => raiseAndAnswer('Без согласия'));
    expect(got.has(LEGACY_ADDR)).toBe(false);
    expect(got.has(ROADS_MAILBOX)).toBe(true);
  });

  it('once consent is given the same address gets the mail', async () => {
    await putConsent(store, legacy.sub, currentConsent('email', FRIDAY));
    const got = await step(() => raiseAndAnswer('С согласием'));
    expect(got.get(LEGACY_ADDR)?.length).toBe(1);
  });

  it('consent withdrawn after the fan-out: the queued mail is not sent', async () => {
    await raiseAndAnswer('Отзыв согласия');
    for (const event of await listPendingEvents(store, 50)) await fanOut(deps, event, FRIDAY);
    const queued = (await listDueDeliveries(store, FRIDAY, 200)).filter(
      (d) => d.recipientKey === `user:${legacy.sub}`,
    );
    expect(queued.length).toBe(1);
    await withdrawConsent(store, legacy.sub, 'email', FRIDAY);
    const since = catcher.messages.length;
    const stats = { events: 0, deliveries: 0, sent: 0, failed: 0, retried: 0, reclaimed: 0 };
    await sendDue(deps, () => FRIDAY, { ...stats, reclaimedIds: [] });
    expect(mailTo(LEGACY_ADDR, since)).toEqual([]);
    // The others queued with it went.
    expect(mailTo(ADDR[districtFan.sub]!, since).length).toBe(1);
  });
});

describe('a sender that dies mid-send', () => {
  it('loses nothing, and the resend carries the id of the message that was in flight', async () => {
    // The crash: the channel never returns, so the delivery stays "sending" with its lease.
    let inFlight!: () => void;
    const handedOver = new Promise<void>((r) => {
      inFlight = r;
    });
    const hanging: DeliveryChannel = {
      kind: 'email',
      send: () => {
        inFlight();
        return new Promise(() => {});
      },
    };
    const since = catcher.messages.length;
    const q = await raiseQuestion(store, item, asker, { text: 'Шестой', lang: 'ru' }, { now: FRIDAY });
    void drainOutbox({ ...deps, channels: { email: hanging }, concurrency: 1 }, () => FRIDAY);
    // No fixed sleep: go on as soon as the first message is in the dead sender's hands.
    await handedOver;
    // Before the lease runs out nobody else takes the in-flight message.
    const early = await drainOutbox(deps, () => FRIDAY);
    expect(early.reclaimed).toBe(0);
    const later = new Date(FRIDAY.getTime() + 120_000);
    const stats = await drainOutbox(deps, () => later);
    expect(stats.reclaimed).toBe(1);
    const deliveries = await listEventDeliveries(store, `${q.id}-1`);
    expect(deliveries.every((d) => d.status === 'sent')).toBe(true);
    expect(stats.reclaimedIds).toHaveLength(1);
    const resent = catcher.messages.slice(since).filter((m) => m.messageId === stats.reclaimedIds[0]);
    expect(resent).toHaveLength(1);
    // Every recipient of the event got exactly one mail.
    const ids = catcher.messages.slice(since).map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(deliveries.map((d) => d.messageId).sort());
  });
});

describe('who hears which moderator and admin event', () => {
  const moderator = user('moderator', { sub: 'moderator-1', name: 'Moderator' });
  const admin = user('admin', { sub: 'admin-1', name: 'Admin' });
  const staffAddr = { moderator: 'moderator@example.kz', admin: 'admin@example.kz' };
  const everyone = {
    asker: ADDR[asker.sub]!,
    'roads mailbox': ROADS_MAILBOX,
    'roads official (opted in)': ADDR[roadsOfficial.sub]!,
    'roads official (not opted in)': ADDR[quietOfficial.sub]!,
    'city mailbox': CITY_MAILBOX,
    'city official (opted in)': ADDR[cityOfficial.sub]!,
    'item follower': ADDR[follower.sub]!,
    'district subscriber': ADDR[districtFan.sub]!,
    stranger: ADDR[stranger.sub]!,
    ...staffAddr,
  };
  type Kind = keyof typeof everyone;
  let flagged: { kind: string; id: string };

  beforeAll(async () => {
    // Staff are found by role through the profiles index; their addresses are verified contacts.
    for (const [p, address] of [
      [moderator, staffAddr.moderator],
      [admin, staffAddr.admin],
    ] as const) {
      await putProfileIfMissing(store, { sub: p.sub, name: p.name, roles: p.roles, bodies: [] });
      await store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            emailContactOp(store, p.sub, { address, verified: true }),
            consentOp(store, p.sub, currentConsent('email', FRIDAY)),
          ],
        }),
      );
    }
    const q = await raiseQuestion(store, item, asker, { text: 'Спорный', lang: 'ru' }, { now: FRIDAY });
    flagged = { kind: 'question', id: `${q.itemId}_${q.id}` };
    await drainOutbox(deps, () => FRIDAY);
  });

  const table: { event: string; run: () => Promise<unknown>; told: Kind[] }[] = [
    {
      event: 'first flag on content',
      run: () => flagContent(store, flagged, follower, 'abuse', undefined, FRIDAY),
      told: ['moderator'],
    },
    {
      event: 'hidden at the flag threshold (the second flag tells nobody)',
      run: async () => {
        await flagContent(store, flagged, districtFan, 'abuse', undefined, FRIDAY);
        expect((await flagContent(store, flagged, stranger, 'abuse', undefined, FRIDAY)).hidden).toBe(true);
      },
      told: ['moderator'],
    },
    {
      event: 'a user blocked',
      run: () => blockUser(store, stranger.sub, { reason: 'Спам', days: 7 }, moderator, FRIDAY),
      told: ['stranger'],
    },
    {
      event: 'a body granted to a user',
      run: () => applyGrant({ store, now: () => FRIDAY }, admin, stranger.sub, { bodyId: CITY }, false),
      told: ['stranger'],
    },
    {
      event: 'an import failed',
      run: () =>
        recordDataRun(store, {
          kind: 'import',
          trigger: 'cli',
          at: FRIDAY.toISOString(),
          ok: false,
          error: 'Column "kato" missing',
          created: 0,
          updated: 0,
          unchanged: 0,
          refused: 0,
          issues: [],
        }),
      told: ['admin'],
    },
    {
      event: "a body's mailbox bounced (twice: one notice a day)",
      run: async () => {
        for (let i = 0; i < 2; i++)
          await applyEmailFeedback(
            store,
            JSON.stringify({
              eventType: 'Bounce',
              mail: { tags: { [RECIPIENT_TAG]: [encodeRecipientTag(`body:${CITY}`)] } },
              bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: CITY_MAILBOX }] },
            }),
            FRIDAY,
          );
      },
      told: ['admin', 'city official (opted in)'],
    },
  ];
  for (const row of table)
    it(`${row.event}: told exactly ${row.told.join(', ')}`, async () => {
      const got = await step(row.run);
      const told = (Object.keys(everyone) as Kind[]).filter((k) => got.has(everyone[k]));
      expect(told.sort()).toEqual([...row.told].sort());
      for (const k of row.told) expect(got.get(everyone[k])).toHaveLength(1);
    });

  it('staff messages name codes in the reader language, never the code itself', () => {
    const hidden = catcher.messages.filter((m) => m.to.includes(staffAddr.moderator)).at(-1);
    // The moderator's language is the default (kk): the reason "abuse" reads «қорлау».
    expect(hidden?.text).toContain('қорлау');
    expect(hidden?.text).not.toContain('abuse');
    const run = catcher.messages.filter((m) => m.to.includes(staffAddr.admin)).at(0);
    expect(run?.subject).toContain('файлдан импорт');
  });
});

describe('who hears which club, follower, recommendation and subscription event', () => {
  const member = user('club_member', { sub: 'member-1', name: 'Club member' });
  const secretary = user('club_secretary', { sub: 'secretary-1', name: 'Club secretary' });
  /** A member who turned the club's news off by e-mail (the per-topic preference). */
  const quietMember = user('club_member', { sub: 'member-2', name: 'Club member, club mail off' });
  const itemFan = user('citizen', { sub: 'item-fan-1', name: 'Follows the item (round 8)' });
  const addr = {
    'club member': 'member@example.kz',
    'club secretary': 'secretary@example.kz',
    'club member (club e-mail off)': 'member.quiet@example.kz',
    'item follower': 'item.fan@example.kz',
    'district subscriber': ADDR[districtFan.sub]!,
    'roads mailbox': ROADS_MAILBOX,
    'roads official (opted in)': ADDR[roadsOfficial.sub]!,
    asker: ADDR[asker.sub]!,
    stranger: ADDR[stranger.sub]!,
  };
  type Kind = keyof typeof addr;
  let session: Session;

  beforeAll(async () => {
    for (const [p, address, roles] of [
      [member, addr['club member'], ['citizen', 'club_member']],
      [secretary, addr['club secretary'], ['citizen', 'club_member', 'club_secretary']],
      [quietMember, addr['club member (club e-mail off)'], ['citizen', 'club_member']],
      [itemFan, addr['item follower'], ['citizen']],
    ] as const) {
      await putProfileIfMissing(store, { sub: p.sub, name: p.name, roles: [...roles], bodies: [] });
      // Stored with the consent to e-mail the notifier requires (ops8), as a real sign-up would.
      await store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            emailContactOp(store, p.sub, { address, verified: true }),
            consentOp(store, p.sub, currentConsent('email', FRIDAY)),
          ],
        }),
      );
    }
    await putPrefs(store, quietMember.sub, {
      lang: 'kk',
      channels: { email: 'instant' },
      topics: { club: { email: 'off' } },
    });
    await follow(store, itemFan.sub, item.id, FRIDAY);
    session = {
      id: '01JSESSION8000000000000000',
      title: { kk: 'Жолдар туралы отырыс', ru: 'Заседание о дорогах', en: 'Roads session' },
      startsAt: '2026-05-20T15:00',
      startUtc: '2026-05-20T10:00:00.000Z',
      durationMinutes: 90,
      venue: { ru: 'Центр' },
      format: 'in_person',
      participants: [],
      status: 'draft',
      version: 1,
      agendaVersion: 0,
      entries: [{ id: '01JENTRY800000000000000000', itemId: item.id }],
      updatedAt: FRIDAY.toISOString(),
    };
    await createSession(store, session);
  });

  /** The secretary saves the session: they are not told of their own change. */
  const saveBySecretary = async (next: Partial<Session>) => {
    session = await saveSession(store, session, session.version, { ...session, ...next }, [], secretary.sub);
  };

  /** A recommendation of the club to the roads body, due on a Wednesday. */
  const rec: Recommendation = {
    id: '01JREC80000000000000000000',
    sessionId: '01JSESSION8000000000000000',
    entryId: '01JENTRY800000000000000000',
    // The item is stored in the file's beforeAll; its id is filled in when the row runs.
    itemId: '',
    bodyId: ROADS,
    text: 'Отремонтировать до сезона',
    due: '2026-05-13',
    status: 'open',
    sessionTitle: { kk: 'Жолдар туралы отырыс' },
    sessionStartsAt: '2026-05-06T15:00',
  };
  const table: { event: string; at?: Date; run: () => Promise<unknown>; told: Kind[] }[] = [
    {
      event: 'club agenda published',
      run: () => saveBySecretary({ status: 'agenda_published', agendaVersion: 1 }),
      told: ['club member', 'item follower'],
    },
    {
      event: 'club agenda changed',
      run: () => saveBySecretary({ agendaVersion: 2 }),
      told: ['club member', 'item follower'],
    },
    {
      event: 'club minutes published',
      run: () =>
        saveBySecretary({
          status: 'minutes_published',
          minutes: { text: 'Решили', attendance: [], publishedAt: FRIDAY.toISOString(), version: 1 },
        }),
      told: ['club member', 'item follower'],
    },
    {
      event: "an official reports the item's new status",
      run: () => postProgressUpdate(store, item.id, roadsOfficial, { status: 'suspended' }, { now: FRIDAY }),
      told: ['item follower'],
    },
    {
      event: 'an official reports a payment (the amount spent moves)',
      run: () =>
        postProgressUpdate(
          store,
          item.id,
          roadsOfficial,
          { spent: { total: '500000.00', asOf: '2026-05-08' } },
          { now: FRIDAY },
        ),
      told: ['item follower'],
    },
    {
      event: 'two comments on a followed item (no mail now: they wait for the digest)',
      run: async () => {
        for (const body of ['Когда начнут?', 'Уже начали'])
          await commentOnItem(store, item, stranger, { body, attachmentIds: [] }, FRIDAY);
      },
      told: [],
    },
    {
      event: "the next morning's digest",
      run: () => composeDigests(store, SATURDAY_MORNING),
      told: ['item follower'],
    },
    {
      event: 'a club recommendation to the roads body due in 3 working days (the job run twice: one notice)',
      run: async () => {
        await store.doc.send(
          new TransactWriteCommand({
            TransactItems: [recommendationPut(store, { ...rec, itemId: item.id })],
          }),
        );
        await emitRecommendationNotices(store, FRIDAY);
        expect((await emitRecommendationNotices(store, FRIDAY)).dueSoon).toBe(0);
      },
      told: ['roads mailbox', 'roads official (opted in)'],
    },
    {
      event: 'the same recommendation the day after its due date',
      at: new Date('2026-05-14T07:00:00Z'),
      run: () => emitRecommendationNotices(store, new Date('2026-05-14T07:00:00Z')),
      told: ['roads mailbox', 'roads official (opted in)'],
    },
  ];
  for (const row of table)
    it(`${row.event}: told exactly ${row.told.join(', ')}`, async () => {
      const got = await step(row.run, row.at ?? (row.event.includes('digest') ? SATURDAY_MORNING : FRIDAY));
      const told = (Object.keys(addr) as Kind[]).filter((k) => got.has(addr[k]));
      expect(told.sort()).toEqual([...row.told].sort());
      for (const k of row.told) expect(got.get(addr[k])).toHaveLength(1);
    });

  it('a member hears the club news in its own words, a follower in the words of the item they follow', () => {
    const last = (to: string) => catcher.messages.filter((m) => m.to.includes(to)).at(-1);
    expect(last(addr['club member'])?.subject).toBe(
      'Клуб отырысының хаттамасы жарияланды: Жолдар туралы отырыс',
    );
    expect(last(addr['club member'])?.text).not.toContain('Сіз жазылған');
    const minutes = catcher.messages.filter((m) => m.to.includes(addr['item follower'])).at(-4);
    expect(minutes?.text).toContain('Сіз жазылған нысан талқыланған');
  });

  it('status and money changes name the status and the exact amounts; the digest holds each comment', () => {
    const toFan = catcher.messages.filter((m) => m.to.includes(addr['item follower'])).slice(-3);
    expect(toFan[0]?.text).toContain('Жаңа мәртебесі: уақытша тоқтатылған');
    expect(toFan[1]?.text).toContain('Бұрын игерілгені, теңге: 450000.25');
    expect(toFan[1]?.text).toContain('Қазір игерілгені, теңге: 500000.00');
    expect(toFan[2]?.subject).toBe('Күнделікті жинақ. Хабарламалар саны: 2');
    expect(toFan[2]?.text.match(/Жаңа пікір/g)).toHaveLength(2);
  });
});

describe('who hears of new items, new flags and dead letters', () => {
  const areaFan = user('citizen', { sub: 'area-fan-9', name: 'Follows Taraz' });
  const bodyFan = user('citizen', { sub: 'body-fan-9', name: 'Follows the roads body' });
  const contractorFan = user('citizen', { sub: 'contractor-fan-9', name: 'Follows the contractor' });
  const itemFan = user('citizen', { sub: 'item-fan-9', name: 'Follows the imported item' });
  /** The fixture's first record: Taraz, the roads body, this contractor. */
  const CONTRACTOR = '123456789013';
  const addr = {
    'area subscriber': 'area.fan@example.kz',
    'body subscriber': 'body.fan@example.kz',
    'contractor subscriber': 'contractor.fan@example.kz',
    'item follower': 'item.fan9@example.kz',
    admin: 'admin@example.kz',
    stranger: ADDR[stranger.sub]!,
  };
  type Kind = keyof typeof addr;
  let imported = '';
  const HOUR = 3_600_000;

  beforeAll(async () => {
    // The flags the store's earlier items carry are computed first: news before this table began.
    await runFlagJob(store, { now: FRIDAY, contestedVisits: async () => new Map() });
    await drainOutbox(deps, () => FRIDAY);
    // The admin of the staff table, found by role (again, so this table stands on its own).
    await putProfileIfMissing(store, { sub: 'admin-1', name: 'Admin', roles: ['admin'], bodies: [] });
    for (const [p, address] of [
      [{ sub: 'admin-1' }, addr.admin],
      [areaFan, addr['area subscriber']],
      [bodyFan, addr['body subscriber']],
      [contractorFan, addr['contractor subscriber']],
      [itemFan, addr['item follower']],
    ] as const)
      await store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            emailContactOp(store, p.sub, { address, verified: true }),
            consentOp(store, p.sub, currentConsent('email', FRIDAY)),
          ],
        }),
      );
    await subscribe(store, areaFan.sub, 'area', 'taraz', FRIDAY);
    await subscribe(store, bodyFan.sub, 'body', ROADS, FRIDAY);
    await subscribe(store, contractorFan.sub, 'contractor', CONTRACTOR, FRIDAY);
  });

  const csv = () => readFileSync(join(import.meta.dirname, '../fixtures/opendata/budget-ru.csv'));
  const createdEvents = async () =>
    (await listPendingEvents(store, 100)).filter((e) => e.type === 'item.created');
  /** A sender whose every send fails for a passing reason, with no retry left: a dead letter. */
  const failing = (): NotifierDeps => ({
    ...deps,
    maxAttempts: 1,
    channels: {
      email: { kind: 'email', send: async () => ({ delivered: false, error: 'SMTP unreachable' }) },
    },
  });

  const table: { event: string; at?: Date; run: () => Promise<unknown>; told: Kind[] }[] = [
    {
      event:
        'an import creates three items (no mail now: one event per area, body and contractor waits for the digest)',
      run: async () => {
        await importFile(store, csv(), { now: () => FRIDAY });
        // The import wrote its batch's news as one event; its fan-out spells out what someone follows.
        for (const news of (await listPendingEvents(store, 100)).filter((e) => e.type === IMPORT_NEWS))
          await fanOut(deps, news, FRIDAY);
        const events = await createdEvents();
        const keys = events.map((e) => `${e.data.followKind}:${e.data.followId}`);
        // Each followed thing once, whatever number of the batch's items it holds.
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).toEqual(
          expect.arrayContaining(['area:taraz', `body:${ROADS}`, `contractor:${CONTRACTOR}`]),
        );
        imported = String(events.find((e) => e.data.followId === CONTRACTOR)?.data.itemId);
        await follow(store, itemFan.sub, imported, FRIDAY);
      },
      told: [],
    },
    {
      event: "the next morning's digest",
      at: SATURDAY_MORNING,
      run: () => composeDigests(store, SATURDAY_MORNING),
      told: ['area subscriber', 'body subscriber', 'contractor subscriber'],
    },
    {
      event: 'the flag job raises a new flag on the imported item',
      run: () => runFlagJob(store, { now: FRIDAY, contestedVisits: async () => new Map([[imported, 2]]) }),
      told: ['item follower', 'area subscriber', 'body subscriber', 'contractor subscriber'],
    },
    {
      event: 'a message fails after every retry: the hourly job tells the admins (run twice: once)',
      run: async () => {
        await putOutboxEvent(store, {
          id: 'flags-blocked-stranger',
          type: 'moderation.blocked',
          at: FRIDAY.toISOString(),
          subject: { kind: 'user', id: stranger.sub },
          actorSub: null,
          data: { sub: stranger.sub, reason: 'Спам' },
        });
        expect((await drainOutbox(failing(), () => FRIDAY)).failed).toBe(1);
        expect(await emitDeadLetterNotice(store, FRIDAY)).toEqual({ depth: 1, written: true });
        expect((await emitDeadLetterNotice(store, new Date(FRIDAY.getTime() + HOUR / 2))).written).toBe(
          false,
        );
      },
      told: ['admin'],
    },
    {
      event: 'an hour later the dead letter is still there: told again (a day later it is gone: not)',
      at: new Date(FRIDAY.getTime() + HOUR),
      run: async () => {
        expect((await emitDeadLetterNotice(store, new Date(FRIDAY.getTime() + HOUR))).written).toBe(true);
        const dayLater = new Date(FRIDAY.getTime() + 25 * HOUR);
        expect(await emitDeadLetterNotice(store, dayLater)).toEqual({ depth: 0, written: false });
      },
      told: ['admin'],
    },
  ];
  for (const row of table)
    it(`${row.event}: told exactly ${row.told.join(', ') || 'nobody'}`, async () => {
      const got = await step(row.run, row.at ?? FRIDAY);
      const told = (Object.keys(addr) as Kind[]).filter((k) => got.has(addr[k]));
      expect(told.sort()).toEqual([...row.told].sort());
      for (const k of row.told) expect(got.get(addr[k])).toHaveLength(1);
    });

  it('new items and new flags read in the subscriber language, flags by their neutral titles', () => {
    const last = (to: string) => catcher.messages.filter((m) => m.to.includes(to)).at(-1);
    const digest = catcher.messages.filter((m) => m.to.includes(addr['area subscriber'])).at(-2);
    expect(digest?.text).toContain('Аумақ: Тараз');
    expect(last(addr['item follower'])?.text).toContain('Белгілер: ');
    expect(last(addr['item follower'])?.text).not.toContain('R-SITE-CONTESTED');
  });

  it("an import's news of a new item with its own new flags tells the item's follower and the area's, body's and contractor's subscribers, once each, by the flags' titles", async () => {
    const fresh = sampleItem({
      id: 'news-flagged-9',
      title: { kk: 'Жаңа жол', ru: 'Новая дорога', en: 'New road' },
      body: { id: ROADS, name: { en: 'Roads' } },
      contractor: { name: 'ТОО «Жол»', bin: CONTRACTOR },
    } as Partial<Item>);
    await putItem(store, fresh);
    // A follow kept from before the item came (the API lets one follow only an item that exists).
    await follow(store, itemFan.sub, fresh.id, FRIDAY);
    const got = await step(() =>
      runTransaction(store, importNewsEventOps(store, [fresh], new Map([[fresh.id, ['R-STALE']]]), FRIDAY)),
    );
    const told = (Object.keys(addr) as Kind[]).filter((k) => got.has(addr[k]));
    expect(told.sort()).toEqual([
      'area subscriber',
      'body subscriber',
      'contractor subscriber',
      'item follower',
    ]);
    for (const k of told) expect(got.get(addr[k])).toHaveLength(1);
    const stale = FLAGS.find((f) => f.code === 'R-STALE')!.title.kk;
    const toFollower = got.get(addr['item follower'])![0]!;
    expect(toFollower.subject).toContain('Жаңа жол');
    expect(toFollower.text).toContain(
      `Сіз жазылған нысанда жаңа тәуекел белгісі пайда болды. Белгілер: ${stale}.`,
    );
    expect(got.get(addr['area subscriber'])![0]!.text).toContain(
      `Сіз жазылған аумақтың, органның немесе мердігердің нысанында жаңа тәуекел белгісі пайда болды. Белгілер: ${stale}.`,
    );
    expect(toFollower.text).not.toContain('R-STALE');
  });

  /** A new flagged item of the roads body, followed by the item follower, and its import news (not fanned out). */
  async function newsOfUnstoredItem(id: string, kk: string) {
    const item = sampleItem({
      id,
      title: { kk, ru: kk, en: kk },
      body: { id: ROADS, name: { en: 'Roads' } },
      contractor: { name: 'ТОО «Жол»', bin: CONTRACTOR },
    } as Partial<Item>);
    await follow(store, itemFan.sub, item.id, FRIDAY);
    await runTransaction(store, importNewsEventOps(store, [item], new Map([[item.id, ['R-STALE']]]), FRIDAY));
    const news = (await listPendingEvents(store, 100)).find(
      (e) => e.type === IMPORT_NEWS && String(e.data.items).includes(id),
    )!;
    return { item, news };
  }

  it("an import's news waits while its item is not stored yet, and tells with the item's title once it is", async () => {
    // The import commits its news with its chain entry and writes the items just after.
    const { item, news } = await newsOfUnstoredItem('news-later-1', 'Кейінгі жол');
    const early = await step(async () => undefined);
    expect(early.get(addr['item follower'])).toBeUndefined();
    expect((await listPendingEvents(store, 100)).map((e) => e.id)).toContain(news.id);
    await putItem(store, item);
    const got = await step(async () => undefined);
    expect(got.get(addr['item follower'])).toHaveLength(1);
    expect(got.get(addr['item follower'])![0]!.subject).toContain('Кейінгі жол');
    expect((await listPendingEvents(store, 100)).map((e) => e.id)).not.toContain(news.id);
  });

  it("past the wait, an import's news naming an item that was never stored goes out without it", async () => {
    const { news } = await newsOfUnstoredItem('news-never-1', 'Болмаған жол');
    const later = new Date(FRIDAY.getTime() + BATCH_NEWS_WAIT_MS);
    expect(await expandImportNews(store, news, new Date(later.getTime() - 1))).toBe(NEWS_WAITING);
    const got = await step(async () => undefined, later);
    expect(got.get(addr['item follower'])).toBeUndefined();
    expect((await listPendingEvents(store, 100)).map((e) => e.id)).not.toContain(news.id);
  });

  it('a bulk import is one event per area, body and contractor per batch, never one per item', () => {
    const items = Array.from({ length: 100 }, (_, i) =>
      sampleItem({ id: `bulk-${i}`, contractor: { name: 'ТОО «Жол»', bin: CONTRACTOR } } as Partial<Item>),
    );
    const ops = itemCreatedEventOps(store, items, FRIDAY);
    expect(
      ops.map((op) => (op.Put?.Item as { data: { followKind: string; count: string } } | undefined)?.data),
    ).toEqual([
      expect.objectContaining({ followKind: 'area', count: '100' }),
      expect.objectContaining({ followKind: 'body', count: '100' }),
      expect.objectContaining({ followKind: 'contractor', count: '100' }),
    ]);
  });
});
