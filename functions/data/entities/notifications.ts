// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * The notification side of the table declared as ElectroDB entities: the outbox and its deliveries,
 * the bell's feed, legal notices, contacts, preferences, daily caps and Telegram links. Key
 * templates equal the keys data/notifications.ts and data/telegram.ts wrote by hand before
 * (test/integration/entities.test.ts round-trips them), so stored records keep working.
 *
 * A module of its own, beside data/schema.ts: each entity is bound on first use (`notifyEntity`),
 * so a bundle carries only the models its functions touch; the API, which reads preferences and
 * the feed, does not carry the delivery queues the sender works.
 *
 * Ownership as in schema.ts: reads run with `OWN` and, where a partition or index is shared, a
 * kind filter on the `entity` attribute. Records that never had an `entity` attribute (daily caps,
 * Telegram links) sit alone in their partitions' sort keys and are read only by their full key.
 *
 * Writes that stay hand-built (the fan-out's batch of thousands of deliveries, the delivery's
 * conditional state moves that also move its queue keys) take their keys from these templates
 * (schema.ts `recordKey`, `indexKey`): ElectroDB would SET a key that doubles as an attribute twice in one
 * update expression, which DynamoDB refuses.
 */
import { Entity, type Schema } from 'electrodb';
import type { Store } from '../client';
import { key, kindOf, SERVICE } from '../schema';
import { INDEX } from '../table';

// The index names, read once: a bundle that uses none of the models below drops them (esbuild keeps
// a top-level object literal that reads a property, since a read may have effects; the `key` and
// `kindOf` calls are marked pure for the same reason).
const QUEUES_INDEX = /* @__PURE__ */ (() => INDEX.notificationQueues.name)();
const FEED_INDEX = /* @__PURE__ */ (() => INDEX.notificationFeed.name)();

/** An event of the outbox, pending fan-out on byKind until it is fanned out (the keys then go). */
export const outboxEventModel = {
  model: { entity: 'outbox-event', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    kind: /* @__PURE__ */ kindOf('outbox-event'),
    type: { type: 'string', required: true },
    at: { type: 'string', required: true },
    subject: { type: 'any', required: true },
    actorSub: { type: 'any' },
    data: { type: 'any', required: true },
    /** `pending` until fanned out, then `fanned-out` with the number of `deliveries`. */
    status: { type: 'string', required: true },
    deliveries: { type: 'number' },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['id'], 'OUTBOX#${id}'),
      sk: /* @__PURE__ */ key('sk', [], 'EVENT'),
    },
    pending: {
      index: QUEUES_INDEX,
      pk: /* @__PURE__ */ key('gsi7pk', [], 'KIND#OUTBOX#pending'),
      sk: /* @__PURE__ */ key('gsi7sk', ['at', 'id'], '${at}#${id}'),
    },
  },
} as const;

/**
 * One message of an event to one recipient on one channel, in the event's partition. While it
 * waits it sits in one of three queues on byKind: `open` (due at the sort key's instant: its
 * notBefore, a lease's end or a retry), `digest` (parked for a daily or weekly digest, grouped by
 * channel and recipient) or `dead` (failed after every retry). Written by hand in batches
 * (data/notifications.ts `putDeliveries`); the queue keys are `queue` and `queueSort`.
 */
export const deliveryModel = {
  model: { entity: 'delivery', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true },
    channel: { type: ['email', 'telegram'] as const, required: true },
    recipientKey: { type: 'string', required: true },
    kind: /* @__PURE__ */ kindOf('delivery'),
    eventType: { type: 'string', required: true },
    to: { type: 'string' },
    messageId: { type: 'string', required: true },
    lang: { type: 'string', required: true },
    legal: { type: 'boolean', required: true },
    status: { type: 'string', required: true },
    notBefore: { type: 'string', required: true },
    attempts: { type: 'number', required: true },
    leaseUntil: { type: 'string' },
    sentAt: { type: 'string' },
    providerId: { type: 'string' },
    error: { type: 'string' },
    reclaimed: { type: 'number' },
    unsubscribeScope: { type: 'string' },
    digestId: { type: 'string' },
    text: { type: 'string' },
    role: { type: 'string' },
    subject: { type: 'any' },
    /** TTL: a year after it was due (data/notifications.ts DELIVERY_RETENTION_DAYS). */
    expiresAt: { type: 'number' },
    queue: { type: ['open', 'digest', 'dead'] as const, hidden: true, readOnly: true },
    queueSort: { type: 'string', field: 'gsi7sk', hidden: true, readOnly: true },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['eventId'], 'OUTBOX#${eventId}'),
      sk: /* @__PURE__ */ key('sk', ['channel', 'recipientKey'], 'DELIVERY#${channel}#${recipientKey}'),
    },
    queue: {
      index: QUEUES_INDEX,
      pk: /* @__PURE__ */ key('gsi7pk', ['queue'], 'KIND#DELIVERY#${queue}'),
      sk: /* @__PURE__ */ key('gsi7sk', ['queueSort'], '${queueSort}'),
    },
  },
} as const;

