/**
 * Notifications: who hears what, on which channel, when. Events come from the outbox (written with
 * the change itself, see `questionEventOp` / `eventOp`); `drainOutbox` fans each event out to one
 * delivery per (event, recipient, channel) and sends what is due. In the cloud the same two steps
 * run as the stream's fan-out function and the queue's sender; locally a timer in `npm start` calls
 * `drainOutbox`, and tests call it with their own clock.
 *
 * Legal notices (APPK: received, extended, redirected) go to the asker on the body's behalf under
 * the club's agreement: they ignore digests, caps and unsubscribe, quiet hours hold them at most
 * until 09:00 Almaty, and each one is recorded (when, which channel, delivered or not) on the
 * question and on the audit chain. With no working channel the question and the body's inbox show
 * "notice not delivered".
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { ulid } from 'ulid';
import { AREA_CODES, type AreaCode, areaByCode } from '../../shared/areas';
import { almatyDate, TIME_ZONE } from '../../shared/dates';
import { FLAGS } from '../../shared/flags';
import { DEFAULT_LANG, LANGS, type Lang } from '../../shared/i18n-text';
import type { Item } from '../../shared/item';
import { hasNotifyText, notifyText } from '../../shared/notify-texts';
import { type AuditRecord, appendAuditEntry, type TransactOp } from '../audit/chain';
import { type Body, getBody } from '../data/bodies';
import { recordMailboxOutcome } from '../data/body-contacts';
import type { Store } from '../data/client';
import { getConsent, isCurrentConsent } from '../data/consents';
import { getItem } from '../data/items';
import {
  batchGetRecipients,
  type ChannelKind,
  claimDelivery,
  clearUndeliveredNotice,
  clearUndeliveredNoticeOp,
  currentMessageKey,
  DEFAULT_PREFS,
  type Delivery,
  emailContactOp,
  existingDeliveryKeys,
  finishDelivery,
  getBodyMailbox,
  getEmailContact,
  getOutboxEvent,
  getPrefs,
  type LegalNotice,
  listDueDeliveries,
  listEventDeliveries,
  listOptedInOfficials,
  listPendingEvents,
  listSubscriberModes,
  listSubsWithRole,
  markEmailVerified,
  markEventFannedOut,
  type NotificationEvent,
  type NotificationPrefs,
  type NotifyTopic,
  noticeOp,
  outboxEventOp,
  putDeliveries,
  putOutboxEvent,
  putOutboxEventOp,
  putPrefs,
  questionEvent,
  questionEventOps,
  type SubscriptionKind,
  type SubscriptionMode,
  takeCap,
  undeliveredNoticeOp,
} from '../data/notifications';
import { runTransaction } from '../data/transaction';
import type { DeliveryChannel, OutgoingMessage } from '../notify/channel';
import type { DigestEntry } from './digests';

// ── Emitting events (other workflows call these) ──────────────────────────────────────────────

/**
 * The outbox put for an event, to add to the transaction of the change it reports. Any workflow
 * emits this way: `appendAuditEntry(store, change, [yourPut, eventOp(store, {...})])`.
 */
export function eventOp(store: Store, event: Omit<NotificationEvent, 'id'> & { id?: string }): TransactOp {
  return outboxEventOp(store, { ...event, id: event.id ?? ulid(Date.parse(event.at)) });
}

// ── Who hears what ────────────────────────────────────────────────────────────────────────────

/** `digest`: the one person a digest event (./digests.ts) is written for, on its one channel. */
export type RecipientRole =
  | 'asker'
  | 'body-mailbox'
  | 'official'
  | 'follower'
  | 'subscriber'
  | 'self'
  | 'digest'
  | 'moderator'
  | 'admin'
  | 'person'
  | 'member';

export interface Recipient {
  key: string;
  role: RecipientRole;
  sub?: string;
  bodyId?: string;
  /** An APPK notice to the asker: bypasses digests, caps, unsubscribe. */
  legal?: 'received' | 'extended' | 'redirected';
  /** The message's catalogue key prefix (e.g. `question.received`). */
  text: string;
  /** How often this subscription's news comes, when its subscriber chose (over the channel's mode). */
  mode?: SubscriptionMode;
}

const bodyRecipients = async (store: Store, bodyId: string, text: string): Promise<Recipient[]> => [
  { key: `body:${bodyId}`, role: 'body-mailbox', bodyId, text },
  ...(await listOptedInOfficials(store, bodyId)).map(
    (sub): Recipient => ({ key: `user:${sub}`, role: 'official', sub, bodyId, text }),
  ),
];

/** The item, area, body and contractor an event's `data` names (those it names), whose followers hear it. */
const followedIn = (str: (key: string) => string): [SubscriptionKind, string][] =>
  (
    [
      ['item', str('itemId')],
      ['area', str('area')],
      ['body', str('bodyId')],
      ['contractor', str('contractorId')],
    ] as [SubscriptionKind, string][]
  ).filter(([, id]) => id);

const followersOf = async (store: Store, kind: SubscriptionKind, id: string, text: string) =>
  (await listSubscriberModes(store, kind, id)).map(
    ({ sub, mode }): Recipient => ({
      key: `user:${sub}`,
      role: kind === 'item' ? 'follower' : 'subscriber',
      sub,
      text,
      ...(mode ? { mode } : {}),
    }),
  );

// ── Club, followers, recommendations, dead letters ──────────────────────────────────

/**
 * The preference key (`prefs.topics[topic][channel]`) of each event type added in round 8; the
 * events before it follow the channel's mode and the subscription's alone.
 */
const TOPIC_OF: Record<string, NotifyTopic> = {
  'session.agenda-published': 'club',
  'session.agenda-changed': 'club',
  'session.minutes-published': 'club',
  'session.minutes-corrected': 'club',
  'item.status-changed': 'item-changes',
  'item.spent-changed': 'item-changes',
  'item.commented': 'comments',
  'recommendation.due-soon': 'recommendations',
  'recommendation.overdue': 'recommendations',
  'item.created': 'new-in-followed',
  'item.flagged': 'new-in-followed',
  'ops.dlq-nonempty': 'dead-letters',
};

/** The preference key of an event type, or null for the events that have none of their own. */
export function topicOf(type: string): NotifyTopic | null {
  return TOPIC_OF[type] ?? null;
}

/**
 * Events whose news always waits for the recipient's digest: a comment thread is not a mail per
 * comment, and an import's new items are not a mail per batch (see `itemCreatedEventOps`).
 */
const ALWAYS_DIGESTED = new Set(['item.commented', 'item.created']);

/**
 * The outbox ops of an item change its followers hear: a status change and a payment
 * (the amount spent moving), each its own event, written in the change's own transaction. The
 * ids are made of the change's own id, so a replayed transaction cannot write a second.
 */
export function itemChangeEventOps(
  store: Store,
  item: Pick<Item, 'id' | 'title'>,
  changeId: string,
  change: {
    status?: { before: string; after: string } | undefined;
    spent?: { before: string; after: string } | undefined;
  },
  actorSub: string | null,
  now: Date,
): TransactOp[] {
  const base = {
    at: now.toISOString(),
    subject: { kind: 'item' as const, id: item.id, itemId: item.id },
    actorSub,
  };
  const data = { itemId: item.id, itemTitle: JSON.stringify(item.title ?? {}) };
  const ops: TransactOp[] = [];
  if (change.status)
    ops.push(
      eventOp(store, {
        ...base,
        id: `item-status-${changeId}`,
        type: 'item.status-changed',
        data: { ...data, statusBefore: change.status.before, statusAfter: change.status.after },
      }),
    );
  if (change.spent)
    ops.push(
      eventOp(store, {
        ...base,
        id: `item-spent-${changeId}`,
        type: 'item.spent-changed',
        data: { ...data, spentBefore: change.spent.before, spentAfter: change.spent.after },
      }),
    );
  return ops;
}

/**
 * The outbox op of a new comment on an item: its followers hear it in their next digest,
 * never one mail per comment. The event names no author (the thread shows who wrote it).
 */
export function commentEventOp(
  store: Store,
  item: Pick<Item, 'id' | 'title'>,
  commentId: string,
  actorSub: string,
  now: Date,
): TransactOp {
  return eventOp(store, {
    id: `comment-${commentId}`,
    type: 'item.commented',
    at: now.toISOString(),
    subject: { kind: 'item', id: item.id, itemId: item.id },
    actorSub,
    data: { itemId: item.id, itemTitle: JSON.stringify(item.title ?? {}) },
  });
}

// ── New items, new integrity flags, dead letters (issue 17) ────────────────────────────────────

