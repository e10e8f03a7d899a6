/**
 * Digests: what a person asked to hear once a day or once a week, and what did not go out
 * instantly because their day's cap was reached (a flood becomes a digest, it is not dropped).
 *
 * Fan-out parks such deliveries in the `digest` status (functions/data/notifications.ts indexes
 * them by channel and recipient). This job, run hourly with the timed notices (the cloud's
 * schedule, `npm start`'s timer, tests with their own clock), writes one `digest` event per
 * (recipient, channel, day) into the same outbox as every other event, in the same transaction
 * that marks the parked deliveries `digested`; the notifier then sends it like any event, with its
 * own Message-ID, quiet hours and unsubscribe link.
 *
 *   - daily (and cap overflow): from 08:00 Almaty, one digest per day;
 *   - weekly: on Monday from 08:00 Almaty;
 *   - a channel turned off since: its parked deliveries are skipped.
 *
 * Idempotent: the digest's id is made of the day, the channel and the recipient, its put is
 * conditional, and each parked delivery moves only while it is still parked. A re-run or two runs
 * at once write each digest once; what arrives after the day's digest waits for the next one.
 * Legal notices are never parked (they bypass digests), so a digest never carries one.
 */
import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { almatyDate, TIME_ZONE } from '../../shared/dates';
import type { TransactOp } from '../audit/chain';
import type { Store } from '../data/client';
import {
  batchGetEvents,
  batchGetRecipients,
  type Delivery,
  FEED_FIELDS,
  listParkedDeliveries,
  type NotificationEvent,
  outboxEventOp,
  unparkDeliveryOp,
} from '../data/notifications';
import { ConditionFailedError, runTransaction } from '../data/transaction';
import { recipientsForDelivery } from './notifications';

/**
 * Event fields a digest line may show: the feed's, and what the new-item and flag events say in their own
 * words (how many new items, where, which new flags). Public data, but not in "My feed"'s API
 * shape, which names its fields one by one.
 */
export const DIGEST_FIELDS = [...FEED_FIELDS, 'followKind', 'place', 'count', 'flags'] as const;

/** Digests go out from this Almaty hour (a morning read, after the night's quiet hours). */
export const DIGEST_HOUR = 8;
/** Entries per digest event: the event's put and one update per entry fit one transaction (≤ 100). */
export const DIGEST_MAX_ENTRIES = 90;

export type DigestPeriod = 'daily' | 'weekly';

/** One line of a digest: what the event's own message needs, nothing that names a person. */
export interface DigestEntry {
  type: string;
  /** The recipient's message key for this event (e.g. `question.answered`). */
  text: string;
  subjectKind: string;
  subjectId: string;
  itemId?: string;
  fields: Record<string, string>;
}

export interface DigestRunReport {
  /** Almaty date of the run. */
  today: string;
  /** Digest events written by this run. */
  digests: number;
  /** Parked deliveries they carry. */
  digested: number;
  /** Parked deliveries dropped because their channel was turned off. */
  skipped: number;
  /** Parked deliveries left for a later digest (weekly before Monday, or before 08:00). */
  waiting: number;
  /** Digests another run wrote first. */
  already: number;
}

const hash16 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** The digest's id: one per (day, channel, recipient, part), so the conditional put makes the job idempotent. */
export function digestEventId(today: string, channel: string, recipientKey: string, part: number): string {
  // The recipient only as a hash: event ids travel in Message-IDs and logs.
  return `digest-${today}-${channel}-${hash16(recipientKey)}-${part}`;
}

function entryOf(event: NotificationEvent, text: string): DigestEntry {
  const fields: Record<string, string> = {};
  for (const k of DIGEST_FIELDS) {
    const v = event.data[k];
    if (typeof v === 'string' && v) fields[k] = v;
  }
  return {
    type: event.type,
    text,
    subjectKind: event.subject.kind,
    subjectId: event.subject.id,
    ...(event.subject.itemId ? { itemId: event.subject.itemId } : {}),
    fields,
  };
}

