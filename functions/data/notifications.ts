/**
 * The notification outbox and its delivery records, contacts, preferences and subscriptions.
 * Persistence only: who hears what is decided in functions/services/notifications.ts.
 *
 * An event is written in the same transaction as the change it reports (`outboxEventOp`), so a
 * committed change always has its event and a refused one never does. Fan-out turns an event into
 * one delivery per (event, recipient, channel) with a fixed message id; a delivery is marked
 * "sending" (with a lease) before it is handed to the channel and "sent" after, so after a crash
 * only a message that was in flight can go out again, with the same id.
 *
 * Keys, declared once as ElectroDB entities in data/entities/notifications.ts (the generated table
 * in functions/README.md lists them with their access patterns):
 *   event              pk OUTBOX#<eventId>  sk EVENT
 *   pending events     byKind gsi7pk KIND#OUTBOX#pending    gsi7sk <at>#<eventId>   (removed once fanned out)
 *   delivery           pk OUTBOX#<eventId>  sk DELIVERY#<channel>#<recipientKey>
 *   open deliveries    byKind gsi7pk KIND#DELIVERY#open     gsi7sk <notBefore ISO>#<eventId>#<channel>#<recipientKey>
 *   parked deliveries  byKind gsi7pk KIND#DELIVERY#digest   gsi7sk <channel>#<recipientKey>#<notBefore ISO>#<eventId>
 *                      (waiting for the recipient's daily or weekly digest; removed once digested)
 *   dead letters       byKind gsi7pk KIND#DELIVERY#dead     gsi7sk <failed at ISO>#<eventId>#<channel>#<recipientKey>
 *                      (failed after every retry: the local dead-letter queue, counted by the timed job)
 *   a user's feed      pk OUTBOX#<eventId>  sk INBOX#<sub>   byUser gsi6pk INBOX#<sub>  gsi6sk <at>#<eventId>
 *                      (the bell and "My feed": one entry per event a user is told of, whatever the channels)
 *   legal notice       pk ITEM#<itemId>     sk NOTICE#<questionId>#<eventId>#<channel>   (audited, kind `notice`)
 *   undelivered notice pk BODY#<bodyId>     sk NOTICEFAIL#<questionId>                   (the body's inbox flag)
 *   e-mail contact     pk USER#<sub>        sk CONTACT#email
 *   preferences        pk USER#<sub>        sk NOTIFYPREFS
 *   body mailbox       pk BODY#<bodyId>     sk CONTACT#email
 *   official opt-in    pk BODY#<bodyId>     sk OFFICIAL#<sub>
 *   subscription       pk USER#<sub>        sk SUB#<kind>#<id>
 *   subscribers of x   byStatus gsi5pk SUBSCRIBERS#<kind>#<id>  gsi5sk <sub>   (on the subscription record)
 *   daily cap          pk USER#<sub>        sk NOTIFYCAP#<almaty date>   (expires after two days)
 */
import {
  BatchGetCommand,
  PutCommand,
  type PutCommandInput,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DEFAULT_LANG, type Lang } from '../../shared/i18n-text';
import type { Question } from '../../shared/questions';
import type { Session } from '../../shared/sessions';
import type { TransactOp } from '../audit/chain';
import { batchGetRecords, batchPut } from './batch';
import type { Store } from './client';
import { type ConsentRecord, consentFromItem, consentKey } from './consents';
import { consentModel } from './entities/consents';
import {
  bodyMailboxModel,
  dailyCapModel,
  deliveryModel,
  emailContactModel,
  feedEntryModel,
  legalNoticeModel,
  notifyEntity,
  notifyPrefsModel,
  outboxEventModel,
  undeliveredNoticeModel,
} from './entities/notifications';
import { queryAll, queryCount, queryEntityAll, queryEntityRecords, queryPages } from './query-all';
import {
  entitiesOf,
  fill,
  go,
  indexKey,
  kindIn,
  kindIs,
  MODELS,
  OWN,
  recordKey,
  subscriptionModel,
} from './schema';

type TransactPut = NonNullable<TransactOp['Put']>;

export type ChannelKind = 'email' | 'telegram';

/** What happened, as the outbox stores it. `data` holds only what the message needs (no addresses). */
export interface NotificationEvent {
  id: string;
  type: string;
  at: string;
  /** The record the event is about, for links and for the "My feed" list. */
  subject: {
    /** `content`, `user`, `body`, `data-run`: moderator and admin events. */
    kind: 'question' | 'item' | 'contact' | 'session' | 'content' | 'user' | 'body' | 'data-run';
    id: string;
    itemId?: string;
  };
  /** The sub of whoever caused it: they are not told about their own action. */
  actorSub?: string | null;
  data: Record<string, string | number | boolean | null>;
}

/**
 * `digest`: parked for the recipient's daily or weekly digest (or past the day's cap);
 * `digested`: carried by the digest event named in `digestId` (./../services/digests.ts).
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'digest' | 'digested' | 'skipped';

export interface Delivery {
  eventId: string;
  eventType: string;
  channel: ChannelKind;
  /** `user:<sub>` or `body:<bodyId>` (the shared mailbox). */
  recipientKey: string;
  /**
   * The address or chat id resolved at fan-out; never leaves the server. Removed once the delivery
   * is final (sent, failed, digested, skipped): the delivery log is kept (the body's inbox and the
   * legal notices refer to it) but holds no contact detail, so erasing an account leaves none
   * behind on other partitions (issue 20, item 5). Present on every delivery that is still sent.
   */
  to: string;
  /** Fixed for this (event, recipient, channel): the e-mail Message-ID. */
  messageId: string;
  lang: Lang;
  legal: boolean;
  status: DeliveryStatus;
  /** Not before this instant (quiet hours). */
  notBefore: string;
  attempts: number;
  leaseUntil?: string;
  sentAt?: string;
  providerId?: string;
  error?: string;
  /** Set when a "sending" delivery was claimed again after its lease ran out (a resend, same id). */
  reclaimed?: number;
  unsubscribeScope?: string;
  /** The digest event that carried this delivery (status `digested`). */
  digestId?: string;
  /**
   * The recipient's message key and role as fan-out decided them (a club member and an item's
   * follower hear one agenda event in different words): the sender and the digest job read them
   * back instead of guessing from the recipient key. Absent on deliveries written before round 8.
   */
  text?: string;
  role?: string;
}