/** What a subscription to an area, a body or a contractor follows, as the item names it. */
export type FollowedKind = Exclude<SubscriptionKind, 'item'>;

/** The areas, body and contractor (by BIN or IIN, as subscriptions name it) an item belongs to. */
function followedOf(item: Pick<Item, 'area' | 'body' | 'contractor'>): [FollowedKind, string][] {
  return [
    ['area', item.area] as [FollowedKind, string],
    ['body', item.body.id] as [FollowedKind, string],
    ...(item.contractor ? [['contractor', item.contractor.bin] as [FollowedKind, string]] : []),
  ];
}

/**
 * The outbox ops of the items an import or a sync created (issue 17): ONE `item.created` event per
 * area, body and contractor per import batch (the ≤ 100 records `import.ts` writes and audits
 * together), never one per item, and each one always waits for its subscribers' digest (as
 * comments do). So a bulk import of 5,000 items into one district is at most 50 events there,
 * and each subscriber reads them as lines of one daily (or weekly) digest, not 5,000 mails, nor
 * 50: a batch count is bounded by the batch size, and the digest by the day. One event per item
 * would have cost a delivery per item and subscriber before the digest even began; one per whole
 * run could not commit with the items it reports (a run spans many transactions).
 *
 * The import service commits these ops in the transaction of the batch's audit entry, so a batch
 * on the chain has its events and one that is not has none. The ids are made of the followed
 * thing and the batch's item ids: a replayed transaction cannot write a second.
 */
export function itemCreatedEventOps(
  store: Store,
  items: readonly Pick<Item, 'id' | 'title' | 'area' | 'body' | 'contractor'>[],
  now: Date,
  /** Only the groups of these followed things (the import news' fan-out: those someone follows). */
  only: (kind: FollowedKind, id: string) => boolean = () => true,
): TransactOp[] {
  const groups = new Map<string, { kind: FollowedKind; id: string; place: string; items: typeof items }>();
  for (const item of items)
    for (const [kind, id] of followedOf(item)) {
      if (!only(kind, id)) continue;
      const key = `${kind}#${id}`;
      const g = groups.get(key) ?? {
        kind,
        id,
        // The contractor by the name the data gives; an area or a body by its code, named at sending.
        place: kind === 'contractor' ? (item.contractor?.name ?? id) : id,
        items: [],
      };
      groups.set(key, { ...g, items: [...g.items, item] });
    }
  return [...groups.values()].map((g) => {
    const first = g.items[0]!;
    const ids = g.items.map((i) => i.id).sort();
    return eventOp(store, {
      id: `item-created-${g.kind}-${sha256(`${g.kind}#${g.id}#${ids.join(',')}`).slice(0, 32)}`,
      type: 'item.created',
      at: now.toISOString(),
      subject: { kind: 'item', id: first.id, itemId: first.id },
      actorSub: null,
      data: {
        followKind: g.kind,
        followId: g.id,
        place: g.place,
        count: String(g.items.length),
        itemId: first.id,
        itemTitle: JSON.stringify(first.title ?? {}),
        ...(g.kind === 'body' ? { bodyId: g.id } : {}),
      },
    });
  });
}

/** Flag codes, catalogue order, joined as the `item.flagged` event stores them. */
export const flagList = (codes: readonly string[]) => codes.join(',');

/**
 * The outbox op of new integrity flags on an item (issue 17): the flag job writes it in the same
 * transaction as the item's new flags, only when a flag the item did not carry appears (a flag
 * recomputed unchanged, or one that went away, tells nobody). The item's followers and the
 * subscribers of its area, body and contractor hear it. The id is made of the item, the new codes
 * and the Almaty day, so a flag that goes and comes back another day is news again.
 */
export function itemFlaggedEventOp(
  store: Store,
  item: Pick<Item, 'id' | 'title' | 'area' | 'body' | 'contractor'>,
  newFlags: readonly string[],
  now: Date,
): TransactOp {
  const codes = flagList(newFlags);
  return eventOp(store, {
    id: `item-flagged-${sha256(`${item.id}#${codes}#${almatyDate(now)}`).slice(0, 32)}`,
    type: 'item.flagged',
    at: now.toISOString(),
    subject: { kind: 'item', id: item.id, itemId: item.id },
    actorSub: null,
    data: {
      itemId: item.id,
      itemTitle: JSON.stringify(item.title ?? {}),
      area: item.area,
      bodyId: item.body.id,
      ...(item.contractor ? { contractorId: item.contractor.bin } : {}),
      flags: codes,
    },
  });
}

// ── An import batch's news: one event, spelled out where someone listens (issue 23) ──────────

/**
 * The type of an import batch's news: ONE outbox event per batch (a page of the procurement portal,
 * a chunk of a file), committed with the batch's chain entry, naming each new item's area, body,
 * contractor and own new flags. Nobody hears it as such: its fan-out (`expandImportNews`) writes the
 * `item.created` events (one per area, body and contractor, as `itemCreatedEventOps` groups them)
 * and `item.flagged` events (one per newly flagged item, as `itemFlaggedEventOp`) that someone
 * listens to, with the ids, times and words they would have had if the import had written them all.
 * A page of a first sync touches ~200 contractors, each followed by nobody yet: writing ~1.9 events
 * per contract for them (issue 23's bench: a third of the sync's writes, most in the chain entry's
 * transaction) bought nothing but rows no fan-out would deliver.
 */
export const IMPORT_NEWS = 'items.imported';

/** At most this many new items per import news event (a procurement page is 200): ~50 KB of ids. */
export const IMPORT_NEWS_MAX_ITEMS = 200;

/** What the news events of an import need of an item. */
type NewsEventItem = Pick<Item, 'id' | 'title' | 'area' | 'body' | 'contractor'>;

/** A new item as the import news names it: id, area, body, contractor's BIN, its own new flags. */
export interface NewsItem {
  i: string;
  a: string;
  b: string;
  c?: string;
  f?: string;
}

/** What a batch news event names of an item: its area, body, contractor and the flags it announces. */
export interface BatchNewsItem {
  id: string;
  area: string;
  body: { id: string };
  contractor?: { name: string; bin: string } | undefined;
  flags?: readonly string[] | undefined;
}

/**
 * The outbox ops of batch news (`IMPORT_NEWS`, `FLAG_NEWS`): one per IMPORT_NEWS_MAX_ITEMS items,
 * naming each item's area, body, contractor's BIN and flags (the contractors' names once), to commit
 * in the transaction of the change it reports. `idOf` names a part's event from what it lists.
 */
export function batchNewsEventOps(
  store: Store,
  type: typeof IMPORT_NEWS | typeof FLAG_NEWS,
  items: readonly BatchNewsItem[],
  idOf: (listed: readonly NewsItem[]) => string,
  now: Date,
): TransactOp[] {
  const ops: TransactOp[] = [];
  for (let i = 0; i < items.length; i += IMPORT_NEWS_MAX_ITEMS) {
    const part = items.slice(i, i + IMPORT_NEWS_MAX_ITEMS);
    const contractors: Record<string, string> = {};
    const listed = part.map((item): NewsItem => {
      if (item.contractor) contractors[item.contractor.bin] = item.contractor.name;
      return {
        i: item.id,
        a: item.area,
        b: item.body.id,
        ...(item.contractor ? { c: item.contractor.bin } : {}),
        ...(item.flags?.length ? { f: flagList(item.flags) } : {}),
      };
    });
    const first = part[0]!;
    ops.push(
      eventOp(store, {
        id: idOf(listed),
        type,
        at: now.toISOString(),
        subject: { kind: 'item', id: first.id, itemId: first.id },
        actorSub: null,
        data: { items: JSON.stringify(listed), contractors: JSON.stringify(contractors) },
      }),
    );
  }
  return ops;
}

/**
 * The outbox ops of an import batch's news (`IMPORT_NEWS`), to commit in the transaction of the
 * batch's chain entry. `flagged` holds a new item's own flags (catalogue order), announced as
 * `item.flagged` news. The id is made of the items', which an import creates once: a replayed
 * transaction cannot write a second.
 */
export function importNewsEventOps(
  store: Store,
  items: readonly Pick<Item, 'id' | 'area' | 'body' | 'contractor'>[],
  flagged: ReadonlyMap<string, readonly string[]>,
  now: Date,
): TransactOp[] {
  return batchNewsEventOps(
    store,
    IMPORT_NEWS,
    items.map((item) => ({ ...item, flags: flagged.get(item.id) })),
    (listed) =>
      `items-imported-${sha256(
        listed
          .map((n) => n.i)
          .sort()
          .join(','),
      ).slice(0, 32)}`,
    now,
  );
}

