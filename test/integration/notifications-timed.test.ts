/**
 * The timed notices job with an injected clock on DynamoDB Local: "due in 3 working days" reaches
 * the body (mailbox and opted-in officials) once, "overdue" reaches the asker, the item's
 * followers and the body once, and re-runs or two runs at once add nothing. Sends go to an
 * in-memory channel (the SMTP path is proven in notifications.test.ts), which keeps this file fast.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { consentOp, currentConsent } from '../../functions/data/consents';
import { follow } from '../../functions/data/follows';
import { putItem } from '../../functions/data/items';
import {
  countUnread,
  emailContactOp,
  getPrefs,
  listInbox,
  markSeen,
  setBodyMailbox,
  setOfficialOptIn,
} from '../../functions/data/notifications';
import type { DeliveryChannel, OutgoingMessage } from '../../functions/notify/channel';
import { drainOutbox, type NotifierDeps } from '../../functions/services/notifications';
import { raiseQuestion } from '../../functions/services/questions';
import { createSession, saveSession } from '../../functions/services/sessions';
import { emitTimedEvents } from '../../functions/services/timed-notifications';
import { addDays, isDueSoon } from '../../shared/deadlines';
import type { Item } from '../../shared/item';
import type { Question } from '../../shared/questions';
import type { Session } from '../../shared/sessions';
import { user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const CONSENT_AT = new Date('2026-01-01T00:00:00Z');

const ROADS = 'zha-roads';
const MAILBOX = 'inbox@roads.example.kz';
const asker = user('citizen', { sub: 'timed-asker' });
const official = user('official', { sub: 'timed-official', bodies: [ROADS] });
const follower = user('citizen', { sub: 'timed-follower' });
/** Follows the item but has no address: told only in "My feed". */
const feedOnly = user('citizen', { sub: 'timed-feed-only' });
const stranger = user('citizen', { sub: 'timed-stranger' });
const ADDR: Record<string, string> = {
  [asker.sub]: 'asker@example.kz',
  [official.sub]: 'official@example.kz',
  [follower.sub]: 'follower@example.kz',
  [stranger.sub]: 'stranger@example.kz',
};

/** Noon in Almaty on a date. */
const noonOf = (date: string) => new Date(`${date}T07:00:00Z`);

let store: Store;
let deps: NotifierDeps;
let q: Question;
let item: Item;
const sent: { to: string; message: OutgoingMessage }[] = [];

/** One run of the job at `date` and a drain: the addresses it reached and the job's report. */
async function runOn(date: string) {
  const since = sent.length;
  const report = await emitTimedEvents(store, noonOf(date));
  await drainOutbox(deps, () => noonOf(date));
  return {
    report,
    to: sent
      .slice(since)
      .map((s) => s.to)
      .sort(),
  };
}

beforeAll(async () => {
  store = await createTestStore('timed');
  const channel: DeliveryChannel = {
    kind: 'email',
    send: async (to, message) => {
      sent.push({ to, message });
      return { delivered: true };
    },
  };
  deps = { store, channels: { email: channel }, baseUrl: 'http://hub.test' };
  await putBody(store, { id: ROADS, name: { kk: 'Жолдар басқармасы', ru: 'Управление дорог', en: 'Roads' } });
  item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } } as Partial<Item>);
  await putItem(store, item);
  await setBodyMailbox(store, ROADS, MAILBOX);
  await setOfficialOptIn(store, ROADS, official.sub, true);
  await store.doc.send(
    new TransactWriteCommand({
      // Each address with its consent (the notifier sends to none without: services/consents.ts).
      TransactItems: Object.entries(ADDR).flatMap(([sub, address]) => [
        emailContactOp(store, sub, { address, verified: true }),
        consentOp(store, sub, currentConsent('email', CONSENT_AT)),
      ]),
    }),
  );
  await follow(store, follower.sub, item.id, noonOf('2026-05-08'));
  await follow(store, feedOnly.sub, item.id, noonOf('2026-05-08'));
  // Raised on a Friday; the raise's own mails (received, new question) are drained before the clock moves.
  q = await raiseQuestion(
    store,
    item,
    asker,
    { text: 'Когда починят дорогу?', lang: 'ru' },
    { now: noonOf('2026-05-08') },
  );
  await drainOutbox(deps, () => noonOf('2026-05-08'));
});
afterAll(() => store.raw.destroy());

/** The first day on which the answer counts as due soon (3 working days or less before the due date). */
function firstDueSoonDay(dueOn: string): string {
  let day = dueOn;
  while (isDueSoon(dueOn, addDays(day, -1))) day = addDays(day, -1);
  return day;
}