/** The outbox keys (the stream filter in infra/ and its test name them), from the models' templates. */
export const outboxKeys = {
  /** `OUTBOX#<eventId>`; with '' the prefix every outbox partition starts with. */
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the model's key template, filled here.
  pk: (eventId: string) => outboxEventModel.indexes.record.pk.template.replace('${id}', eventId),
  // Read in a pure call: a bundle that never names these keys leaves the delivery model out.
  eventSk: /* @__PURE__ */ (() => outboxEventModel.indexes.record.sk.template)(),
  deliverySk: (channel: ChannelKind, recipientKey: string) =>
    fill(deliveryModel.indexes.record.sk.template, { channel, recipientKey }),
};

/** The event's put, to commit in the transaction of the change it reports (refused if the id is taken). */
export function outboxEventOp(store: Store, event: NotificationEvent): TransactOp {
  return {
    Put: notifyEntity(store, outboxEventModel)
      .create({ ...event, status: 'pending' })
      .params() as TransactPut,
  };
}

/** Writes an event outside a change's transaction (timed events, jobs). Idempotent per id. */
export async function putOutboxEvent(store: Store, event: NotificationEvent): Promise<boolean> {
  try {
    await go(
      notifyEntity(store, outboxEventModel)
        .create({ ...event, status: 'pending' })
        .go(),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/**
 * Writes an event's put made by `outboxEventOp` (or an op built on it) on its own, outside a
 * transaction: false when the event is there already (a fan-out run again after a crash).
 */
export async function putOutboxEventOp(store: Store, op: TransactOp): Promise<boolean> {
  try {
    // The Put is the event entity's own (outboxEventOp's ElectroDB params): sent as built, nothing to declare.
    await store.doc.send(new PutCommand(op.Put as PutCommandInput));
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/** One event by id, as stored (null if there is none). */
export async function getOutboxEvent(store: Store, eventId: string): Promise<NotificationEvent | null> {
  const res = await go(
    notifyEntity(store, outboxEventModel)
      .get({ id: eventId })
      .go({ ...OWN, data: 'raw' }),
  );
  return ((res.data as { Item?: NotificationEvent }).Item as NotificationEvent | undefined) ?? null;
}

/** A stored record without its table keys and ElectroDB's identifiers (what the callers' types hold). */
const strip = (r: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r))
    if (!/^(pk|sk|entity|gsi\d+(pk|sk)|__edb_\w+__)$/.test(k)) out[k] = v;
  return out;
};

/** A page of an entity query as DynamoDB returned it (`data: 'raw'`): records whole, as stored. */
async function rawPage(
  query: {
    // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's go options are typed per entity.
    go(options?: any): Promise<unknown>;
  },
  limit: number,
  order: 'asc' | 'desc' = 'asc',
): Promise<Record<string, unknown>[]> {
  const res = (await go(query.go({ ...OWN, data: 'raw', limit, order }))) as {
    data: { Items?: Record<string, unknown>[] };
  };
  return res.data.Items ?? [];
}

export async function listPendingEvents(store: Store, limit = 50): Promise<NotificationEvent[]> {
  const rows = await rawPage(notifyEntity(store, outboxEventModel).query.pending({}), limit);
  return rows.map((r) => strip(r) as unknown as NotificationEvent);
}

/**
 * Marks an event fanned out and takes it off the pending index. Hand-built (keys from the model):
 * ElectroDB rewrites an index's keys on update but cannot remove them while the record keeps the
 * facts they are made of.
 */
export async function markEventFannedOut(store: Store, eventId: string, deliveries: number): Promise<void> {
  const { pk, sk } = outboxEventModel.indexes.pending;
  await store.doc.send(
    new UpdateCommand({
      TableName: store.table,
      Key: recordKey(outboxEventModel, { id: eventId }),
      UpdateExpression: `SET #s = :s, deliveries = :n REMOVE ${pk.field}, ${sk.field}`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': 'fanned-out', ':n': deliveries },
    }),
  );
}

/**
 * How long a delivery log is kept (DynamoDB TTL on `expiresAt`): it names the recipient's account,
 * so it goes after a year, long enough for the longest answer period, its extension and a complaint
 * about it (the legal notices and the body's inbox refer to the log meanwhile). README, retention.
 */
export const DELIVERY_RETENTION_DAYS = 365;

type DeliveryKey = Pick<Delivery, 'eventId' | 'channel' | 'recipientKey'>;

const deliveryKey = (d: DeliveryKey) => recordKey(deliveryModel, d);

/**
 * Where a delivery waits on the queue index (deliveryModel `queue`): `open` at the instant it is
 * due (its notBefore, a lease's end, a retry), `digest` grouped by channel and recipient so the
 * digest job reads each group in order, `dead` by when it failed for good.
 */
const queueKeys = {
  open: (dueAt: string, d: DeliveryKey) =>
    indexKey(deliveryModel.indexes.queue, {
      queue: 'open',
      queueSort: `${dueAt}#${d.eventId}#${d.channel}#${d.recipientKey}`,
    }),
  digest: (d: DeliveryKey & Pick<Delivery, 'notBefore'>) =>
    indexKey(deliveryModel.indexes.queue, {
      queue: 'digest',
      queueSort: `${d.channel}#${d.recipientKey}#${d.notBefore}#${d.eventId}`,
    }),
  dead: (failedAt: string, d: DeliveryKey) =>
    indexKey(deliveryModel.indexes.queue, {
      queue: 'dead',
      queueSort: `${failedAt}#${d.eventId}#${d.channel}#${d.recipientKey}`,
    }),
};

/**
 * A delivery as stored. Written by hand (keys from deliveryModel's templates): the fan-out writes
 * thousands in batches, and a batch takes items, not entity calls.
 */
function deliveryItem(d: Delivery, subject: NotificationEvent['subject'], feed?: Record<string, unknown>) {
  return {
    ...deliveryKey(d),
    entity: deliveryModel.model.entity,
    ...d,
    subject,
    // Counted from when it was due; a retry or a digest does not extend it.
    expiresAt: Math.floor(Date.parse(d.notBefore) / 1000) + DELIVERY_RETENTION_DAYS * 86_400,
    ...(d.status === 'pending' ? queueKeys.open(d.notBefore, d) : {}),
    ...(d.status === 'digest' ? queueKeys.digest(d) : {}),
    // A user's e-mail delivery doubles as their "My feed" entry: one write, not two, per subscriber.
    ...feed,
  };
}

/** Event fields "My feed" may show: nothing that names a person or an address (no sub, no token). */
export const FEED_FIELDS = [
  'itemTitle',
  'dueOn',
  'newDueOn',
  'reason',
  'bodyId',
  'toBodyId',
  'fromBodyId',
  'registeredOn',
  'sessionTitle',
  'startsAt',
  // an item's status and money changes, the dead-letter depth.
  'statusBefore',
  'statusAfter',
  'spentBefore',
  'spentAfter',
  'depth',
] as const;

/**
 * A user's entry in "My feed" for one event: written at fan-out for every person told, whether or
 * not any channel carries it (a user with no verified address still sees the bell count up).
 */
export interface InboxWrite {
  sub: string;
  /** The message variant (the recipient's catalogue key, e.g. `question.received`). */
  message: string;
}

/** The attributes that make a record an entry of the user's feed (on an e-mail delivery or on its own). */
function feedAttributes(event: NotificationEvent, w: InboxWrite) {
  const feedData: Record<string, string> = {};
  for (const k of FEED_FIELDS) {
    const v = event.data[k];
    if (typeof v === 'string' && v) feedData[k] = v;
  }
  return {
    eventType: event.type,
    message: w.message,
    subject: event.subject,
    feedData,
    ...indexKey(feedEntryModel.indexes.feed, { sub: w.sub, feedSort: `${event.at}#${event.id}` }),
  };
}

/**
 * Writes an event's deliveries. Replays (a fan-out that crashed half-way and runs again) leave
 * existing deliveries as they are: a delivery already sent is never reset to pending.
 */
export async function putDeliveries(
  store: Store,
  event: NotificationEvent,
  deliveries: Delivery[],
  /** The sort keys already written (`existingDeliveryKeys`), when the caller read them ahead. */
  existingKeys?: Set<string>,
  /** "My feed" entries of the people told (re-putting one on a replay changes nothing). */
  inbox: InboxWrite[] = [],
): Promise<void> {
  // Batch writes cannot be conditional: read which exist first, write only the new ones.
  const existing = existingKeys ?? (await existingDeliveryKeys(store, event.id));
  const fresh = deliveries.filter((d) => !existing.has(outboxKeys.deliverySk(d.channel, d.recipientKey)));
  const feedOf = new Map(inbox.map((w) => [`user:${w.sub}`, w]));
  const emailed = new Set(deliveries.filter((d) => d.channel === 'email').map((d) => d.recipientKey));
  const items: Record<string, unknown>[] = [
    ...fresh.map((d) => {
      const w = d.channel === 'email' ? feedOf.get(d.recipientKey) : undefined;
      return deliveryItem(d, event.subject, w ? feedAttributes(event, w) : undefined);
    }),
    // Someone told by no e-mail (Telegram only, no address, e-mail off) gets an entry of its own.
    ...inbox
      .filter((w) => !emailed.has(`user:${w.sub}`))
      .map((w) => ({
        ...recordKey(feedEntryModel, { eventId: event.id, sub: w.sub }),
        entity: feedEntryModel.model.entity,
        eventId: event.id,
        at: event.at,
        ...feedAttributes(event, w),
      })),
  ];
  // Chunks are independent: a few in flight at once (an area's thousands of subscribers).
  await batchPut(store, items, { concurrency: 4 });
}

/** The sort keys of an event's deliveries already written (a fan-out replayed after a crash). */
export async function existingDeliveryKeys(store: Store, eventId: string): Promise<Set<string>> {
  const query = notifyEntity(store, deliveryModel).query.record({ eventId }).params() as QueryCommandInput;
  const { sk } = deliveryModel.indexes.record;
  return new Set(
    (
      await queryAll(store, { ...query, ProjectionExpression: sk.field }, { max: 3 * SUBSCRIBERS_READ_CAP })
    ).map((r) => r[sk.field] as string),
  );
}

/** Deliveries due by `now` that are pending, or in flight with a lease that ran out (a crashed sender). */
export async function listDueDeliveries(store: Store, now: Date, limit = 100): Promise<Delivery[]> {
  const rows = await rawPage(
    notifyEntity(store, deliveryModel)
      .query.queue({ queue: 'open' })
      .lte({ queueSort: `${now.toISOString()}~` }),
    limit,
  );
  return rows.map((r) => strip(r) as unknown as Delivery);
}

/**
 * Every delivery of one event: one per recipient and channel, so an area's event has as many as its
 * subscribers have channels (see SUBSCRIBERS_READ_CAP; the default cap of a full read is too low).
 */
export async function listEventDeliveries(store: Store, eventId: string): Promise<Delivery[]> {
  return (
    await queryEntityRecords(notifyEntity(store, deliveryModel).query.record({ eventId }), {
      max: 3 * SUBSCRIBERS_READ_CAP,
      options: { consistent: true },
    })
  ).map((r) => strip(r) as unknown as Delivery);
}

/**
 * Every delivery parked for a digest, grouped by channel and recipient (the index's order). Off the
 * request path: the hourly digest job reads the whole partition page by page.
 */
export async function listParkedDeliveries(store: Store): Promise<Delivery[]> {
  const out: Delivery[] = [];
  const query = notifyEntity(store, deliveryModel)
    .query.queue({ queue: 'digest' })
    .params() as QueryCommandInput;
  for await (const page of queryPages(store, query))
    for (const r of page) out.push(strip(r) as unknown as Delivery);
  return out;
}

/** Events by id (missing ones left out), for jobs that hold only the ids. */
export async function batchGetEvents(store: Store, ids: string[]): Promise<Map<string, NotificationEvent>> {
  const found = new Map<string, NotificationEvent>();
  const events = notifyEntity(store, outboxEventModel);
  const keys = [...new Set(ids)].map((id) => ({ id }));
  for (const r of await batchGetRecords((k: typeof keys) => events.get(k), keys)) {
    const e = strip(r) as unknown as NotificationEvent;
    found.set(e.id, e);
  }
  return found;
}

/**
 * A parked delivery's move out of the digest index: `digested` (carried by `digestId`) or
 * `skipped` (its channel was turned off meanwhile). Conditional on still being parked, so two
 * digest runs at once cannot both take it.
 * Hand-built, keyed by deliveryModel: it moves the queue keys in the same update, where ElectroDB
 * would SET `gsi7sk` twice (as `queueSort` and as the index key), which DynamoDB refuses.
 */
export function unparkDeliveryOp(
  store: Store,
  d: Pick<Delivery, 'eventId' | 'channel' | 'recipientKey'>,
  outcome: { status: 'digested'; digestId: string } | { status: 'skipped' },
): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: deliveryKey(d),
      // The digest carries it to a fresh address lookup: this row no longer needs the address.
      UpdateExpression: `SET #s = :s${outcome.status === 'digested' ? ', digestId = :d' : ''} REMOVE ${deliveryModel.indexes.queue.pk.field}, ${deliveryModel.indexes.queue.sk.field}, #to`,
      ConditionExpression: '#s = :parked',
      ExpressionAttributeNames: { '#s': 'status', '#to': 'to' },
      ExpressionAttributeValues: {
        ':s': outcome.status,
        ':parked': 'digest',
        ...(outcome.status === 'digested' ? { ':d': outcome.digestId } : {}),
      },
    },
  };
}