/**
 * An entry of a user's feed (the bell, "My feed"): an `inbox` record in the event's partition for
 * someone no e-mail told, and the feed keys on the user's e-mail delivery otherwise (one write, not
 * two). Readers of the feed index take both kinds (`kindIn('inbox', 'delivery')`).
 */
export const feedEntryModel = {
  model: { entity: 'inbox', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true },
    sub: { type: 'string', required: true, hidden: true },
    kind: /* @__PURE__ */ kindOf('inbox'),
    at: { type: 'string', required: true },
    eventType: { type: 'string', required: true },
    /** The recipient's message key (`question.received`, …). */
    message: { type: 'string', required: true },
    subject: { type: 'any', required: true },
    feedData: { type: 'any' },
    feedSort: { type: 'string', field: 'gsi6sk', hidden: true, readOnly: true },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['eventId'], 'OUTBOX#${eventId}'),
      sk: /* @__PURE__ */ key('sk', ['sub'], 'INBOX#${sub}'),
    },
    feed: {
      index: FEED_INDEX,
      pk: /* @__PURE__ */ key('gsi6pk', ['sub'], 'INBOX#${sub}'),
      // `<event at>#<eventId>`; newer than a mark: `.gt({ feedSort: '<mark>~' })`.
      sk: /* @__PURE__ */ key('gsi6sk', ['feedSort'], '${feedSort}'),
    },
  },
} as const;

/** A legal notice (APPK): when and how a question's receipt, extension or redirect was told. */
export const legalNoticeModel = {
  model: { entity: 'notice', version: '1', service: SERVICE },
  attributes: {
    itemId: { type: 'string', required: true },
    questionId: { type: 'string', required: true },
    eventId: { type: 'string', required: true },
    channel: { type: 'string', required: true },
    kind: /* @__PURE__ */ kindOf('notice'),
    /** received | extended | redirected; stored as `kind` (the record's own kind is `entity`). */
    noticeKind: { type: 'string', required: true, field: 'kind' },
    at: { type: 'string', required: true },
    delivered: { type: 'boolean', required: true },
    dueOn: { type: 'string' },
    reason: { type: 'string' },
    toBodyId: { type: 'string' },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['itemId'], 'ITEM#${itemId}'),
      // A question's notices: `.query.record({ itemId, questionId })` (the template's prefix).
      sk: /* @__PURE__ */ key(
        'sk',
        ['questionId', 'eventId', 'channel'],
        'NOTICE#${questionId}#${eventId}#${channel}',
      ),
    },
  },
} as const;

/** The body's inbox flag: the latest legal notice of a question reached nobody. */
export const undeliveredNoticeModel = {
  model: { entity: 'notice-fail', version: '1', service: SERVICE },
  attributes: {
    bodyId: { type: 'string', required: true, hidden: true },
    questionId: { type: 'string', required: true },
    kind: /* @__PURE__ */ kindOf('notice-fail'),
    itemId: { type: 'string', required: true },
    noticeKind: { type: 'string', required: true, field: 'kind' },
    at: { type: 'string', required: true },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['bodyId'], 'BODY#${bodyId}'),
      sk: /* @__PURE__ */ key('sk', ['questionId'], 'NOTICEFAIL#${questionId}'),
    },
  },
} as const;

/** The e-mail attributes a contact record holds (a person's address or a body's mailbox). */
const emailAttributes = {
  kind: /* @__PURE__ */ kindOf('contact'),
  address: { type: 'string', required: true },
  verified: { type: 'boolean', required: true },
  /** SHA-256 of the one-time verification token (the token itself is only in the mail). */
  tokenHash: { type: 'string' },
  tokenExpires: { type: 'string' },
  verifiedAt: { type: 'string' },
  /** A hard bounce or complaint (data/email-suppression.ts): nothing more is sent there. */
  suppressed: { type: 'boolean' },
  suppressedAt: { type: 'string' },
  suppressedReason: { type: 'string' },
} as const;

/** A person's e-mail contact, in their user partition. */
export const emailContactModel = {
  model: { entity: 'contact', version: '1', service: SERVICE },
  attributes: { sub: { type: 'string', required: true, hidden: true }, ...emailAttributes },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['sub'], 'USER#${sub}'),
      sk: /* @__PURE__ */ key('sk', [], 'CONTACT#email'),
    },
  },
} as const;