/**
 * The type of the flag job's news (issue 17, batched for issue 23): ONE outbox event per group of
 * items whose flags the job wrote in one transaction, naming each item that gained a flag with the
 * codes it gained, in the shape of an import's news (services/flags.ts `flagNewsEventOps`). Its
 * fan-out (`expandImportNews`) writes the `item.flagged` event of each such item someone listens to
 * (its followers, or the subscribers of its area, body or contractor), with the id, time and words
 * `itemFlaggedEventOp` gives it. One outbox put per item was a third of the job's transactions.
 */
export const FLAG_NEWS = 'items.flagged';

/** An event that names many items' news and is spelled out into the events people hear. */
export const isBatchNews = (type: string) => type === IMPORT_NEWS || type === FLAG_NEWS;

/**
 * How long batch news waits for the items it names. An import commits its news with its chain entry
 * and writes the new items just after (services/import.ts), so the fan-out can come first: it waits
 * rather than announce an item with no title that a reader cannot open yet. Past this, a named item
 * that is still missing was never written (an import stopped between its entry and its items): the
 * news goes out without it.
 */
export const BATCH_NEWS_WAIT_MS = 10 * 60_000;

/** `expandImportNews`' answer while an item it names is not stored yet: the event stays pending. */
export const NEWS_WAITING = 'waiting';

/**
 * The fan-out of an import batch's news (or of the flag job's, which names no new item): who follows each area, body and contractor it names, and
 * each newly flagged item (one Query each, a few at a time), then the `item.created` and
 * `item.flagged` events of those with a listener, written as conditional puts (a fan-out run again
 * after a crash finds them written). Returns how many it wrote (they fan out like any event), or
 * `NEWS_WAITING` while an item a written event would name is not stored yet (`BATCH_NEWS_WAIT_MS`).
 */
export async function expandImportNews(
  store: Store,
  event: NotificationEvent,
  now: Date = new Date(),
): Promise<number | typeof NEWS_WAITING> {
  let listed: NewsItem[] = [];
  let contractors: Record<string, string> = {};
  try {
    listed = JSON.parse(String(event.data.items ?? '[]')) as NewsItem[];
    contractors = JSON.parse(String(event.data.contractors ?? '{}')) as Record<string, string>;
  } catch (err) {
    // Written by this code, never by a client: a broken one is a bug to see, not news to retry forever.
    console.error(`batch news ${event.id} unreadable: ${(err as Error).message}`);
    return 0;
  }
  const all = listed.map((n) => ({
    id: n.i,
    area: n.a as AreaCode,
    body: { id: n.b } as Item['body'],
    ...(n.c ? { contractor: { bin: n.c, name: contractors[n.c] ?? n.c } } : {}),
    flags: n.f ? n.f.split(',') : [],
  }));
  const keyOf = (kind: SubscriptionKind, id: string) => `${kind}#${id}`;
  const followed = new Map<string, [SubscriptionKind, string]>();
  for (const item of all) {
    for (const [kind, id] of followedOf(item)) followed.set(keyOf(kind, id), [kind, id]);
    if (item.flags.length) followed.set(keyOf('item', item.id), ['item', item.id]);
  }
  const heard = new Set<string>();
  await inBatches([...followed], 8, async ([key, [kind, id]]) => {
    if ((await listSubscriberModes(store, kind, id)).length) heard.add(key);
  });
  if (!heard.size) return 0;
  const isHeard = (kind: SubscriptionKind, id: string) => heard.has(keyOf(kind, id));
  const created = event.type === IMPORT_NEWS;
  /** The heard flagged items, and the items a written event names: those, and each heard group's first. */
  const plan = (items: typeof all) => {
    const flaggedHeard = items.filter(
      (item) =>
        item.flags.length &&
        [['item', item.id] as [SubscriptionKind, string], ...followedOf(item)].some(([k, id]) =>
          isHeard(k, id),
        ),
    );
    const named = new Set(flaggedHeard.map((item) => item.id));
    const firstOf = new Set<string>();
    if (created)
      for (const item of items)
        for (const [kind, id] of followedOf(item))
          if (isHeard(kind, id) && !firstOf.has(keyOf(kind, id))) {
            firstOf.add(keyOf(kind, id));
            named.add(item.id);
          }
    return { items, flaggedHeard, named };
  };
  // Titles only for the items a written event names.
  const titles = new Map<string, Item['title']>();
  const missing = new Set<string>();
  const loadTitles = (ids: Iterable<string>) =>
    inBatches(
      [...ids].filter((id) => !titles.has(id) && !missing.has(id)),
      8,
      async (id) => {
        const item = await getItem(store, id);
        if (item) titles.set(id, item.title);
        else missing.add(id);
      },
    );
  let planned = plan(all);
  await loadTitles(planned.named);
  if (missing.size) {
    if (now.getTime() - Date.parse(event.at) < BATCH_NEWS_WAIT_MS) return NEWS_WAITING;
    // Past the wait, what is still missing was never written: the news goes out without it (a group's
    // first item may then be another one, whose title is read too).
    while ([...planned.named].some((id) => missing.has(id))) {
      planned = plan(planned.items.filter((item) => !missing.has(item.id)));
      await loadTitles(planned.named);
    }
  }
  const { items, flaggedHeard } = planned;
  const at = new Date(event.at);
  const titled = <T extends { id: string }>(item: T) => ({ ...item, title: titles.get(item.id) ?? {} });
  const ops = [
    ...(created ? itemCreatedEventOps(store, items.map(titled) as NewsEventItem[], at, isHeard) : []),
    ...flaggedHeard.map((item) => itemFlaggedEventOp(store, titled(item) as NewsEventItem, item.flags, at)),
  ];
  let written = 0;
  await inBatches(ops, 8, async (op) => {
    if (await putOutboxEventOp(store, op)) written++;
  });
  return written;
}

/** Runs `fn` over `list`, at most `limit` at once. */
async function inBatches<T>(list: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, list.length) }, async () => {
      while (next < list.length) await fn(list[next++]!);
    }),
  );
}

/** The club's members and its secretary (the roles a member holds, from the profiles index). */
async function clubMembers(store: Store, text: string): Promise<Recipient[]> {
  const [members, secretaries] = await Promise.all([
    listSubsWithRole(store, 'club_member'),
    listSubsWithRole(store, 'club_secretary'),
  ]);
  return [...new Set([...members, ...secretaries])].map(
    (sub): Recipient => ({ key: `user:${sub}`, role: 'member', sub, text }),
  );
}

/** The followers of every item a session's event names (`itemIds`, comma-separated). */
async function followersOfItems(store: Store, event: NotificationEvent, text: string): Promise<Recipient[]> {
  const ids = String(event.data.itemIds ?? '')
    .split(',')
    .filter(Boolean);
  return (await Promise.all(ids.map((id) => followersOf(store, 'item', id, text)))).flat();
}

// ── Moderator and admin events ──────────────────────────────────────────────────────

/**
 * The events only staff or the person concerned hear, and the catalogue key of each one's message
 * (`<type>` in shared/notify-texts.ts, `notify.feed.<type>` in the web's locales):
 *   moderation.flagged        first flag on a piece of content     → moderators
 *   moderation.auto-hidden    hidden at the flag threshold         → moderators
 *   moderation.blocked / unblocked                                  → the user concerned
 *   grant.changed             a role or body granted or revoked    → the person (text per change)
 *   data-run.failed           an import or goszakup sync failed    → admins
 *   body-mailbox.failing      a body's shared mailbox refused mail → admins and the body's opted-in officials
 */
export const STAFF_EVENTS = [
  'moderation.flagged',
  'moderation.auto-hidden',
  'moderation.blocked',
  'moderation.unblocked',
  'grant.changed',
  'data-run.failed',
  'body-mailbox.failing',
] as const;

/** The message key of a staff event (null for any other event). */
export function staffText(event: Pick<NotificationEvent, 'type' | 'data'>): string | null {
  if (!(STAFF_EVENTS as readonly string[]).includes(event.type)) return null;
  if (event.type === 'grant.changed') {
    const change = String(event.data.change ?? '');
    return `grant.${['role.grant', 'role.revoke', 'body.bind', 'body.unbind'].includes(change) ? change : 'changed'}`;
  }
  return event.type;
}