/**
 * Claims a delivery for sending: pending → sending, or sending with an expired lease → sending
 * again (the sender that held it died). Returns the claimed record, or null when another sender
 * holds it or it is already done. The open-index entry moves to the lease's end, so a sender that
 * dies leaves the delivery due again exactly when its lease runs out.
 * Hand-built, keyed by deliveryModel: it moves the queue keys in the same update, where ElectroDB
 * would SET `gsi7sk` twice (as `queueSort` and as the index key), which DynamoDB refuses.
 */
export async function claimDelivery(
  store: Store,
  d: Delivery,
  now: Date,
  leaseMs: number,
): Promise<Delivery | null> {
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  try {
    const res = await store.doc.send(
      new UpdateCommand({
        TableName: store.table,
        Key: deliveryKey(d),
        UpdateExpression:
          'SET #s = :sending, leaseUntil = :lease, attempts = attempts + :one, #qs = :sk, reclaimed = if_not_exists(reclaimed, :zero) + :re',
        ConditionExpression: '#s = :pending OR (#s = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#s': 'status', '#qs': deliveryModel.indexes.queue.sk.field },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':lease': leaseUntil,
          ':now': now.toISOString(),
          ':one': 1,
          ':zero': 0,
          ':re': d.status === 'sending' ? 1 : 0,
          // Still in the open queue, now due when the lease runs out.
          ':sk': queueKeys.open(leaseUntil, d)[deliveryModel.indexes.queue.sk.field],
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip(res.Attributes ?? {}) as unknown as Delivery;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return null;
    throw err;
  }
}

/**
 * The outcome of a send: final (sent, failed) leaves the open index; a retry goes back to pending.
 * Hand-built, keyed by deliveryModel: it moves the queue keys in the same update, where ElectroDB
 * would SET `gsi7sk` twice (as `queueSort` and as the index key), which DynamoDB refuses.
 */
export async function finishDelivery(
  store: Store,
  d: Delivery,
  outcome:
    | { status: 'sent'; at: string; providerId?: string }
    | { status: 'failed'; at: string; error: string; dead?: boolean }
    | { status: 'pending'; retryAt: string; error: string },
): Promise<void> {
  const names = { '#s': 'status' };
  if (outcome.status === 'pending') {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.table,
        Key: deliveryKey(d),
        UpdateExpression: 'SET #s = :p, #e = :e, #qs = :sk REMOVE leaseUntil',
        ConditionExpression: '#s = :sending',
        ExpressionAttributeNames: { ...names, '#e': 'error', '#qs': deliveryModel.indexes.queue.sk.field },
        ExpressionAttributeValues: {
          ':p': 'pending',
          ':sending': 'sending',
          ':e': outcome.error,
          ':sk': queueKeys.open(outcome.retryAt, d)[deliveryModel.indexes.queue.sk.field],
        },
      }),
    );
    return;
  }
  // A dead letter (failed after every retry, or no channel to send on) moves to the local
  // dead-letter queue's index instead of leaving the index altogether.
  const dead = outcome.status === 'failed' && outcome.dead === true;
  const deadKeys = dead ? queueKeys.dead(outcome.at, d) : {};
  await store.doc.send(
    new UpdateCommand({
      TableName: store.table,
      Key: deliveryKey(d),
      UpdateExpression: `SET #s = :s, sentAt = :at${
        outcome.status === 'sent' && outcome.providerId ? ', providerId = :pid' : ''
      }${outcome.status === 'failed' ? ', #e = :e' : ''}${dead ? ', #q = :dq, #qs = :dsk' : ''} REMOVE ${
        dead ? '' : '#q, #qs, '
      }leaseUntil, #to`,
      ExpressionAttributeNames: {
        ...names,
        '#to': 'to',
        '#q': deliveryModel.indexes.queue.pk.field,
        '#qs': deliveryModel.indexes.queue.sk.field,
        ...(outcome.status === 'failed' ? { '#e': 'error' } : {}),
      },
      ExpressionAttributeValues: {
        ':s': outcome.status,
        ':at': outcome.at,
        ...(outcome.status === 'sent' && outcome.providerId ? { ':pid': outcome.providerId } : {}),
        ...(outcome.status === 'failed' ? { ':e': outcome.error } : {}),
        ...(dead
          ? {
              ':dq': deadKeys[deliveryModel.indexes.queue.pk.field],
              ':dsk': deadKeys[deliveryModel.indexes.queue.sk.field],
            }
          : {}),
      },
    }),
  );
}

