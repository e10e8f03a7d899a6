/**
 * The notification entities (functions/data/entities/notifications.ts) over the existing table:
 * records as data/notifications.ts and data/telegram.ts put them by hand before ElectroDB (no
 * `__edb_*` identifiers, no composite attributes) are read as before, the entities' writes land on
 * the same keys, and a partition or index shared with other kinds never mixes them in.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/data/client';
import {
  bodyMailboxModel,
  notifyEntity,
  notifyPrefsModel,
  telegramLinkModel,
} from '../../functions/data/entities/notifications';
import {
  countUnread,
  emailContactOp,
  getBodyMailbox,
  getEmailContact,
  getPrefs,
  listDueDeliveries,
  listInbox,
  listPendingEvents,
  listQuestionNotices,
  listUndeliveredNotices,
  markEmailVerified,
  markSeen,
  noticeOp,
  outboxEventOp,
  setOfficialOptIn,
  takeCap,
  undeliveredNoticeOp,
} from '../../functions/data/notifications';
import { getTelegramLink, putLinkToken, takeLinkToken } from '../../functions/data/telegram';
import { createTestStore } from '../support/store';

const KEY_FIELDS = /^(pk|sk|gsi\d+(pk|sk))$/;
const keysOf = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => KEY_FIELDS.test(k)));
const putItemOf = (op: { Put?: unknown }) => (op.Put as { Item: Record<string, unknown> }).Item;

let store: Store;
beforeAll(async () => {
  store = await createTestStore('notify-entities');
});
afterAll(() => store.raw.destroy());

const put = (Item: Record<string, unknown>) =>
  store.doc.send(new PutCommand({ TableName: store.table, Item }));

describe('key templates equal the hand-built keys', () => {
  it('an outbox event: its table key and its pending-index key', () => {
    const event = {
      id: '01JEV0000000000000000000001',
      type: 'question.raised',
      at: '2026-07-01T07:00:00.000Z',
      subject: { kind: 'question' as const, id: 'q1', itemId: 'i1' },
      actorSub: null,
      data: { itemId: 'i1' },
    };
    expect(keysOf(putItemOf(outboxEventOp(store, event)))).toEqual({
      pk: `OUTBOX#${event.id}`,
      sk: 'EVENT',
      gsi7pk: 'KIND#OUTBOX#pending',
      gsi7sk: `${event.at}#${event.id}`,
    });
  });

  it('a legal notice, the undelivered flag and an e-mail contact', () => {
    const notice = {
      itemId: 'i1',
      questionId: 'q1',
      eventId: 'e1',
      kind: 'received',
      channel: 'email' as const,
      at: '2026-07-01T07:00:00.000Z',
      delivered: true,
    };
    expect(keysOf(putItemOf(noticeOp(store, notice)))).toEqual({ pk: 'ITEM#i1', sk: 'NOTICE#q1#e1#email' });
    expect(keysOf(putItemOf(undeliveredNoticeOp(store, 'b1', notice)))).toEqual({
      pk: 'BODY#b1',
      sk: 'NOTICEFAIL#q1',
    });
    expect(putItemOf(noticeOp(store, notice)).kind).toBe('received');
    expect(
      keysOf(putItemOf(emailContactOp(store, 'u1', { address: 'a@example.kz', verified: false }))),
    ).toEqual({ pk: 'USER#u1', sk: 'CONTACT#email' });
  });

  it('preferences, a body mailbox and a Telegram link', () => {
    const keyOf = (params: unknown) => keysOf((params as { Item: Record<string, unknown> }).Item);
    expect(
      keyOf(notifyEntity(store, notifyPrefsModel).put({ sub: 'u1', lang: 'kk', channels: {} }).params()),
    ).toEqual({ pk: 'USER#u1', sk: 'NOTIFYPREFS' });
    expect(
      keyOf(
        notifyEntity(store, bodyMailboxModel)
          .put({ bodyId: 'b1', address: 'a@b.kz', verified: true })
          .params(),
      ),
    ).toEqual({ pk: 'BODY#b1', sk: 'CONTACT#email' });
    expect(
      keyOf(notifyEntity(store, telegramLinkModel).put({ sub: 'u1', chatId: '42', linkedAt: 'x' }).params()),
    ).toEqual({ pk: 'USER#u1', sk: 'TELEGRAM' });
  });
});

describe('records written before ElectroDB are read as before', () => {
  it('preferences, an e-mail contact and a body mailbox put by hand', async () => {
    await put({
      pk: 'USER#u-old',
      sk: 'NOTIFYPREFS',
      entity: 'notify-prefs',
      lang: 'ru',
      channels: { email: 'daily' },
      seenAt: '2026-07-01T07:00:00.000Z',
    });
    await put({
      pk: 'USER#u-old',
      sk: 'CONTACT#email',
      entity: 'contact',
      address: 'old@example.kz',
      verified: true,
    });
    await put({
      pk: 'BODY#b-old',
      sk: 'CONTACT#email',
      entity: 'contact',
      address: 'box@akimat.kz',
      verified: true,
    });
    expect(await getPrefs(store, 'u-old')).toEqual({
      lang: 'ru',
      channels: { email: 'daily' },
      seenAt: '2026-07-01T07:00:00.000Z',
    });
    expect(await getEmailContact(store, 'u-old')).toEqual({ address: 'old@example.kz', verified: true });
    expect(await getBodyMailbox(store, 'b-old')).toBe('box@akimat.kz');
  });

  it('a pending event and an open delivery put by hand are listed', async () => {
    await put({
      pk: 'OUTBOX#e-old',
      sk: 'EVENT',
      entity: 'outbox-event',
      id: 'e-old',
      type: 'question.raised',
      at: '2026-07-01T07:00:00.000Z',
      subject: { kind: 'question', id: 'q1' },
      data: {},
      status: 'pending',
      gsi7pk: 'KIND#OUTBOX#pending',
      gsi7sk: '2026-07-01T07:00:00.000Z#e-old',
    });
    await put({
      pk: 'OUTBOX#e-old',
      sk: 'DELIVERY#email#user:u-old',
      entity: 'delivery',
      eventId: 'e-old',
      channel: 'email',
      recipientKey: 'user:u-old',
      status: 'pending',
      notBefore: '2026-07-01T07:00:00.000Z',
      attempts: 0,
      gsi7pk: 'KIND#DELIVERY#open',
      gsi7sk: '2026-07-01T07:00:00.000Z#e-old#email#user:u-old',
    });
    expect((await listPendingEvents(store)).map((e) => e.id)).toContain('e-old');
    expect(
      (await listDueDeliveries(store, new Date('2026-07-01T08:00:00Z'))).map((d) => d.recipientKey),
    ).toContain('user:u-old');
  });

  it('a Telegram link token put by hand links once', async () => {
    const { createHash } = await import('node:crypto');
    await put({
      pk: `TGLINK#${createHash('sha256').update('tok-old').digest('hex')}`,
      sk: 'TGLINK',
      sub: 'u-tg',
      expiresAtIso: '2026-07-01T08:00:00.000Z',
      expiresAt: 1_782_892_800,
    });
    expect(await takeLinkToken(store, 'tok-old')).toEqual({
      sub: 'u-tg',
      expiresAt: new Date('2026-07-01T08:00:00.000Z'),
    });
    expect(await takeLinkToken(store, 'tok-old')).toBeNull();
    await putLinkToken(store, 'tok-new', 'u-tg', new Date('2026-07-01T08:00:00Z'));
    expect((await takeLinkToken(store, 'tok-new'))?.sub).toBe('u-tg');
    expect(await getTelegramLink(store, 'u-nobody')).toBeNull();
  });
});

describe('writes through the entities behave as the hand-built ones did', () => {
  it('the bell’s mark only moves forward, and a first mark stores the default preferences', async () => {
    expect(await markSeen(store, 'u-bell', '2026-07-02T07:00:00.000Z')).toBe('2026-07-02T07:00:00.000Z');
    expect(await markSeen(store, 'u-bell', '2026-07-01T07:00:00.000Z')).toBe('2026-07-02T07:00:00.000Z');
    expect(await getPrefs(store, 'u-bell')).toEqual({
      lang: 'kk',
      channels: { email: 'instant', telegram: 'instant' },
      seenAt: '2026-07-02T07:00:00.000Z',
    });
  });

  it('the daily cap admits exactly its number of messages', async () => {
    const now = new Date('2026-07-01T07:00:00Z');
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await takeCap(store, 'u-cap', '2026-07-01', 3, now));
    expect(taken).toEqual([true, true, true, false]);
  });

  it('an e-mail is verified only with its token before it expires', async () => {
    await store.doc.send(
      new PutCommand(
        emailContactOp(store, 'u-verify', {
          address: 'v@example.kz',
          verified: false,
          tokenHash: 'h1',
          tokenExpires: '2026-07-02T00:00:00.000Z',
        }).Put as never,
      ),
    );
    expect(await markEmailVerified(store, 'u-verify', 'wrong', new Date('2026-07-01T00:00:00Z'))).toBe(false);
    expect(await markEmailVerified(store, 'u-verify', 'h1', new Date('2026-07-01T00:00:00Z'))).toBe(true);
    expect(await getEmailContact(store, 'u-verify')).toEqual({
      address: 'v@example.kz',
      verified: true,
      verifiedAt: '2026-07-01T00:00:00.000Z',
    });
  });
});

describe('shared partitions and indexes never mix kinds', () => {
  it("a question's notices leave out the item, its other questions' notices and other records", async () => {
    await put({ pk: 'ITEM#i-mix', sk: 'ITEM', entity: 'item', id: 'i-mix' });
    await put({ pk: 'ITEM#i-mix', sk: 'NOTICE#q1#stray', entity: 'other' });
    const notice = (questionId: string, eventId: string) => ({
      itemId: 'i-mix',
      questionId,
      eventId,
      kind: 'received',
      channel: 'email' as const,
      at: '2026-07-01T07:00:00.000Z',
      delivered: true,
    });
    for (const n of [notice('q1', 'e1'), notice('q10', 'e2')])
      await store.doc.send(new PutCommand(noticeOp(store, n).Put as never));
    expect(await listQuestionNotices(store, 'i-mix', 'q1')).toEqual([notice('q1', 'e1')]);
  });

  it("a body's undelivered flags leave out its mailbox and its officials' opt-ins", async () => {
    await put({
      pk: 'BODY#b-mix',
      sk: 'CONTACT#email',
      entity: 'contact',
      address: 'x@y.kz',
      verified: true,
    });
    await setOfficialOptIn(store, 'b-mix', 'u-official', true);
    await put({
      pk: 'BODY#b-mix',
      sk: 'NOTICEFAIL#q-old',
      entity: 'notice-fail',
      questionId: 'q-old',
      itemId: 'i1',
      kind: 'received',
      at: '2026-07-01T07:00:00.000Z',
    });
    await store.doc.send(
      new PutCommand(
        undeliveredNoticeOp(store, 'b-mix', {
          questionId: 'q-new',
          itemId: 'i1',
          kind: 'extended',
          at: '2026-07-02T07:00:00.000Z',
        }).Put as never,
      ),
    );
    expect([...(await listUndeliveredNotices(store, 'b-mix'))].sort()).toEqual(['q-new', 'q-old']);
  });

  it("a user's feed takes feed entries and e-mail deliveries, not a stray record on its index", async () => {
    const feedKeys = (at: string, eventId: string) => ({
      gsi6pk: 'INBOX#u-feed',
      gsi6sk: `${at}#${eventId}`,
    });
    await put({
      pk: 'OUTBOX#f1',
      sk: 'INBOX#u-feed',
      entity: 'inbox',
      eventId: 'f1',
      eventType: 'question.raised',
      message: 'question.raised',
      subject: { kind: 'question', id: 'q1' },
      feedData: {},
      ...feedKeys('2026-07-01T07:00:00.000Z', 'f1'),
    });
    await put({
      pk: 'OUTBOX#f2',
      sk: 'DELIVERY#email#user:u-feed',
      entity: 'delivery',
      eventId: 'f2',
      eventType: 'question.answered',
      message: 'question.answered',
      subject: { kind: 'question', id: 'q1' },
      ...feedKeys('2026-07-02T07:00:00.000Z', 'f2'),
    });
    await put({ pk: 'OTHER#x', sk: 'X', entity: 'other', ...feedKeys('2026-07-03T07:00:00.000Z', 'x') });
    expect((await listInbox(store, 'u-feed')).map((e) => e.eventId)).toEqual(['f2', 'f1']);
    expect(await countUnread(store, 'u-feed', '2026-07-01T07:00:00.000Z')).toBe(1);
  });
});