async function staffRecipients(store: Store, event: NotificationEvent, text: string): Promise<Recipient[]> {
  const str = (k: string) => (typeof event.data[k] === 'string' ? (event.data[k] as string) : '');
  const withRole = async (role: 'moderator' | 'admin') =>
    (await listSubsWithRole(store, role)).map((sub): Recipient => ({ key: `user:${sub}`, role, sub, text }));
  switch (event.type) {
    case 'moderation.flagged':
    case 'moderation.auto-hidden':
      return withRole('moderator');
    case 'data-run.failed':
      return withRole('admin');
    case 'body-mailbox.failing': {
      const [admins, officials] = await Promise.all([
        withRole('admin'),
        listOptedInOfficials(store, str('bodyId')),
      ]);
      return [
        ...admins,
        ...officials.map(
          (sub): Recipient => ({ key: `user:${sub}`, role: 'official', sub, bodyId: str('bodyId'), text }),
        ),
      ];
    }
    default:
      // Blocks and grants: the person concerned, on the channels they chose.
      return str('sub') ? [{ key: `user:${str('sub')}`, role: 'person', sub: str('sub'), text }] : [];
  }
}

/**
 * Everyone an event reaches, once each. The table in test/integration/notifications.test.ts is the
 * specification: event × recipient kind → told or not.
 */
export async function recipientsOf(store: Store, event: NotificationEvent): Promise<Recipient[]> {
  const d = event.data;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const asker = (legal: Recipient['legal'], text: string): Recipient => ({
    key: `user:${str('askerSub')}`,
    role: 'asker',
    sub: str('askerSub'),
    ...(legal ? { legal } : {}),
    text,
  });
  const list: Recipient[] = [];
  const staff = staffText(event);
  if (staff) list.push(...(await staffRecipients(store, event, staff)));
  else
    switch (event.type) {
      case 'question.raised':
        list.push(asker('received', 'question.received'));
        list.push(...(await bodyRecipients(store, str('bodyId'), 'question.raised')));
        break;
      case 'question.redirected':
        list.push(asker('redirected', 'question.redirected'));
        list.push(...(await bodyRecipients(store, str('toBodyId'), 'question.redirected-in')));
        break;
      case 'question.extended':
        list.push(asker('extended', 'question.extended'));
        list.push(...(await followersOf(store, 'item', str('itemId'), 'question.extended')));
        break;
      case 'question.answered': {
        list.push(asker(undefined, 'question.answered'));
        // Independent reads in parallel: each round trip to the table is the drain's cost.
        const [ofItem, ofBody, ofArea] = await Promise.all([
          followersOf(store, 'item', str('itemId'), 'question.answered'),
          followersOf(store, 'body', str('bodyId'), 'question.answered'),
          getItem(store, str('itemId')).then((item) =>
            item ? followersOf(store, 'area', item.area, 'question.answered') : [],
          ),
        ]);
        list.push(...ofItem, ...ofBody, ...ofArea);
        break;
      }
      case 'question.reopened':
        list.push(...(await bodyRecipients(store, str('bodyId'), 'question.reopened')));
        break;
      // Timed notices (./timed-notifications.ts): the body is reminded before the date, and everyone
      // waiting for the answer hears when it passed.
      case 'question.due-soon':
        list.push(...(await bodyRecipients(store, str('bodyId'), 'question.due-soon')));
        break;
      case 'question.overdue': {
        list.push(asker(undefined, 'question.overdue'));
        const [ofItem, ofBody] = await Promise.all([
          followersOf(store, 'item', str('itemId'), 'question.overdue'),
          bodyRecipients(store, str('bodyId'), 'question.overdue'),
        ]);
        list.push(...ofItem, ...ofBody);
        break;
      }
      // A club session's agenda: the followers of every item on it (the items are in `itemIds`),
      // in the words of "an item you follow", then the club's members.
      case 'session.agenda-published':
      case 'session.agenda-changed': {
        const [followers, members] = await Promise.all([
          followersOfItems(store, event, event.type),
          clubMembers(store, `club.${event.type.slice('session.'.length)}`),
        ]);
        list.push(...followers, ...members);
        break;
      }
      // An item's status or money changed, a comment on it: its followers.
      case 'item.status-changed':
      case 'item.spent-changed':
      case 'item.commented':
        list.push(...(await followersOf(store, 'item', str('itemId'), event.type)));
        break;
      // New items in a followed area, body or contractor (issue 17): its subscribers, and nobody
      // else (a new item has no followers yet).
      case 'item.created': {
        const kind = str('followKind') as FollowedKind;
        if (['area', 'body', 'contractor'].includes(kind))
          list.push(...(await followersOf(store, kind, str('followId'), `item.created.${kind}`)));
        break;
      }
      // New integrity flags on an item (issue 17): its followers, then its area's, body's and
      // contractor's subscribers (once each: a follower who also follows the district hears it once).
      case 'item.flagged': {
        for (const found of await Promise.all(
          followedIn(str).map(([kind, id]) =>
            followersOf(store, kind, id, kind === 'item' ? 'item.flagged' : 'item.flagged-in'),
          ),
        ))
          list.push(...found);
        break;
      }
      // Messages piling up in the dead-letter queue (issue 17): the admins.
      case 'ops.dlq-nonempty':
        list.push(
          ...(await listSubsWithRole(store, 'admin')).map(
            (sub): Recipient => ({
              key: `user:${sub}`,
              role: 'admin',
              sub,
              text: 'ops.dlq-nonempty',
            }),
          ),
        );
        break;
      // A club recommendation to a body, due soon or overdue: the body.
      case 'recommendation.due-soon':
      case 'recommendation.overdue':
        list.push(...(await bodyRecipients(store, str('bodyId'), event.type)));
        break;
      // Minutes published or corrected: the same two groups.
      case 'session.minutes-published':
      case 'session.minutes-corrected': {
        const what = event.type.slice('session.'.length);
        const [followers, members] = await Promise.all([
          followersOfItems(store, event, `followed.${what}`),
          clubMembers(store, `club.${what}`),
        ]);
        list.push(...followers, ...members);
        break;
      }
      // Invitations to a club session (./invitations.ts): the invited body's mailbox and its officials.
      case 'session.invited':
      case 'session.invitation-reminder':
      case 'session.cancelled':
      case 'session.rescheduled':
        list.push(...(await bodyRecipients(store, str('bodyId'), event.type)));
        break;
      case 'contact.verify':
        list.push({ key: `user:${str('sub')}`, role: 'self', sub: str('sub'), text: 'contact.verify' });
        break;
      case 'body-contact.verify':
        // The body's mailbox, unverified yet: its verification mail only (./body-contacts.ts).
        list.push({
          key: `body:${str('bodyId')}`,
          role: 'body-mailbox',
          bodyId: str('bodyId'),
          text: 'body-contact.verify',
        });
        break;
      case 'digest':
        list.push({ key: str('recipientKey'), role: 'digest', sub: str('sub'), text: 'digest' });
        break;
      default: {
        // A workflow that emits its own type names the followed things in `data` (area, itemId, bodyId, contractorId).
        for (const found of await Promise.all(
          followedIn(str).map(([kind, id]) => followersOf(store, kind, id, event.type)),
        ))
          list.push(...found);
      }
    }
  // Once each: the first entry wins (the asker's legal notice before their follow).
  const seen = new Set<string>();
  return list.filter((r) => {
    if (seen.has(r.key)) return false;
    seen.add(r.key);
    // Nobody is told of their own action, except a legal notice (the asker raising is still told "received").
    if (!r.legal && r.sub && r.sub === event.actorSub && r.role !== 'self') return false;
    return true;
  });
}

// ── Quiet hours ───────────────────────────────────────────────────────────────────────────────

/** Legal notices wait at most until this Almaty hour. */
export const LEGAL_QUIET_LIMIT = '09:00';

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The next instant at or after `now` when the Almaty wall clock shows `hhmm`. */
function nextAlmaty(now: Date, hhmm: string): Date {
  const zdt = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(TIME_ZONE);
  const [h, m] = hhmm.split(':').map(Number);
  let at = zdt.with({
    hour: h ?? 0,
    minute: m ?? 0,
    second: 0,
    millisecond: 0,
    microsecond: 0,
    nanosecond: 0,
  });
  if (Temporal.ZonedDateTime.compare(at, zdt) < 0) at = at.add({ days: 1 });
  return new Date(at.epochMilliseconds);
}

/** When a message may go: now, or the end of quiet hours (for a legal notice no later than 09:00). */
export function releaseTime(now: Date, quiet: NotificationPrefs['quietHours'], legal: boolean): Date {
  if (!quiet) return now;
  const zdt = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(TIME_ZONE);
  const t = zdt.hour * 60 + zdt.minute;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const inside = from <= to ? t >= from && t < to : t >= from || t < to;
  if (!inside) return now;
  const end = nextAlmaty(now, quiet.to);
  if (!legal) return end;
  const limit = nextAlmaty(now, LEGAL_QUIET_LIMIT);
  return new Date(Math.min(limit.getTime(), end.getTime()));
}