/**
 * How many deliveries went to the local dead-letter queue since `since` (issue 17): a COUNT Query
 * on its index, never a Scan. The queue keeps a dead letter for `DEAD_LETTER_WINDOW_MS` (as an SQS
 * queue keeps a message for its retention); the timed job tells admins while it is not empty.
 */
export async function countDeadLetters(store: Store, since: Date): Promise<number> {
  const query = notifyEntity(store, deliveryModel)
    .query.queue({ queue: 'dead' })
    .gte({ queueSort: since.toISOString() })
    .params() as QueryCommandInput;
  return queryCount(store, query);
}

// ── The bell: what reached a user ──────────────────────────────────────────────────────────────

export interface InboxEntry {
  eventId: string;
  eventType: string;
  /** The message variant the user was sent (`question.received` for the asker, `question.raised` for a body). */
  message: string;
  subject: NotificationEvent['subject'];
  at: string;
  data: Partial<Record<(typeof FEED_FIELDS)[number], string>>;
}

/** A user's feed, newest first. */
export async function listInbox(store: Store, sub: string, limit = 50): Promise<InboxEntry[]> {
  const rows = await rawPage(
    notifyEntity(store, feedEntryModel).query.feed({ sub }).where(kindIn('inbox', 'delivery')),
    limit,
    'desc',
  );
  return rows.map((r) => ({
    eventId: r.eventId as string,
    eventType: r.eventType as string,
    message: currentMessageKey((r.message as string | undefined) ?? (r.eventType as string)),
    subject: r.subject as NotificationEvent['subject'],
    at: (r[feedEntryModel.indexes.feed.sk.field] as string).split('#')[0] ?? '',
    data: (r.feedData as InboxEntry['data'] | undefined) ?? {},
  }));
}