/**
 * A body's shared mailbox, in the body's partition; it also carries the outcome of the last
 * delivery to it (data/body-contacts.ts, which owns those attributes).
 */
export const bodyMailboxModel = {
  model: { entity: 'contact', version: '1', service: SERVICE },
  attributes: {
    bodyId: { type: 'string', required: true, hidden: true },
    ...emailAttributes,
    setAt: { type: 'string' },
    lastDeliveryAt: { type: 'string' },
    lastFailureAt: { type: 'string' },
    lastFailure: { type: 'string' },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['bodyId'], 'BODY#${bodyId}'),
      sk: /* @__PURE__ */ key('sk', [], 'CONTACT#email'),
    },
  },
} as const;

/** A user's notification preferences and the bell's "seen up to" mark. */
export const notifyPrefsModel = {
  model: { entity: 'notify-prefs', version: '1', service: SERVICE },
  attributes: {
    sub: { type: 'string', required: true, hidden: true },
    kind: /* @__PURE__ */ kindOf('notify-prefs'),
    lang: { type: 'string', required: true },
    channels: { type: 'any', required: true },
    quietHours: { type: 'any' },
    seenAt: { type: 'string' },
    topics: { type: 'any' },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['sub'], 'USER#${sub}'),
      sk: /* @__PURE__ */ key('sk', [], 'NOTIFYPREFS'),
    },
  },
} as const;

/** Instant messages counted for a user on one Almaty day (TTL `expiresAt`, two days on). */
export const dailyCapModel = {
  model: { entity: 'notify-cap', version: '1', service: SERVICE },
  attributes: {
    sub: { type: 'string', required: true, hidden: true },
    /** The Almaty date, YYYY-MM-DD. */
    day: { type: 'string', required: true, hidden: true },
    n: { type: 'number' },
    expiresAt: { type: 'number' },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['sub'], 'USER#${sub}'),
      sk: /* @__PURE__ */ key('sk', ['day'], 'NOTIFYCAP#${day}'),
    },
  },
} as const;

/** A one-time Telegram link token, by the SHA-256 of the token (TTL `expiresAt`). */
export const telegramLinkTokenModel = {
  model: { entity: 'telegram-link-token', version: '1', service: SERVICE },
  attributes: {
    tokenHash: { type: 'string', required: true, hidden: true },
    sub: { type: 'string', required: true },
    expiresAtIso: { type: 'string', required: true },
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['tokenHash'], 'TGLINK#${tokenHash}'),
      sk: /* @__PURE__ */ key('sk', [], 'TGLINK'),
    },
  },
} as const;

/** The Telegram chat a user linked, in their user partition. */
export const telegramLinkModel = {
  model: { entity: 'telegram-link', version: '1', service: SERVICE },
  attributes: {
    sub: { type: 'string', required: true, hidden: true },
    chatId: { type: 'string', required: true },
    linkedAt: { type: 'string', required: true },
  },
  indexes: {
    record: {
      pk: /* @__PURE__ */ key('pk', ['sub'], 'USER#${sub}'),
      sk: /* @__PURE__ */ key('sk', [], 'TELEGRAM'),
    },
  },
} as const;

/** How these derived key attributes are built (the generated access-pattern table shows them). */
export const NOTIFICATION_DERIVED_KEYS: Record<string, string> = {
  queue: 'open, digest or dead',
  queueSort:
    'open: <due ISO>#<eventId>#<channel>#<recipientKey>; digest: <channel>#<recipientKey>#<notBefore>#<eventId>; dead: <failed at>#<eventId>#<channel>#<recipientKey>',
  feedSort: '<event at>#<eventId>',
};

/** Every notification model, by entity; the access-pattern generator walks this too. */
export const NOTIFICATION_MODELS = {
  outboxEvent: outboxEventModel,
  delivery: deliveryModel,
  feedEntry: feedEntryModel,
  legalNotice: legalNoticeModel,
  undeliveredNotice: undeliveredNoticeModel,
  emailContact: emailContactModel,
  bodyMailbox: bodyMailboxModel,
  notifyPrefs: notifyPrefsModel,
  dailyCap: dailyCapModel,
  telegramLinkToken: telegramLinkTokenModel,
  telegramLink: telegramLinkModel,
} as const;

export interface NotificationAccessPattern {
  entity: keyof typeof NOTIFICATION_MODELS;
  index: string;
  pattern: string;
  code: string;
}