// ── Signed links ──────────────────────────────────────────────────────────────────────────────

export const DEV_LINK_SECRET = 'open-budget-map-local-notify-link-secret';
const linkSecret = () => process.env.NOTIFY_LINK_SECRET || DEV_LINK_SECRET;
const b64 = (s: string) => Buffer.from(s).toString('base64url');

/** An unsubscribe token for one user and one scope (`email`, `telegram`, `area:<code>`…): HMAC-signed. */
export function unsubscribeToken(sub: string, scope: string, secret = linkSecret()): string {
  const payload = b64(JSON.stringify({ s: sub, c: scope }));
  const mac = createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');
  return `${payload}.${mac}`;
}

/** The user and scope a token was made for, or null if it was forged or altered. */
export function readUnsubscribeToken(
  token: string,
  secret = linkSecret(),
): { sub: string; scope: string } | null {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return null;
  const expected = createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { s, c } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      s: string;
      c: string;
    };
    return typeof s === 'string' && typeof c === 'string' ? { sub: s, scope: c } : null;
  } catch {
    return null;
  }
}

/** Applies a one-click unsubscribe: that channel's non-legal messages stop. */
export async function applyUnsubscribe(store: Store, token: string): Promise<boolean> {
  const found = readUnsubscribeToken(token);
  if (!found) return false;
  const prefs = await getPrefs(store, found.sub);
  const channel = found.scope === 'telegram' ? 'telegram' : 'email';
  await putPrefs(store, found.sub, { ...prefs, channels: { ...prefs.channels, [channel]: 'off' } });
  return true;
}

// ── E-mail contact (add, verify) ─────────────────────────────────────────────────────────────

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Sets the user's address as unverified and queues the verification mail, in one transaction.
 * Until it is verified the address receives nothing else.
 */
export async function addEmail(store: Store, sub: string, address: string, lang: Lang, now: Date) {
  const token = randomBytes(24).toString('base64url');
  const at = now.toISOString();
  // The one transaction runner: one idempotency token, jittered retries on conflicts and throttling.
  await runTransaction(store, [
    emailContactOp(store, sub, {
      address,
      verified: false,
      tokenHash: sha256(token),
      tokenExpires: new Date(now.getTime() + 48 * 3600_000).toISOString(),
    }),
    outboxEventOp(store, {
      id: ulid(now.getTime()),
      type: 'contact.verify',
      at,
      subject: { kind: 'contact', id: sub },
      actorSub: sub,
      data: { sub, token, lang },
    }),
  ]);
}

export function verifyEmail(store: Store, sub: string, token: string, now: Date) {
  return markEmailVerified(store, sub, sha256(token), now);
}

// ── Rendering ────────────────────────────────────────────────────────────────────────────────

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function localized(names: Record<string, string> | undefined, lang: Lang, fallback: string): string {
  if (!names) return fallback;
  return names[lang] ?? names[DEFAULT_LANG] ?? names.ru ?? names.en ?? Object.values(names)[0] ?? fallback;
}