/**
 * Moves the user's "seen up to" mark forward to `at` (never back: two tabs may race), so the bell's
 * count drops to what came after. Returns the mark now in force.
 */
export async function markSeen(store: Store, sub: string, at: string): Promise<string> {
  try {
    // A user who never saved preferences gets the defaults stored with the mark (`upsert` leaves
    // what is stored and only sets the rest where missing).
    await go(
      notifyEntity(store, notifyPrefsModel)
        .upsert({ sub, seenAt: at })
        .ifNotExists({ lang: DEFAULT_PREFS.lang, channels: DEFAULT_PREFS.channels, kind: 'notify-prefs' })
        .where((a, o) => `${o.notExists(a.seenAt)} OR ${o.lt(a.seenAt, at)}`)
        .go({ response: 'none' }),
    );
    return at;
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    return (await getPrefs(store, sub)).seenAt ?? at;
  }
}

/** How many entries newer than `seenAt` (capped: the bell shows "99+"). */
export async function countUnread(store: Store, sub: string, seenAt: string | undefined): Promise<number> {
  const feed = notifyEntity(store, feedEntryModel).query.feed({ sub });
  const query = (seenAt ? feed.gt({ feedSort: `${seenAt}~` }) : feed)
    .where(kindIn('inbox', 'delivery'))
    .params() as QueryCommandInput;
  return queryCount(store, query, { limit: 100 });
}

// ── Legal notices (APPK): when, how, delivered or not ─────────────────────────────────────────

export interface LegalNotice {
  itemId: string;
  questionId: string;
  eventId: string;
  /** received | extended | redirected */
  kind: string;
  channel: ChannelKind | 'none';
  /** When it was handed to the channel (or found to have no channel). */
  at: string;
  delivered: boolean;
  /** What the notice said that the law requires: the due date, the reason, the new body. */
  dueOn?: string;
  reason?: string;
  toBodyId?: string;
}

/** A notice as the entity holds it: the notice's own `kind` is stored as `kind` (`noticeKind`). */
const noticeAttributes = ({ kind, ...n }: LegalNotice) => ({ ...n, noticeKind: kind });

/** The notice's put, in the audit transaction that records it. */
export function noticeOp(store: Store, n: LegalNotice): TransactOp {
  return { Put: notifyEntity(store, legalNoticeModel).put(noticeAttributes(n)).params() as TransactPut };
}

/** Flags the question in the body's inbox: its latest notice reached nobody. */
export function undeliveredNoticeOp(
  store: Store,
  bodyId: string,
  n: Pick<LegalNotice, 'questionId' | 'itemId' | 'kind' | 'at'>,
): TransactOp {
  const { kind, ...rest } = n;
  return {
    Put: notifyEntity(store, undeliveredNoticeModel)
      .put({ ...rest, bodyId, noticeKind: kind })
      .params() as TransactPut,
  };
}

/** Clears that flag (a notice of the question got through after all). */
export function clearUndeliveredNoticeOp(store: Store, bodyId: string, questionId: string): TransactOp {
  return {
    Delete: notifyEntity(store, undeliveredNoticeModel)
      .delete({ bodyId, questionId })
      .params() as NonNullable<TransactOp['Delete']>,
  };
}

export async function clearUndeliveredNotice(
  store: Store,
  bodyId: string,
  questionId: string,
): Promise<void> {
  await go(notifyEntity(store, undeliveredNoticeModel).delete({ bodyId, questionId }).go());
}

export async function listQuestionNotices(
  store: Store,
  itemId: string,
  questionId: string,
): Promise<LegalNotice[]> {
  // The item's partition also holds the item, its thread, questions and recommendations.
  return (
    await queryEntityRecords(
      notifyEntity(store, legalNoticeModel).query.record({ itemId, questionId }).where(kindIs('notice')),
    )
  ).map((r) => strip(r) as unknown as LegalNotice);
}

/** Question ids of a body whose latest legal notice reached nobody. */
export async function listUndeliveredNotices(store: Store, bodyId: string): Promise<Set<string>> {
  // The body's partition also holds the body, its mailbox, opt-ins and changes.
  return new Set(
    (
      await queryEntityAll(
        notifyEntity(store, undeliveredNoticeModel).query.record({ bodyId }).where(kindIs('notice-fail')),
      )
    ).map((r) => r.questionId),
  );
}

// ── Contacts ──────────────────────────────────────────────────────────────────────────────────

export interface EmailContact {
  address: string;
  verified: boolean;
  /** SHA-256 of the one-time verification token (the token itself is only in the mail). */
  tokenHash?: string;
  tokenExpires?: string;
  verifiedAt?: string;
  /** A hard bounce or complaint: nothing more is sent to this address. */
  suppressed?: boolean;
}

/** The table keys of a person's e-mail contact and of a body's mailbox (from the models). */
export const contactKeys = {
  user: (sub: string) => recordKey(emailContactModel, { sub }),
  body: (bodyId: string) => recordKey(bodyMailboxModel, { bodyId }),
};

export function emailContactOp(store: Store, sub: string, c: EmailContact): TransactOp {
  return {
    Put: notifyEntity(store, emailContactModel)
      .put({ ...c, sub })
      .params() as TransactPut,
  };
}