describe('timed notices', () => {
  it('nothing is due the day before the answer enters its last 3 working days', async () => {
    const { report, to } = await runOn(addDays(firstDueSoonDay(q.dueOn), -1));
    expect(report).toMatchObject({ dueSoon: 0, overdue: 0 });
    expect(to).toEqual([]);
  });

  it('"due in 3 working days" reaches the body mailbox and its opted-in official once', async () => {
    const day = firstDueSoonDay(q.dueOn);
    const first = await runOn(day);
    expect(first.report).toMatchObject({ dueSoon: 1, overdue: 0 });
    expect(first.to).toEqual([MAILBOX, ADDR[official.sub]].sort());
    expect(sent.at(-1)?.message.subject).toContain('Жауап беру мерзімі таяу');
  });

  it('a re-run the same day, two runs at once and the next day add nothing', async () => {
    const day = firstDueSoonDay(q.dueOn);
    const since = sent.length;
    const [a, b] = await Promise.all([
      emitTimedEvents(store, noonOf(day)),
      emitTimedEvents(store, noonOf(day)),
    ]);
    expect(a.dueSoon + b.dueSoon).toBe(0);
    const next = await runOn(addDays(day, 1));
    expect(next.report.dueSoon).toBe(0);
    expect(sent.length).toBe(since);
  });

  it('"overdue" reaches the asker, the followers and the body once, the day after the due date', async () => {
    const dayAfter = addDays(q.dueOn, 1);
    const [first, concurrent] = await Promise.all([
      runOn(dayAfter),
      emitTimedEvents(store, noonOf(dayAfter)),
    ]);
    expect(first.report.overdue + concurrent.overdue).toBe(1);
    expect(first.to).toEqual([ADDR[asker.sub], ADDR[follower.sub], MAILBOX, ADDR[official.sub]].sort());
    const again = await runOn(dayAfter);
    expect(again.report).toMatchObject({ dueSoon: 0, overdue: 0 });
    expect(again.to).toEqual([]);
  });

  it('a follower with no address sees it in "My feed"; marking the feed seen brings the bell to 0', async () => {
    const feed = await listInbox(store, feedOnly.sub);
    expect(feed.map((e) => e.message)).toEqual(['question.overdue']);
    expect(feed[0]?.data).toMatchObject({ dueOn: q.dueOn, bodyId: ROADS });
    expect(await countUnread(store, feedOnly.sub, undefined)).toBe(1);
    await markSeen(store, feedOnly.sub, feed[0]!.at);
    const askerFeed = await listInbox(store, asker.sub);
    // The asker's feed holds the receipt and the overdue notice; the stranger's nothing.
    expect(askerFeed.map((e) => e.message)).toEqual(['question.overdue', 'question.received']);
    expect(await listInbox(store, stranger.sub)).toEqual([]);
    expect(await countUnread(store, feedOnly.sub, (await getPrefs(store, feedOnly.sub)).seenAt)).toBe(0);
  });
});

describe('session events', () => {
  it('publishing an agenda tells the followers of its items, once; a later version tells them it changed', async () => {
    // After the overdue notice, so the feed's newest entries are the session's.
    const at = noonOf(addDays(q.dueOn, 3));
    const draft: Session = {
      id: '01JSESSION0000000000000000',
      title: { kk: 'Жолдар туралы отырыс', ru: 'Заседание о дорогах', en: 'Roads session' },
      startsAt: '2026-05-20T15:00',
      startUtc: '2026-05-20T10:00:00.000Z',
      durationMinutes: 90,
      venue: { ru: 'Центр Antikor' },
      format: 'in_person',
      participants: [],
      status: 'draft',
      version: 1,
      agendaVersion: 0,
      entries: [{ id: '01JENTRY000000000000000000', itemId: item.id }],
      updatedAt: at.toISOString(),
    };
    await createSession(store, draft);
    const since = sent.length;
    const published = await saveSession(store, draft, 1, {
      ...draft,
      status: 'agenda_published',
      agendaVersion: 1,
    });
    await drainOutbox(deps, () => at);
    const told = sent.slice(since);
    // The follower with an address by mail; the asker and the body follow nothing here.
    expect(told.map((m) => m.to)).toEqual([ADDR[follower.sub]]);
    expect(told[0]?.message.link).toBe(`http://hub.test/sessions/${draft.id}`);
    await saveSession(store, published, published.version, { ...published, agendaVersion: 2 });
    await drainOutbox(deps, () => at);
    const feed = await listInbox(store, feedOnly.sub);
    expect(feed.slice(0, 2).map((e) => e.message)).toEqual([
      'session.agenda-changed',
      'session.agenda-published',
    ]);
    expect(sent.length).toBe(since + 2);
  });
});