function parseTitle(json: string): Record<string, string> | undefined {
  try {
    return json ? (JSON.parse(json) as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}

export interface RenderContext {
  baseUrl: string;
  bodies: Map<string, Body | null>;
}

/** The placeholders of an event's message: item title, dates and bodies in the reader's language. */
function messageValues(
  data: Record<string, unknown>,
  subjectId: string,
  lang: Lang,
  ctx: RenderContext,
): Record<string, string> {
  const s = (k: string) => (data[k] == null ? '' : String(data[k]));
  let title: Record<string, string> = {};
  try {
    title = JSON.parse(s('itemTitle') || '{}') as Record<string, string>;
  } catch {}
  const bodyName = (id: string) => localized(ctx.bodies.get(id)?.name as Record<string, string>, lang, id);
  return {
    item: localized(title, lang, s('itemId') || subjectId),
    dueOn: s('dueOn'),
    registeredOn: s('registeredOn'),
    newDueOn: s('newDueOn'),
    reason: s('reason'),
    body: bodyName(s('bodyId')),
    toBody: bodyName(s('toBodyId')),
    session: localized(parseTitle(s('sessionTitle')), lang, s('sessionId')),
    startsAt: s('startsAt').replace('T', ' '),
    // Staff events: catalogue names for codes, so no code reaches a reader.
    moderationReason: named(`reason.${s('reasonCode')}`, lang, s('reasonCode')),
    role: named(`role.${s('role')}`, lang, s('role')),
    run: named(`run.${s('runKind')}`, lang, s('runKind')),
    until: s('until') || notifyText('noEnd', lang),
    flags: s('flags'),
    // an item's status by its catalogue name, amounts as the exact strings stored.
    statusBefore: named(`status.${s('statusBefore')}`, lang, s('statusBefore')),
    statusAfter: named(`status.${s('statusAfter')}`, lang, s('statusAfter')),
    spentBefore: s('spentBefore'),
    spentAfter: s('spentAfter'),
    depth: s('depth'),
    // New items (issue 17): how many, where (an area or a body by its name, a contractor as the data
    // names it), and new flags by their neutral titles, so no code reaches a reader.
    count: s('count'),
    place: placeName(s('followKind'), s('place'), lang, bodyName),
    flagTitles: s('flags')
      .split(',')
      .filter(Boolean)
      .map((code) => FLAGS.find((f) => f.code === code)?.title[lang] ?? code)
      .join('; '),
  };
}

function placeName(kind: string, place: string, lang: Lang, bodyName: (id: string) => string): string {
  if (kind === 'area' && (AREA_CODES as readonly string[]).includes(place))
    return localized(areaByCode(place as AreaCode).name as Record<string, string>, lang, place);
  if (kind === 'body') return bodyName(place);
  return place;
}

/** The catalogue's text for a code's key, or the code itself. */
const named = (key: string, lang: Lang, code: string) => (hasNotifyText(key) ? notifyText(key, lang) : code);

/** Where a message about this subject points. */
function subjectLink(baseUrl: string, subject: { kind: string; id: string; itemId?: string }): string {
  if (subject.kind === 'session') return `${baseUrl}/sessions/${subject.id}`;
  if (subject.kind === 'content') return `${baseUrl}/moderation`;
  if (subject.kind === 'data-run') return `${baseUrl}/admin/import`;
  if (subject.kind === 'body') return `${baseUrl}/bodies/${encodeURIComponent(subject.id)}`;
  if (subject.itemId)
    return `${baseUrl}/items/${subject.itemId}${subject.kind === 'question' ? `#question-${subject.id}` : ''}`;
  return `${baseUrl}/feed`;
}

/** The web page that verifies a body's mailbox (web/src/bodyContacts); the token proves the mailbox. */
export const bodyMailboxVerifyLink = (baseUrl: string, bodyId: string, token: string) =>
  `${baseUrl}/bodies/${encodeURIComponent(bodyId)}/verify-mailbox?token=${encodeURIComponent(token)}`;

/** The catalogue's text for `key`, or the event type where the catalogue has none. */
const textOr = (key: string, lang: Lang, values: Record<string, string | number>, fallback: string) =>
  hasNotifyText(key) ? notifyText(key, lang, values) : fallback;

export function renderMessage(
  event: NotificationEvent,
  r: Recipient,
  lang: Lang,
  ctx: RenderContext,
  messageId: string,
): OutgoingMessage {
  if (event.type === 'digest') return renderDigest(event, r, lang, ctx, messageId);
  const s = (k: string) => (event.data[k] == null ? '' : String(event.data[k]));
  const values = messageValues(event.data, s('itemId'), lang, ctx);
  const subject = textOr(`${r.text}.subject`, lang, values, event.type);
  const line = textOr(`${r.text}.body`, lang, values, event.type);
  const link =
    event.type === 'contact.verify'
      ? `${ctx.baseUrl}/my/notifications?verify=${encodeURIComponent(s('token'))}`
      : event.type === 'body-contact.verify'
        ? bodyMailboxVerifyLink(ctx.baseUrl, s('bodyId'), s('token'))
        : subjectLink(ctx.baseUrl, event.subject);
  const unsubscribeUrl =
    r.legal || !r.sub || r.role === 'self'
      ? undefined
      : `${ctx.baseUrl}/api/notifications/unsubscribe?t=${unsubscribeToken(r.sub, 'email')}`;
  const footer: string[] = [];
  if (r.legal) footer.push(notifyText('footer.legal', lang), notifyText('footer.notRegistered', lang));
  const text = [line, '', `${notifyText('footer.open', lang)}: ${link}`, ...footer.map((f) => `\n${f}`)]
    .concat(unsubscribeUrl ? [`\n${notifyText('footer.unsubscribe', lang)}: ${unsubscribeUrl}`] : [])
    .join('\n');
  return mailMessage({
    messageId,
    r,
    lang,
    subject,
    text,
    link,
    unsubscribeUrl,
    body: [
      `<p>${escapeHtml(line)}</p>`,
      `<p><a href="${escapeHtml(link)}">${escapeHtml(notifyText('footer.open', lang))}</a></p>`,
      ...footer.map((f) => `<p style="color:#555;font-size:small">${escapeHtml(f)}</p>`),
    ],
  });
}

/** The message every e-mail of the hub is: its HTML page around `body`, the unsubscribe link last. */
function mailMessage(m: {
  messageId: string;
  r: Recipient;
  lang: Lang;
  subject: string;
  text: string;
  link: string;
  unsubscribeUrl: string | undefined;
  body: string[];
}): OutgoingMessage {
  const { unsubscribeUrl, lang } = m;
  const html = [
    `<!doctype html><html lang="${lang}"><body>`,
    ...m.body,
    unsubscribeUrl
      ? `<p style="font-size:small"><a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(notifyText('footer.unsubscribe', lang))}</a></p>`
      : '',
    '</body></html>',
  ].join('');
  return {
    messageId: m.messageId,
    recipientKey: m.r.key,
    lang,
    subject: m.subject,
    text: m.text,
    html,
    link: m.link,
    ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
  };
}

/**
 * A digest (./digests.ts): one line per event it carries, each with its link, then the link to
 * "My feed" and the unsubscribe link. Never a legal notice: those are not parked.
 */
function renderDigest(
  event: NotificationEvent,
  r: Recipient,
  lang: Lang,
  ctx: RenderContext,
  messageId: string,
): OutgoingMessage {
  const entries = digestEntriesOf(event);
  const period = event.data.period === 'weekly' ? 'weekly' : 'daily';
  const subject = notifyText(`digest.${period}.subject`, lang, { count: entries.length });
  const lines = entries.map((e) => {
    const values = messageValues(e.fields, e.itemId ?? '', lang, ctx);
    return {
      title: textOr(`${e.text}.subject`, lang, values, e.type),
      line: textOr(`${e.text}.body`, lang, values, ''),
      link: subjectLink(ctx.baseUrl, {
        kind: e.subjectKind,
        id: e.subjectId,
        ...(e.itemId ? { itemId: e.itemId } : {}),
      }),
    };
  });
  const link = `${ctx.baseUrl}/my/feed`;
  const unsubscribeUrl = r.sub
    ? `${ctx.baseUrl}/api/notifications/unsubscribe?t=${unsubscribeToken(r.sub, 'email')}`
    : undefined;
  const intro = notifyText('digest.intro', lang);
  const text = [
    intro,
    '',
    ...lines.flatMap((l) => [`• ${l.title}`, ...(l.line ? [`  ${l.line}`] : []), `  ${l.link}`, '']),
    `${notifyText('digest.all', lang)}: ${link}`,
    ...(unsubscribeUrl ? ['', `${notifyText('footer.unsubscribe', lang)}: ${unsubscribeUrl}`] : []),
  ].join('\n');
  return mailMessage({
    messageId,
    r,
    lang,
    subject,
    text,
    link,
    unsubscribeUrl,
    body: [
      `<p>${escapeHtml(intro)}</p><ul>`,
      ...lines.map(
        (l) =>
          `<li><a href="${escapeHtml(l.link)}">${escapeHtml(l.title)}</a>${l.line ? `<br>${escapeHtml(l.line)}` : ''}</li>`,
      ),
      `</ul><p><a href="${escapeHtml(link)}">${escapeHtml(notifyText('digest.all', lang))}</a></p>`,
    ],
  });
}

/** The entries a digest event carries (written by ./digests.ts; unreadable ones are left out). */
function digestEntriesOf(event: NotificationEvent): DigestEntry[] {
  try {
    const parsed = JSON.parse(String(event.data.entries ?? '[]')) as unknown;
    return Array.isArray(parsed)
      ? (parsed as DigestEntry[]).map((e) => ({ ...e, text: currentMessageKey(e.text) }))
      : [];
  } catch {
    return [];
  }
}

// ── Fan-out and sending ───────────────────────────────────────────────────────────────────────

export interface NotifierDeps {
  store: Store;
  channels: Partial<Record<ChannelKind, DeliveryChannel>>;
  /** Where links point (the hub's public origin). */
  baseUrl: string;
  /** The domain of Message-IDs. */
  mailDomain?: string;
  /** A linked Telegram chat for a user (the telegram branch provides it); none without. */
  telegramChatOf?: (sub: string) => Promise<string | null>;
  /** Non-legal instant messages per user per Almaty day before the rest wait for a digest. */
  dailyCap?: number;
  /** How long a sender holds a claimed delivery before another may take it over (crash recovery). */
  leaseMs?: number;
  /** Parallel sends (the SES send rate in the cloud). */
  concurrency?: number;
  maxAttempts?: number;
}

export function messageIdFor(
  eventId: string,
  channel: ChannelKind,
  recipientKey: string,
  domain = 'obm.local',
) {
  // The recipient is hashed: a Message-ID travels with the mail and must not carry an account id.
  return `<${eventId}.${channel}.${sha256(recipientKey).slice(0, 16)}@${domain}>`;
}

/**
 * Fans one event out into its deliveries; legal notices that reach no channel are recorded as such.
 * The reads it needs do not depend on each other, so they go to the table in parallel: a drain's
 * time is its chain of round trips, not their number.
 */
export async function fanOut(deps: NotifierDeps, event: NotificationEvent, now: Date): Promise<number> {
  const { store } = deps;
  // An import's news reaches people through the events it spells out, which fan out in their turn.
  if (isBatchNews(event.type)) {
    // Waiting for its items: left pending for the next pass (every second locally, every minute in the cloud).
    if ((await expandImportNews(store, event, now)) === NEWS_WAITING) return 0;
    await markEventFannedOut(store, event.id, 0);
    return 0;
  }
  const [recipients, existing] = await Promise.all([
    recipientsOf(store, event),
    existingDeliveryKeys(store, event.id),
  ]);
  const subs = recipients.flatMap((r) => (r.sub ? [r.sub] : []));
  const mailboxIds = [
    ...new Set(recipients.flatMap((r) => (r.role === 'body-mailbox' ? [r.bodyId ?? ''] : []))),
  ];
  const [people, mailboxes] = await Promise.all([
    batchGetRecipients(store, subs),
    Promise.all(
      mailboxIds.map(
        async (id) =>
          [
            id,
            await getBodyMailbox(store, id, { unverified: event.type === 'body-contact.verify' }),
          ] as const,
      ),
    ).then((pairs) => new Map(pairs)),
  ]);
  const day = almatyDate(now);
  const perRecipient = await Promise.all(
    recipients.map(async (r): Promise<{ r: Recipient; deliveries: Delivery[] }> => {
      const deliveries: Delivery[] = [];
      const person = r.sub ? people.get(r.sub) : undefined;
      const prefs = person?.prefs ?? DEFAULT_PREFS;
      const eventLang = typeof event.data.lang === 'string' ? (event.data.lang as Lang) : DEFAULT_LANG;
      const lang: Lang =
        r.sub && person?.prefs !== DEFAULT_PREFS
          ? prefs.lang
          : r.role === 'asker' || event.type === 'body-contact.verify'
            ? eventLang
            : prefs.lang;
      const legal = Boolean(r.legal);
      const notBefore = releaseTime(now, r.sub ? prefs.quietHours : undefined, legal).toISOString();
      const base = (channel: ChannelKind, to: string, status: Delivery['status']): Delivery => ({
        eventId: event.id,
        eventType: event.type,
        channel,
        recipientKey: r.key,
        to,
        messageId: messageIdFor(event.id, channel, r.key, deps.mailDomain),
        lang: (LANGS as readonly string[]).includes(lang) ? lang : DEFAULT_LANG,
        legal,
        status,
        notBefore,
        attempts: 0,
        ...(r.legal ? { unsubscribeScope: 'legal' } : {}),
        // The sender and the digest job read the recipient's words back from here.
        ...(r.legal ? {} : { text: r.text, role: r.role }),
      });
      if (r.role === 'body-mailbox') {
        const mailbox = mailboxes.get(r.bodyId ?? '');
        if (mailbox && deps.channels.email) deliveries.push(base('email', mailbox, 'pending'));
        return { r, deliveries };
      }
      const sub = r.sub;
      if (!sub) return { r, deliveries };
      const mode = (channel: ChannelKind) => prefs.channels[channel] ?? 'instant';
      const statusFor = async (channel: ChannelKind): Promise<Delivery['status'] | null> => {
        // A digest is what the chosen mode asked for: it is not parked again, nor counted on the cap.
        if (legal || r.role === 'self' || r.role === 'digest') return 'pending';
        // A channel turned off stays off; otherwise the topic's choice for this channel,
        // then the subscription's own, then the channel's.
        const topic = topicOf(event.type);
        const m =
          mode(channel) === 'off'
            ? 'off'
            : ((topic && prefs.topics?.[topic]?.[channel]) ?? r.mode ?? mode(channel));
        if (m === 'off') return null;
        if (m !== 'instant' || ALWAYS_DIGESTED.has(event.type)) return 'digest';
        // A flood becomes a digest: the cap counts instant messages per person per day.
        if (
          deps.dailyCap !== undefined &&
          !(await takeCap(store, sub, `${day}.${channel}`, deps.dailyCap, now))
        )
          return 'digest';
        return 'pending';
      };
      const email = person?.email;
      // A person's channel carries nothing without their consent to its current text (Law No. 94-V,
      // services/consents.ts): an address or chat stored before consents existed, or kept under a
      // withdrawn or outdated consent, stays silent until the user consents (asked at their next
      // sign-in and at the channel's first use). A body's shared mailbox above is an official
      // address, not a person's, and needs none.
      const consented = (channel: 'email' | 'telegram') => isCurrentConsent(person?.consents[channel]);
      // A digest goes on the one channel whose deliveries it carries.
      const onChannel = (channel: ChannelKind) => r.role !== 'digest' || event.data.channel === channel;
      const [viaEmail, viaTelegram] = await Promise.all([
        // An unverified address gets nothing but its verification mail; a suppressed one nothing at all.
        onChannel('email') &&
        deps.channels.email &&
        consented('email') &&
        email &&
        !email.suppressed &&
        (email.verified || r.role === 'self')
          ? statusFor('email').then((st) => (st ? base('email', email.address, st) : null))
          : null,
        onChannel('telegram') &&
        deps.channels.telegram &&
        deps.telegramChatOf &&
        r.role !== 'self' &&
        consented('telegram')
          ? deps.telegramChatOf(sub).then(async (chat) => {
              const st = chat ? await statusFor('telegram') : null;
              return chat && st ? base('telegram', chat, st) : null;
            })
          : null,
      ]);
      for (const d of [viaEmail, viaTelegram]) if (d) deliveries.push(d);
      return { r, deliveries };
    }),
  );
  const deliveries = perRecipient.flatMap((p) => p.deliveries);
  const unreached = perRecipient.filter((p) => p.r.legal && p.deliveries.length === 0).map((p) => p.r);
  // Everyone told has the event in "My feed" (and the bell), whatever channels carried it; a
  // digest's entries are there already, from their own events.
  const inbox = recipients.flatMap((r) =>
    r.sub && r.role !== 'self' && r.role !== 'body-mailbox' && r.role !== 'digest'
      ? [{ sub: r.sub, message: r.text }]
      : [],
  );
  await putDeliveries(store, event, deliveries, existing, inbox);
  await Promise.all(unreached.map((r) => recordNotice(deps, event, r.legal!, 'none', false, now)));
  await markEventFannedOut(store, event.id, deliveries.length);
  return deliveries.length;
}

export function noticeAuditRecord(n: LegalNotice): AuditRecord {
  return {
    kind: 'notice',
    key: `notice/${n.itemId}/${n.questionId}/${n.eventId}/${n.channel}`,
    fields: { ...n },
  };
}

/** Records a legal notice's sending (or that it reached nobody) with its audit entry, in one transaction. */
async function recordNotice(
  deps: NotifierDeps,
  event: NotificationEvent,
  kind: NonNullable<Recipient['legal']>,
  channel: ChannelKind | 'none',
  delivered: boolean,
  at: Date,
): Promise<void> {
  const d = event.data;
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  const notice: LegalNotice = {
    itemId: s('itemId') ?? '',
    questionId: s('questionId') ?? '',
    eventId: event.id,
    kind,
    channel,
    at: at.toISOString(),
    delivered,
    ...(kind === 'extended' ? { dueOn: s('newDueOn') } : { dueOn: s('dueOn') }),
    ...(s('reason') && kind !== 'received' ? { reason: s('reason') } : {}),
    ...(kind === 'redirected' && s('toBodyId') ? { toBodyId: s('toBodyId') } : {}),
  };
  const { store } = deps;
  const bodyId = (kind === 'redirected' ? s('fromBodyId') : s('bodyId')) ?? '';
  const ops: TransactOp[] = [noticeOp(store, notice)];
  if (!delivered) ops.push(undeliveredNoticeOp(store, bodyId, notice));
  else ops.push(clearUndeliveredNoticeOp(store, bodyId, notice.questionId));
  await appendAuditEntry(
    store,
    {
      actorSub: null,
      action: delivered ? 'notice.sent' : 'notice.undelivered',
      at: notice.at,
      record: noticeAuditRecord(notice),
    },
    ops,
  );
}

export interface DrainStats {
  events: number;
  deliveries: number;
  sent: number;
  failed: number;
  retried: number;
  /** Deliveries claimed again after a sender died holding them: resent with the same Message-ID. */
  reclaimed: number;
  reclaimedIds: string[];
}

/** Sends one claimed delivery and records its outcome. */
async function sendOne(
  deps: NotifierDeps,
  claimed: Delivery,
  events: Map<string, NotificationEvent>,
  ctx: RenderContext,
  now: Date,
  stats: DrainStats,
): Promise<void> {
  const { store } = deps;
  // `sendDue` loaded the events and bodies of its batch ahead; this is for a caller that did not.
  const event = events.get(claimed.eventId) ?? (await getOutboxEvent(store, claimed.eventId));
  if (!event) return;
  events.set(event.id, event);
  await loadBodies(store, [event], ctx);
  const channel = deps.channels[claimed.channel];
  const recipient = (await recipientsForDelivery(store, event, claimed)) ?? {
    key: claimed.recipientKey,
    role: 'subscriber' as const,
    text: event.type,
  };
  const at = now.toISOString();
  if (!channel) {
    // A channel the deployment lacks is the operators' to fix: a dead letter they hear of.
    await finishDelivery(store, claimed, {
      status: 'failed',
      at,
      error: 'channel not configured',
      dead: true,
    });
    stats.failed++;
    return;
  }
  const message = renderMessage(event, recipient, claimed.lang, ctx, claimed.messageId);
  let result: Awaited<ReturnType<DeliveryChannel['send']>>;
  // Consent withdrawn between fan-out and sending: the queued message is not sent (a failure for
  // good, so a legal notice is recorded as undelivered, as for a person with no channel).
  if (!(await consentStillGiven(store, claimed)))
    result = { delivered: false, permanentFailure: true, error: 'no consent to this channel' };
  else
    try {
      result = await channel.send(claimed.to, message);
    } catch (err) {
      result = { delivered: false, error: (err as Error).message };
    }
  const isLegal = claimed.legal && recipient.legal;
  // A body's mailbox keeps its last delivery and last failure (its page says whether it works).
  if (claimed.recipientKey.startsWith('body:'))
    await recordMailboxOutcome(
      store,
      claimed.recipientKey.slice(5),
      claimed.to,
      result.delivered ? { delivered: true } : { delivered: false, reason: result.error ?? 'not delivered' },
      now,
    ).catch((err: unknown) => console.error('mailbox outcome:', (err as Error).message));
  if (result.delivered) {
    // The delivery's outcome and the notice's record are separate items: written side by side.
    await Promise.all([
      finishDelivery(store, claimed, {
        status: 'sent',
        at,
        ...(result.providerId ? { providerId: result.providerId } : {}),
      }),
      isLegal ? recordNotice(deps, event, recipient.legal!, claimed.channel, true, now) : null,
    ]);
    stats.sent++;
    return;
  }
  if (!result.permanentFailure && claimed.attempts < (deps.maxAttempts ?? 5)) {
    const retryAt = new Date(now.getTime() + 30_000 * 2 ** (claimed.attempts - 1)).toISOString();
    await finishDelivery(store, claimed, {
      status: 'pending',
      retryAt,
      error: result.error ?? 'not delivered',
    });
    stats.retried++;
    return;
  } else {
    // Out of retries on a passing error: a dead letter. A permanent refusal (a bounce, no consent)
    // is the recipient's, handled by suppression, and no admin's concern.
    await finishDelivery(store, claimed, {
      status: 'failed',
      at,
      error: result.error ?? 'not delivered',
      ...(result.permanentFailure ? {} : { dead: true }),
    });
    stats.failed++;
  }
  // A body's mailbox that refuses mail for good: its admins and opted-in officials hear of it, once
  // per body and Almaty day (the id is fixed), so a run of bounces is one notice.
  if (claimed.recipientKey.startsWith('body:'))
    await reportFailingMailbox(store, claimed.recipientKey.slice(5), result.error ?? 'not delivered', now);
  if (isLegal) {
    // Another channel may have carried the notice already: then it is not "undelivered".
    const siblings = await listEventDeliveries(store, event.id);
    const delivered = siblings.some((s) => s.recipientKey === claimed.recipientKey && s.status === 'sent');
    await recordNotice(deps, event, recipient.legal!, claimed.channel, false, now);
    if (delivered) {
      // Keep the body's inbox clear: the other channel's success stands.
      await clearUndeliveredNotice(
        store,
        String(event.data.bodyId ?? ''),
        String(event.data.questionId ?? ''),
      );
    }
  }
}

/** A person's delivery goes only under a current consent to its channel; a body's mailbox needs none. */
async function consentStillGiven(store: Store, d: Delivery): Promise<boolean> {
  if (!d.recipientKey.startsWith('user:')) return true;
  return isCurrentConsent(await getConsent(store, d.recipientKey.slice('user:'.length), d.channel));
}

/**
 * Tells a body's admins and opted-in officials that its shared mailbox refused mail (a permanent
 * send failure here, or a bounce fed back by SES): once per body and Almaty day, the event id
 * being fixed, so a run of failures is one notice.
 */
export async function reportFailingMailbox(store: Store, bodyId: string, reason: string, now: Date) {
  await putOutboxEvent(store, {
    id: `mailbox-failing-${sha256(bodyId).slice(0, 24)}-${almatyDate(now)}`,
    type: 'body-mailbox.failing',
    at: now.toISOString(),
    subject: { kind: 'body', id: bodyId },
    actorSub: null,
    data: { bodyId, reason: reason.slice(0, 200) },
  });
}

/** The recipient of one delivery (its role decides legal or not and which text), recomputed for its key only. */
export async function recipientsForDelivery(
  store: Store,
  event: NotificationEvent,
  d: Pick<Delivery, 'recipientKey'> & Partial<Pick<Delivery, 'text' | 'role' | 'legal'>>,
): Promise<Recipient> {
  if (event.type === 'digest')
    return { key: d.recipientKey, role: 'digest', sub: d.recipientKey.slice(5), text: 'digest' };
  // Fan-out wrote the recipient's words on the delivery (round 8 on): no guessing from the key.
  if (d.text && !d.legal) {
    const role = (d.role ?? 'follower') as RecipientRole;
    return d.recipientKey.startsWith('body:')
      ? { key: d.recipientKey, role, bodyId: d.recipientKey.slice(5), text: d.text }
      : { key: d.recipientKey, role, sub: d.recipientKey.slice(5), text: d.text };
  }
  if (d.recipientKey.startsWith('body:')) {
    const bodyId = d.recipientKey.slice(5);
    const text =
      event.type === 'question.redirected'
        ? 'question.redirected-in'
        : event.type === 'question.raised'
          ? 'question.raised'
          : event.type;
    return { key: d.recipientKey, role: 'body-mailbox', bodyId, text } as Recipient;
  }
  const sub = d.recipientKey.slice(5);
  const staff = staffText(event);
  if (staff) return { key: d.recipientKey, role: 'person', sub, text: staff };
  const askerSub = event.data.askerSub;
  if (sub === askerSub) {
    const legal =
      event.type === 'question.raised'
        ? 'received'
        : event.type === 'question.extended'
          ? 'extended'
          : event.type === 'question.redirected'
            ? 'redirected'
            : undefined;
    const text = event.type === 'question.raised' ? 'question.received' : event.type;
    return { key: d.recipientKey, role: 'asker', sub, ...(legal ? { legal } : {}), text } as Recipient;
  }
  if (event.type === 'contact.verify')
    return { key: d.recipientKey, role: 'self', sub, text: 'contact.verify' } as Recipient;
  const official = [
    'question.raised',
    'question.redirected',
    'question.reopened',
    'question.due-soon',
  ].includes(event.type);
  const text =
    event.type === 'question.redirected' ? 'question.redirected-in' : (event.type satisfies string);
  void store;
  return { key: d.recipientKey, role: official ? 'official' : 'follower', sub, text } as Recipient;
}

async function loadBodies(store: Store, events: NotificationEvent[], ctx: RenderContext) {
  const ids = new Set<string>();
  for (const event of events) {
    // A digest names the bodies of the events it carries.
    const sources = event.type === 'digest' ? digestEntriesOf(event).map((e) => e.fields) : [event.data];
    for (const data of sources)
      for (const k of ['bodyId', 'toBodyId', 'fromBodyId']) {
        const id = data[k];
        if (typeof id === 'string' && !ctx.bodies.has(id)) ids.add(id);
      }
  }
  await Promise.all([...ids].map(async (id) => ctx.bodies.set(id, await getBody(store, id))));
}

/**
 * One pass of the notifier: fan out every pending event, then send every delivery that is due
 * (pending, or in flight past its lease) until none is left. Safe to run from several processes:
 * each delivery is claimed with a conditional write before it is sent.
 */
export async function drainOutbox(
  deps: NotifierDeps,
  now: () => Date = () => new Date(),
): Promise<DrainStats> {
  const stats: DrainStats = {
    events: 0,
    deliveries: 0,
    sent: 0,
    failed: 0,
    retried: 0,
    reclaimed: 0,
    reclaimedIds: [],
  };
  const events = new Map<string, NotificationEvent>();
  const limit = 50;
  for (;;) {
    const listed = await listPendingEvents(deps.store, limit);
    // Batch news still waiting for its items stays pending: this pass does not read it again.
    const batch = listed.filter((e) => !events.has(e.id));
    if (!batch.length) break;
    // Events are independent: fanned out side by side, a few at a time.
    const queue = [...batch];
    // An import's news writes events of its own: the pass goes on until they are fanned out too.
    const spelledOut = batch.some((e) => isBatchNews(e.type));
    const worker = async () => {
      for (let event = queue.shift(); event; event = queue.shift()) {
        events.set(event.id, event);
        stats.deliveries += await fanOut(deps, event, now());
        stats.events++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, batch.length) }, worker));
    // A short page was the last one: no second query to learn that nothing is left.
    if (listed.length < limit && !spelledOut) break;
  }
  await sendDue(deps, now, stats, events);
  return stats;
}

