/**
 * Digests on DynamoDB Local with an injected clock: what a person asked to hear daily or weekly,
 * and what a day's cap held back, goes out as one message at the digest time (08:00 Almaty) and
 * is never dropped; re-runs and two runs at once write one digest; a channel turned off meanwhile
 * gets nothing. Sends go to an in-memory channel (the SMTP path is proven in notifications.test.ts).
 * Each test has its own follower, item and days, so none depends on another's state.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/data/client';
import { consentOp, currentConsent } from '../../functions/data/consents';
import { follow } from '../../functions/data/follows';
import { putItem } from '../../functions/data/items';
import {
  type DeliveryMode,
  emailContactOp,
  listEventDeliveries,
  listInbox,
  putOutboxEvent,
  putPrefs,
  subscribe,
} from '../../functions/data/notifications';
import type { DeliveryChannel, OutgoingMessage } from '../../functions/notify/channel';
import { composeDigests } from '../../functions/services/digests';
import { drainOutbox, type NotifierDeps } from '../../functions/services/notifications';
import { sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const CONSENT_AT = new Date('2026-01-01T00:00:00Z');

let store: Store;
let deps: NotifierDeps;
const sent: { to: string; message: OutgoingMessage }[] = [];

/** An Almaty wall-clock time as an instant (UTC+5). */
const almaty = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);

beforeAll(async () => {
  store = await createTestStore('digest');
  const channel: DeliveryChannel = {
    kind: 'email',
    send: async (to, message) => {
      sent.push({ to, message });
      return { delivered: true };
    },
  };
  // A cap of 2 instant messages a day: the third goes to the next morning's digest.
  deps = { store, channels: { email: channel }, baseUrl: 'http://hub.test', dailyCap: 2 };
});
afterAll(() => store.raw.destroy());

/** A verified address with its consent (the notifier sends to none without: services/consents.ts). */
const withConsent = (sub: string, address: string) =>
  store.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        emailContactOp(store, sub, { address, verified: true }),
        consentOp(store, sub, currentConsent('email', CONSENT_AT)),
      ],
    }),
  );

/** A follower of a fresh item with a verified address and the given e-mail mode. */
async function follower(name: string, mode: DeliveryMode, lang: 'kk' | 'ru' | 'en' = 'ru') {
  const sub = `digest-${name}`;
  const address = `${name}@example.kz`;
  const item = sampleItem({ title: { kk: `Жол ${name}`, ru: `Дорога ${name}`, en: `Road ${name}` } });
  await putItem(store, item);
  await withConsent(sub, address);
  await putPrefs(store, sub, { lang, channels: { email: mode } });
  await follow(store, sub, item.id, almaty('2026-05-01', '12:00'));
  return { sub, address, item };
}

/** `n` answers on the item at `at`, fanned out and sent at once. */
async function answers(item: { id: string }, n: number, at: Date) {
  for (let i = 0; i < n; i++)
    await putOutboxEvent(store, {
      id: `answer-${item.id}-${at.getTime()}-${i}`,
      type: 'question.answered',
      at: at.toISOString(),
      subject: { kind: 'question', id: `q-${item.id}-${i}`, itemId: item.id },
      actorSub: 'digest-official',
      data: {
        itemId: item.id,
        questionId: `q-${item.id}-${i}`,
        bodyId: 'zha-roads',
        askerSub: 'digest-asker',
        itemTitle: JSON.stringify({ kk: 'Жол', ru: `Ответ ${i + 1}`, en: `Answer ${i + 1}` }),
      },
    });
  await drainOutbox(deps, () => at);
}

/** One digest run at `at` and a drain: the mails the address received from it. */
async function digestRun(address: string, at: Date) {
  const since = sent.length;
  const report = await composeDigests(store, at);
  await drainOutbox(deps, () => at);
  return { report, mails: sent.slice(since).filter((s) => s.to === address) };
}

const mailsTo = (address: string) => sent.filter((s) => s.to === address);