export const NOTIFICATION_ACCESS_PATTERNS: readonly NotificationAccessPattern[] = [
  {
    entity: 'outboxEvent',
    index: 'record',
    pattern:
      "an outbox event (written in its change's transaction, or spelled out of batch news; by id for the sender and the digest job)",
    code: '`data/notifications.ts` `outboxEventOp`, `putOutboxEvent`, `putOutboxEventOp`, `markEventFannedOut`, `getOutboxEvent`, `batchGetEvents`',
  },
  {
    entity: 'outboxEvent',
    index: 'pending',
    pattern: 'events not yet fanned out, oldest first (sparse: the keys go at fan-out)',
    code: '`data/notifications.ts` `listPendingEvents`',
  },
  {
    entity: 'delivery',
    index: 'record',
    pattern: "an event's deliveries (one per recipient and channel); claim, finish, unpark one",
    code: '`data/notifications.ts` `putDeliveries`, `listEventDeliveries`, `claimDelivery`, `finishDelivery`, `unparkDeliveryOp`',
  },
  {
    entity: 'delivery',
    index: 'queue',
    pattern: 'deliveries due to send; parked for a digest by recipient; dead letters since a time',
    code: '`data/notifications.ts` `listDueDeliveries`, `listParkedDeliveries`, `countDeadLetters`',
  },
  {
    entity: 'feedEntry',
    index: 'record',
    pattern: 'the feed entry of someone no e-mail told (written at fan-out)',
    code: '`data/notifications.ts` `putDeliveries`',
  },
  {
    entity: 'feedEntry',
    index: 'feed',
    pattern: "a user's feed newest first, and how many entries are newer than the bell's mark",
    code: '`data/notifications.ts` `listInbox`, `countUnread`',
  },
  {
    entity: 'legalNotice',
    index: 'record',
    pattern: "a question's legal notices (APPK), written in the audit transaction",
    code: '`data/notifications.ts` `noticeOp`, `listQuestionNotices`',
  },
  {
    entity: 'undeliveredNotice',
    index: 'record',
    pattern: "a body's questions whose latest notice reached nobody (set / cleared with the notice)",
    code: '`data/notifications.ts` `undeliveredNoticeOp`, `clearUndeliveredNoticeOp`, `listUndeliveredNotices`',
  },
  {
    entity: 'emailContact',
    index: 'record',
    pattern: "a person's e-mail contact: set, verify, suppress after a bounce, erase",
    code: '`data/notifications.ts` `emailContactOp`, `getEmailContact`, `markEmailVerified`, `deleteEmailContact`; `data/email-suppression.ts`',
  },
  {
    entity: 'bodyMailbox',
    index: 'record',
    pattern: "a body's shared mailbox (verified before it receives anything)",
    code: '`data/notifications.ts` `getBodyMailbox`, `setBodyMailbox`; `data/body-contacts.ts`; `data/email-suppression.ts`',
  },
  {
    entity: 'notifyPrefs',
    index: 'record',
    pattern: "a user's notification preferences; the bell's seen mark (only forward)",
    code: '`data/notifications.ts` `getPrefs`, `putPrefs`, `markSeen`, `batchGetRecipients`',
  },
  {
    entity: 'dailyCap',
    index: 'record',
    pattern: 'count one instant message against the day’s cap (ADD `n`, TTL `expiresAt`)',
    code: '`data/notifications.ts` `takeCap`',
  },
  {
    entity: 'telegramLinkToken',
    index: 'record',
    pattern: 'a one-time Telegram link token: put once, taken (deleted) once',
    code: '`data/telegram.ts` `putLinkToken`, `takeLinkToken`',
  },
  {
    entity: 'telegramLink',
    index: 'record',
    pattern: "a user's linked Telegram chat",
    code: '`data/telegram.ts` `putTelegramLink`, `getTelegramLink`, `deleteTelegramLink`',
  },
];

// ---------------------------------------------------------------------------------------------
// Entities bound to a store, one model at a time (a bundle keeps only the models it uses)

const bound = new WeakMap<object, Map<object, unknown>>();

/** The entity of `model` over `store`'s table (built once per store and model). */
export function notifyEntity<A extends string, F extends string, C extends string, S extends Schema<A, F, C>>(
  store: Pick<Store, 'doc' | 'table'>,
  model: S,
): Entity<A, F, C, S> {
  let forStore = bound.get(store);
  if (!forStore) {
    forStore = new Map();
    bound.set(store, forStore);
  }
  let entity = forStore.get(model) as Entity<A, F, C, S> | undefined;
  if (!entity) {
    entity = new Entity(model, { client: store.doc, table: store.table });
    forStore.set(model, entity);
  }
  return entity;
}