/** Sends due deliveries (the sender's half of `drainOutbox`). */
export async function sendDue(
  deps: NotifierDeps,
  now: () => Date,
  stats: DrainStats,
  events = new Map<string, NotificationEvent>(),
): Promise<void> {
  const ctx: RenderContext = { baseUrl: deps.baseUrl, bodies: new Map() };
  const concurrency = deps.concurrency ?? 4;
  const limit = 200;
  for (;;) {
    const due = await listDueDeliveries(deps.store, now(), limit);
    if (due.length === 0) return;
    // The batch's events and bodies in one parallel round, not one read per send.
    const missing = [...new Set(due.map((d) => d.eventId))].filter((id) => !events.has(id));
    for (const e of await Promise.all(missing.map((id) => getOutboxEvent(deps.store, id))))
      if (e) events.set(e.id, e);
    await loadBodies(deps.store, [...events.values()], ctx);
    let claimedAny = false;
    const queue = [...due];
    const worker = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        const claimed = await claimDelivery(deps.store, d, now(), deps.leaseMs ?? 60_000);
        if (!claimed) continue;
        claimedAny = true;
        if (d.status === 'sending') {
          stats.reclaimed++;
          stats.reclaimedIds.push(claimed.messageId);
        }
        await sendOne(deps, claimed, events, ctx, now(), stats);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    // A short page held everything due: no second query to learn that nothing is left.
    if (!claimedAny || due.length < limit) return;
  }
}

/** Runs `drainOutbox` every `everyMs` (npm start); returns a stop function that waits for the current pass. */
export function startNotifier(deps: NotifierDeps, everyMs = 1000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = drainOutbox(deps)
      .catch((err) => console.error('notifier:', (err as Error).message))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  let timer = setTimeout(tick, everyMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

export { getEmailContact, getPrefs, putPrefs, questionEvent, questionEventOps };