describe('digests', () => {
  it('a daily reader gets nothing instantly and one digest at 08:00 the next day listing every answer', async () => {
    const { address, item } = await follower('daily', 'daily');
    await answers(item, 3, almaty('2026-06-02', '12:00'));
    expect(mailsTo(address)).toHaveLength(0);
    const { mails } = await digestRun(address, almaty('2026-06-03', '08:30'));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!.message;
    expect(mail.subject).toBe('Сводка за день. Уведомлений: 3');
    for (const i of [1, 2, 3]) expect(mail.text).toContain(`Ответ ${i}`);
    expect(mail.text).toContain(`http://hub.test/items/${item.id}#question-q-${item.id}-0`);
    expect(mail.unsubscribeUrl).toMatch(/^http:\/\/hub\.test\/api\/notifications\/unsubscribe\?t=/);
  });

  it('nothing is composed before 08:00 Almaty', async () => {
    const { address, item } = await follower('early', 'daily');
    await answers(item, 1, almaty('2026-06-09', '12:00'));
    expect((await digestRun(address, almaty('2026-06-10', '07:30'))).mails).toHaveLength(0);
    expect((await digestRun(address, almaty('2026-06-10', '08:00'))).mails).toHaveLength(1);
  });

  it('a weekly reader waits through the week and gets one digest on Monday morning', async () => {
    const { address, item } = await follower('weekly', 'weekly', 'en');
    await answers(item, 2, almaty('2026-06-16', '12:00'));
    // Wednesday and Sunday: still waiting.
    expect((await digestRun(address, almaty('2026-06-17', '09:00'))).mails).toHaveLength(0);
    expect((await digestRun(address, almaty('2026-06-21', '09:00'))).mails).toHaveLength(0);
    const { mails } = await digestRun(address, almaty('2026-06-22', '09:00'));
    expect(mails.map((m) => m.message.subject)).toEqual(['Weekly digest. Notifications: 2']);
  });

  it('past the day’s cap nothing is lost: the rest arrive in the next morning’s digest', async () => {
    const { sub, address, item } = await follower('capped', 'instant');
    await answers(item, 4, almaty('2026-06-23', '12:00'));
    expect(mailsTo(address)).toHaveLength(2);
    const { mails } = await digestRun(address, almaty('2026-06-24', '08:15'));
    expect(mails.map((m) => m.message.subject)).toEqual(['Сводка за день. Уведомлений: 2']);
    // All four are in "My feed", whatever carried them.
    expect((await listInbox(store, sub)).filter((e) => e.subject.itemId === item.id)).toHaveLength(4);
  });

  it('a re-run and two runs at once write the day’s digest once', async () => {
    const { address, item } = await follower('twice', 'daily');
    await answers(item, 2, almaty('2026-06-30', '12:00'));
    const at = almaty('2026-07-01', '08:10');
    const [a, b] = await Promise.all([composeDigests(store, at), composeDigests(store, at)]);
    expect(a.digests + b.digests).toBeGreaterThanOrEqual(1);
    await drainOutbox(deps, () => at);
    await digestRun(address, almaty('2026-07-01', '09:10'));
    expect(mailsTo(address)).toHaveLength(1);
    // The parked deliveries now name the digest that carried them.
    const delivery = (
      await listEventDeliveries(store, `answer-${item.id}-${almaty('2026-06-30', '12:00').getTime()}-0`)
    )[0]!;
    expect(delivery).toMatchObject({
      status: 'digested',
      digestId: expect.stringMatching(/^digest-2026-07-01-email-/),
    });
  });

  it('a channel turned off before the digest gets nothing, and its parked deliveries are dropped', async () => {
    const { sub, address, item } = await follower('off', 'daily');
    await answers(item, 2, almaty('2026-07-07', '12:00'));
    await putPrefs(store, sub, { lang: 'ru', channels: { email: 'off' } });
    const { report, mails } = await digestRun(address, almaty('2026-07-08', '08:30'));
    expect(mails).toHaveLength(0);
    expect(report.skipped).toBeGreaterThanOrEqual(2);
    // Turned back on: nothing old comes back.
    await putPrefs(store, sub, { lang: 'ru', channels: { email: 'daily' } });
    expect((await digestRun(address, almaty('2026-07-09', '08:30'))).mails).toHaveLength(0);
  });

  it('an area followed at its own daily pace waits for the digest, though the channel sends at once', async () => {
    const sub = 'digest-area-reader';
    const address = 'area-reader@example.kz';
    const item = sampleItem({ area: 'sarysu' });
    await putItem(store, item);
    await withConsent(sub, address);
    await putPrefs(store, sub, { lang: 'en', channels: { email: 'instant' } });
    await subscribe(store, sub, 'area', 'sarysu', almaty('2026-07-01', '10:00'), 'daily');
    await answers(item, 1, almaty('2026-07-14', '12:00'));
    expect(mailsTo(address)).toHaveLength(0);
    const { mails } = await digestRun(address, almaty('2026-07-15', '08:30'));
    expect(mails.map((m) => m.message.subject)).toEqual(['Daily digest. Notifications: 1']);
  });
});