/** Writes the digests due at `now` into the outbox and unparks what they carry. */
export async function composeDigests(store: Store, now: Date): Promise<DigestRunReport> {
  const today = almatyDate(now);
  const local = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(TIME_ZONE);
  const report: DigestRunReport = { today, digests: 0, digested: 0, skipped: 0, waiting: 0, already: 0 };
  const parked = await listParkedDeliveries(store);
  if (parked.length === 0) return report;
  const groups = new Map<string, Delivery[]>();
  for (const d of parked) {
    const key = `${d.channel}#${d.recipientKey}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const subs = [...new Set(parked.map((d) => d.recipientKey.replace(/^user:/, '')))];
  const people = await batchGetRecipients(store, subs);
  const morning = local.hour >= DIGEST_HOUR;
  const due: { period: DigestPeriod; list: Delivery[] }[] = [];
  const writes: Promise<void>[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const mode =
      people.get(first.recipientKey.replace(/^user:/, ''))?.prefs.channels[first.channel] ?? 'instant';
    if (mode === 'off') {
      writes.push(
        skipAll(store, list).then((n) => {
          report.skipped += n;
        }),
      );
      continue;
    }
    const period: DigestPeriod = mode === 'weekly' ? 'weekly' : 'daily';
    if (!morning || (period === 'weekly' && local.dayOfWeek !== 1)) {
      report.waiting += list.length;
      continue;
    }
    due.push({ period, list });
  }
  const events = await batchGetEvents(
    store,
    due.flatMap((g) => g.list.map((d) => d.eventId)),
  );
  for (const { period, list } of due) {
    const ordered = [...list].sort((a, b) => a.notBefore.localeCompare(b.notBefore));
    for (let i = 0, part = 1; i < ordered.length; i += DIGEST_MAX_ENTRIES, part++) {
      const chunk = ordered.slice(i, i + DIGEST_MAX_ENTRIES);
      writes.push(
        writeDigest(store, now, today, period, part, chunk, events).then((outcome) => {
          if (outcome === 'already') report.already++;
          else {
            report.digests++;
            report.digested += chunk.length;
          }
        }),
      );
    }
  }
  await Promise.all(writes);
  return report;
}

async function writeDigest(
  store: Store,
  now: Date,
  today: string,
  period: DigestPeriod,
  part: number,
  chunk: Delivery[],
  events: Map<string, NotificationEvent>,
): Promise<'written' | 'already'> {
  const first = chunk[0]!;
  const entries: DigestEntry[] = [];
  for (const d of chunk) {
    const event = events.get(d.eventId);
    // Events are kept; one missing all the same leaves nothing to say, and its delivery is still unparked.
    if (!event) continue;
    const r = await recipientsForDelivery(store, event, d);
    entries.push(entryOf(event, r.text));
  }
  const digest: NotificationEvent = {
    id: digestEventId(today, first.channel, first.recipientKey, part),
    type: 'digest',
    at: now.toISOString(),
    // About the person's own subscriptions, as a contact verification is about their contact; a
    // digest is never an entry of "My feed" (its entries are there already).
    subject: { kind: 'contact', id: hash16(first.recipientKey) },
    actorSub: null,
    data: {
      recipientKey: first.recipientKey,
      sub: first.recipientKey.replace(/^user:/, ''),
      channel: first.channel,
      period,
      count: entries.length,
      entries: JSON.stringify(entries),
      lang: first.lang,
    },
  };
  const ops: TransactOp[] = [
    outboxEventOp(store, digest),
    ...chunk.map((d) => unparkDeliveryOp(store, d, { status: 'digested', digestId: digest.id })),
  ];
  try {
    await runTransaction(store, ops);
    return 'written';
  } catch (err) {
    // Another run wrote this digest, or took one of its deliveries, first.
    if (err instanceof ConditionFailedError) return 'already';
    throw err;
  }
}

/** Parked deliveries of a channel turned off since: dropped one by one, each only while still parked. */
async function skipAll(store: Store, list: Delivery[]): Promise<number> {
  let skipped = 0;
  for (const d of list) {
    try {
      await runTransaction(store, [unparkDeliveryOp(store, d, { status: 'skipped' })]);
      skipped++;
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
    }
  }
  return skipped;
}