export async function getEmailContact(store: Store, sub: string): Promise<EmailContact | null> {
  const res = await go(
    notifyEntity(store, emailContactModel)
      .get({ sub })
      .go({ ...OWN, consistent: true }),
  );
  return res.data ? (withoutKind(res.data) as EmailContact) : null;
}

/** Erases a person's e-mail contact (consent to e-mail withdrawn, account erased). */
export async function deleteEmailContact(store: Store, sub: string): Promise<void> {
  await go(notifyEntity(store, emailContactModel).delete({ sub }).go());
}

export async function markEmailVerified(store: Store, sub: string, tokenHash: string, at: Date) {
  try {
    await go(
      notifyEntity(store, emailContactModel)
        .patch({ sub })
        .set({ verified: true, verifiedAt: at.toISOString() })
        .remove(['tokenHash', 'tokenExpires'])
        .where((a, o) => `${o.eq(a.tokenHash, tokenHash)} AND ${o.gt(a.tokenExpires, at.toISOString())}`)
        .go({ response: 'none' }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/**
 * Stores a body's mailbox as verified, without the verification mail: for tests and seeding only.
 * The hub sets a mailbox through functions/services/body-contacts.ts (a link mailed to it).
 */
export async function setBodyMailbox(store: Store, bodyId: string, address: string): Promise<void> {
  await go(notifyEntity(store, bodyMailboxModel).put({ bodyId, address, verified: true }).go());
}

/**
 * The address a body's notifications go to: only a verified mailbox receives them. `unverified`
 * is for its verification mail alone (functions/services/body-contacts.ts).
 */
export async function getBodyMailbox(
  store: Store,
  bodyId: string,
  opts: { unverified?: boolean } = {},
): Promise<string | null> {
  const { data } = await go(
    notifyEntity(store, bodyMailboxModel)
      .get({ bodyId })
      .go({ ...OWN, attributes: ['address', 'verified', 'suppressed'] }),
  );
  // A bounced or complained-about mailbox (functions/services/email-feedback.ts) gets nothing more.
  if (data?.suppressed) return null;
  if (data?.verified !== true && !opts.unverified) return null;
  return data?.address ?? null;
}

/** An official asks (or stops asking) to hear their body's questions personally. */
export async function setOfficialOptIn(store: Store, bodyId: string, sub: string, on: boolean) {
  const optIns = entitiesOf(store).officialOptIn;
  if (on) await go(optIns.put({ bodyId, sub }).go());
  else await go(optIns.delete({ bodyId, sub }).go());
}

export async function listOptedInOfficials(store: Store, bodyId: string): Promise<string[]> {
  const optIns = await queryEntityAll(entitiesOf(store).officialOptIn.query.record({ bodyId }));
  return optIns.map((o) => o.sub);
}

/**
 * The people who hold a staff role (moderators, admins), for the events only they hear: one Query
 * of the profiles index (byKind KIND#USER), filtered on the role set. Off the request path (the
 * notifier's fan-out), and staff are few; the filter reads every profile, so a role-keyed index
 * would be the next step if profiles grow into the hundreds of thousands.
 */
export async function listSubsWithRole(
  store: Store,
  /** Staff and, for the club's own events, its members and secretary. */
  role: 'moderator' | 'admin' | 'club_member' | 'club_secretary',
): Promise<string[]> {
  return (
    await queryEntityRecords(
      entitiesOf(store)
        .profile.query.all({})
        .where((a, o) => `${o.eq(a.kind, 'user')} AND ${o.contains(a.roles, role)}`),
      { max: 100_000, options: { attributes: ['sub'] } },
    )
  ).map((r) => r.sub as string);
}

// ── Preferences ───────────────────────────────────────────────────────────────────────────────

export type DeliveryMode = 'instant' | 'daily' | 'weekly' | 'off';

export interface NotificationPrefs {
  lang: Lang;
  /** Per channel: how often (legal notices ignore this). */
  channels: Partial<Record<ChannelKind, DeliveryMode>>;
  /** Almaty wall-clock hours "HH:MM"; nothing but legal notices in between (and those wait until 09:00 at most). */
  quietHours?: { from: string; to: string };
  /** When the bell was last opened. */
  seenAt?: string;
  /**
   * Per topic and channel: a mode that overrides the channel's for that topic's events
   * only (e.g. club agendas by e-mail instantly, comments weekly). A channel turned off stays off.
   */
  topics?: Partial<Record<NotifyTopic, Partial<Record<ChannelKind, DeliveryMode>>>>;
}

/**
 * The preference keys of the events added in round 8 (functions/services/notifications.ts
 * `topicOf` maps each event type to one):
 *   club             agenda published or changed, minutes published or corrected (club members)
 *   item-changes     status or money changes on a followed item
 *   comments         new comments on a followed item (always a digest, never one mail per comment)
 *   recommendations  a club recommendation's due date near or passed (the body's officials)
 *   new-in-followed  new items and new flags in a followed area, body or contractor
 *   dead-letters     deliveries piling up in the dead-letter queue (admins, `ops.dlq-nonempty`)
 */
export const NOTIFY_TOPICS = [
  'club',
  'item-changes',
  'comments',
  'recommendations',
  'new-in-followed',
  'dead-letters',
] as const;
export type NotifyTopic = (typeof NOTIFY_TOPICS)[number];

export const DEFAULT_PREFS: NotificationPrefs = {
  lang: 'kk',
  channels: { email: 'instant', telegram: 'instant' },
};

export async function getPrefs(store: Store, sub: string): Promise<NotificationPrefs> {
  const res = await go(notifyEntity(store, notifyPrefsModel).get({ sub }).go(OWN));
  return res.data ? ({ ...DEFAULT_PREFS, ...withoutKind(res.data) } as NotificationPrefs) : DEFAULT_PREFS;
}

/** An entity's record without the kind filter's attribute (not part of what callers hold). */
const withoutKind = <T extends { kind?: unknown }>({ kind: _kind, ...rest }: T) => rest;

export async function putPrefs(store: Store, sub: string, prefs: NotificationPrefs): Promise<void> {
  await go(
    notifyEntity(store, notifyPrefsModel)
      .put({ ...prefs, sub })
      .go(),
  );
}

/** What the notifier needs of one person: preferences, e-mail contact and consents to the channels. */
export interface RecipientRecords {
  prefs: NotificationPrefs;
  email: EmailContact | null;
  /** The consent records of the contact channels (absent: never given); the service decides if current. */
  consents: Partial<Record<'email' | 'telegram', ConsentRecord>>;
}

/**
 * Preferences, e-mail contacts and channel consents of many users at once (fan-out to thousands of
 * subscribers): four keys per user, so 25 users fill one BatchGet of 100 keys.
 */
export async function batchGetRecipients(
  store: Store,
  subs: string[],
): Promise<Map<string, RecipientRecords>> {
  const out = new Map<string, RecipientRecords>();
  const PREFS_SK = notifyPrefsModel.indexes.record.sk.template;
  const CONTACT_SK = emailContactModel.indexes.record.sk.template;
  const CONSENT_SK = consentModel.indexes.record.sk.template;
  const EMAIL_CONSENT_SK = fill(CONSENT_SK, { purpose: 'email' });
  const TELEGRAM_CONSENT_SK = fill(CONSENT_SK, { purpose: 'telegram' });
  /** The user whose partition a record is in (all four records of a user share it). */
  const subOfPk = new Map<unknown, string>();
  for (const s of subs) {
    out.set(s, { prefs: DEFAULT_PREFS, email: null, consents: {} });
    subOfPk.set(recordKey(notifyPrefsModel, { sub: s }).pk, s);
  }
  for (let i = 0; i < subs.length; i += 25) {
    // One BatchGet over three kinds, where ElectroDB's batch get takes one entity at a time (three
    // round trips per 25 users instead of one): keys from the models.
    let keys: Record<string, unknown>[] = subs
      .slice(i, i + 25)
      .flatMap((s) => [
        recordKey(notifyPrefsModel, { sub: s }),
        recordKey(emailContactModel, { sub: s }),
        consentKey(s, 'email'),
        consentKey(s, 'telegram'),
      ]);
    while (keys.length > 0) {
      const res = await store.doc.send(
        new BatchGetCommand({ RequestItems: { [store.table]: { Keys: keys } } }),
      );
      for (const r of res.Responses?.[store.table] ?? []) {
        const entry = out.get(subOfPk.get(r.pk) ?? '');
        if (!entry) continue;
        if (r.sk === PREFS_SK) entry.prefs = { ...DEFAULT_PREFS, ...strip(r) } as NotificationPrefs;
        else if (r.sk === CONTACT_SK) entry.email = strip(r) as unknown as EmailContact;
        else if (r.sk === EMAIL_CONSENT_SK) entry.consents.email = consentFromItem(r);
        else if (r.sk === TELEGRAM_CONSENT_SK) entry.consents.telegram = consentFromItem(r);
      }
      keys = (res.UnprocessedKeys?.[store.table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return out;
}

// ── Subscriptions (area, body, contractor, item) ─────────────────────────────────────────────

export type SubscriptionKind = 'area' | 'body' | 'contractor' | 'item';

/** A subscription's keys, filled from the `subscription` entity's templates (data/schema.ts). */
export const subscriptionKeys = {
  pk: (sub: string) => fill(subscriptionModel.indexes.record.pk.template, { sub }),
  sk: (kind: SubscriptionKind, id: string) =>
    fill(subscriptionModel.indexes.record.sk.template, { topic: kind, id }),
  subscribers: (kind: SubscriptionKind, id: string) =>
    fill(subscriptionModel.indexes.subscribers.pk.template, { topic: kind, id }),
};

/** How often one subscription's news comes (its own choice over the channel's; `off` is unsubscribing). */
export type SubscriptionMode = Exclude<DeliveryMode, 'off'>;

export async function subscribe(
  store: Store,
  sub: string,
  kind: SubscriptionKind,
  id: string,
  now: Date,
  /** Absent: the channel's own mode applies. */
  mode?: SubscriptionMode,
) {
  // The entity also writes the subscriber-index keys (schema.ts `subscriptionModel`).
  await go(
    entitiesOf(store)
      .subscription.put({ sub, topic: kind, id, at: now.toISOString(), ...(mode ? { mode } : {}) })
      .go(),
  );
}

export async function unsubscribe(store: Store, sub: string, kind: SubscriptionKind, id: string) {
  await go(entitiesOf(store).subscription.delete({ sub, topic: kind, id }).go());
}

export async function listSubscriptions(store: Store, sub: string) {
  return (await queryEntityAll(entitiesOf(store).subscription.query.record({ sub }))).map((r) => ({
    kind: r.topic,
    id: r.id,
    ...(r.mode ? { mode: r.mode as SubscriptionMode } : {}),
  }));
}

/**
 * How many subscribers of one area, body, contractor or item the fan-out reads, at most. Only the
 * fan-out job reads them (a background function, never a request), and tens of thousands is normal for
 * an area: the default cap of a full read (5,000) stopped every notice to a district with more, as
 * `bench:notify` showed at 10,000. This ceiling only guards against a runaway partition.
 */
export const SUBSCRIBERS_READ_CAP = 1_000_000;

/** The field the subscriber is stored in: the subscribers index's sort key (the subscription model's). */
const SUBSCRIBER_FIELD = MODELS.subscription.indexes.subscribers.sk.field;

/**
 * Subscribers of one area/body/contractor/item with the mode each chose for it, if any. An item's
 * followers share the partition (a Follow is a subscription without a mode of its own); the
 * subscriber is the index's sort key, read from the records as stored.
 */
export async function listSubscriberModes(
  store: Pick<Store, 'doc' | 'table'>,
  kind: SubscriptionKind,
  id: string,
): Promise<{ sub: string; mode?: SubscriptionMode }[]> {
  return (
    await queryEntityRecords(
      entitiesOf(store)
        .subscription.query.subscribers({ topic: kind, id })
        .where(kindIn('subscription', 'follow')),
      { max: SUBSCRIBERS_READ_CAP },
    )
  ).map((r) => ({
    sub: r[SUBSCRIBER_FIELD] as string,
    ...(r.mode ? { mode: r.mode as SubscriptionMode } : {}),
  }));
}

/**
 * How many subscribe to one area/body/contractor/item, an item's followers included (a COUNT
 * Query on the subscriber index: no rows read into the function).
 */
export async function countSubscribers(
  store: Pick<Store, 'doc' | 'table'>,
  kind: SubscriptionKind,
  id: string,
): Promise<number> {
  const query = entitiesOf(store)
    .subscription.query.subscribers({ topic: kind, id })
    .where(kindIn('subscription', 'follow'))
    .params() as QueryCommandInput;
  return queryCount(store, query);
}

/** Subs subscribed to one area/body/contractor/item (paged through; thousands is normal for an area). */
export async function listSubscribers(store: Store, kind: SubscriptionKind, id: string): Promise<string[]> {
  return (await listSubscriberModes(store, kind, id)).map((s) => s.sub);
}

// ── Caps ──────────────────────────────────────────────────────────────────────────────────────

/** Counts one instant message for the user today; false when the cap is reached (a digest instead). */
export async function takeCap(
  store: Store,
  sub: string,
  day: string,
  cap: number,
  now: Date,
): Promise<boolean> {
  try {
    await go(
      notifyEntity(store, dailyCapModel)
        .update({ sub, day })
        .add({ n: 1 })
        .set({ expiresAt: Math.floor(now.getTime() / 1000) + 2 * 86_400 })
        .where((a, o) => `${o.notExists(a.n)} OR ${o.lt(a.n, cap)}`)
        .go({ response: 'none' }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

// ── Question events (written in the question's own transaction) ───────────────────────────

const QUESTION_EVENTS: Record<string, string> = {
  raise: 'question.raised',
  extend: 'question.extended',
  redirect: 'question.redirected',
  answer: 'question.answered',
  dispute: 'question.reopened',
};

/** What every question event carries: the question, its body, asker, due date and item title. */
export function questionEventData(q: Question): NotificationEvent['data'] {
  return {
    itemId: q.itemId,
    questionId: q.id,
    bodyId: q.bodyId,
    askerSub: q.askerSub,
    dueOn: q.dueOn,
    registeredOn: q.registeredOn ?? q.receivedOn,
    itemTitle: JSON.stringify(q.itemTitle ?? {}),
    lang: q.lang ?? DEFAULT_LANG,
  };
}

/** The event a question's change raises (null for changes nobody is told about, e.g. a rating). */
export function questionEvent(
  q: Question,
  action: string,
  actorSub: string | null,
): NotificationEvent | null {
  const type = QUESTION_EVENTS[action];
  if (!type) return null;
  const data = questionEventData(q);
  if (action === 'extend' && q.extension) {
    data.reason = q.extension.reason;
    data.newDueOn = q.extension.newDueOn;
    data.previousDueOn = q.extension.previousDueOn;
  }
  if (action === 'redirect') {
    const r = q.redirects.at(-1);
    if (r) {
      data.reason = r.reason;
      data.fromBodyId = r.fromBodyId;
      data.toBodyId = r.toBodyId;
    }
  }
  if (action === 'dispute' && q.dispute) data.reason = q.dispute.reason;
  // One event per question version: a replayed transaction cannot write a second one.
  return {
    id: `${q.id}-${q.version}`,
    type,
    at: q.updatedAt,
    subject: { kind: 'question', id: q.id, itemId: q.itemId },
    actorSub,
    data,
  };
}

/** The outbox ops for a question change (none if nobody is told). */
export function questionEventOps(store: Store, q: Question, action: string, actorSub: string | null) {
  const event = questionEvent(q, action, actorSub);
  return event ? [outboxEventOp(store, event)] : [];
}

// ── Session events (written in the session's own transaction) ─────────────────────────────

/**
 * The outbox op for a session change that publishes its minutes (version 1) or a correction of
 * them (a later version): the club's members and the followers of the items on the agenda hear
 * it. One event per (session, minutes version): a replayed transaction cannot write a second.
 */
export function minutesEventOps(
  store: Store,
  before: Pick<Session, 'minutes'>,
  after: Session,
  actorSub: string | null,
): TransactOp[] {
  const version = after.minutes ? (after.minutes.version ?? 1) : 0;
  const was = before.minutes ? (before.minutes.version ?? 1) : 0;
  if (version === 0 || version === was) return [];
  const itemIds = [...new Set(after.entries.map((e) => e.itemId))].slice(0, AGENDA_ITEMS_TOLD);
  const title = typeof after.title === 'string' ? { kk: after.title } : after.title;
  return [
    outboxEventOp(store, {
      id: `minutes-${after.id}-${version}`,
      type: version === 1 ? 'session.minutes-published' : 'session.minutes-corrected',
      at: after.updatedAt,
      subject: { kind: 'session', id: after.id },
      actorSub,
      data: {
        sessionId: after.id,
        itemIds: itemIds.join(','),
        sessionTitle: JSON.stringify(title),
        startsAt: after.startsAt,
        ...(after.minutes?.correction ? { reason: after.minutes.correction.reason } : {}),
      },
    }),
  ];
}

/** At most this many agenda items' followers are told of one publication (an agenda is a few items). */
export const AGENDA_ITEMS_TOLD = 50;

/**
 * The outbox op for a session change that publishes an agenda version (first publication or a
 * change): the followers of the items on it hear it. One event per (session, agenda version), so
 * a replayed transaction cannot write a second.
 */
export function agendaEventOps(
  store: Store,
  before: Pick<Session, 'agendaVersion'>,
  after: Session,
  actorSub: string | null,
): TransactOp[] {
  if (after.agendaVersion === before.agendaVersion || after.agendaVersion < 1) return [];
  const itemIds = [...new Set(after.entries.map((e) => e.itemId))].slice(0, AGENDA_ITEMS_TOLD);
  const title = typeof after.title === 'string' ? { kk: after.title } : after.title;
  return [
    outboxEventOp(store, {
      id: `agenda-${after.id}-${after.agendaVersion}`,
      type: before.agendaVersion === 0 ? 'session.agenda-published' : 'session.agenda-changed',
      at: after.updatedAt,
      subject: { kind: 'session', id: after.id },
      actorSub,
      data: {
        sessionId: after.id,
        itemIds: itemIds.join(','),
        sessionTitle: JSON.stringify(title),
        startsAt: after.startsAt,
      },
    }),
  ];
}

/**
 * A message key as stored in a feed entry or a parked digest line. Keys written before they were named
 * by the domain carry the prefix of the round that added them (`notify7.moderation.flagged`); such
 * records live up to a year (the delivery log's retention), so they are read under today's key.
 */
export function currentMessageKey(stored: string): string {
  return stored.replace(/^notify[789]\./, '');
}
