/**
 * What the bell, "My feed" and a question's legal notices show, as pure functions of the API's
 * answers (tested in view.test.ts); the pages only put these on the screen.
 */
import type { components } from '../api/schema';

export type FeedEntry = components['schemas']['NotificationFeedEntry'];
export type LegalNotice = components['schemas']['LegalNotice'];

/** The server counts at most this many unread entries (functions/data/notifications.ts `countUnread`). */
export const UNREAD_CAP = 100;

/** The bell's badge: nothing at 0, the number, or "99+" once the server's cap is reached. */
export function bellBadge(unread: number): string {
  if (unread <= 0) return '';
  return unread >= UNREAD_CAP ? '99+' : String(unread);
}

/** How often the bell asks while its tab is visible: a light poll, not a loop (the API counts with one Query). */
export const BELL_POLL_MS = 60_000;
/** A focus or a tab shown again refreshes the bell at once, but not more often than this. */
export const BELL_MIN_GAP_MS = 10_000;

/** Whether the bell should ask now: the tab is visible, someone is signed in and the last ask is not too recent. */
export function shouldRefreshBell(opts: {
  visible: boolean;
  signedIn: boolean;
  lastAt: number | null;
  now: number;
}): boolean {
  if (!opts.visible || !opts.signedIn) return false;
  return opts.lastAt === null || opts.now - opts.lastAt >= BELL_MIN_GAP_MS;
}

/** A message from the catalogue: its key and the values filled in. */
export interface Line {
  key: string;
  values: Record<string, string>;
}

/** The catalogue key for an entry's message, which is itself a key (never English text). */
function feedKeyOf(messageKey: string): string {
  return `notify.feed.${messageKey}`;
}

/** The catalogue key and values of an entry's line; `known` says whether the catalogue has the key. */
export function feedLine(
  e: FeedEntry,
  names: { body(id: string): string; date(iso: string): string; text?(t: Record<string, string>): string },
  known: (key: string) => boolean,
): Line {
  const key = feedKeyOf(e.message);
  return {
    key: known(key) ? key : 'notify.feed.other',
    values: {
      dueOn: e.dueOn ? names.date(e.dueOn) : '',
      newDueOn: e.newDueOn ? names.date(e.newDueOn) : '',
      reason: e.reason ?? '',
      body: e.bodyId ? names.body(e.bodyId) : '',
      toBody: e.toBodyId ? names.body(e.toBodyId) : '',
      session: e.sessionTitle && names.text ? names.text(e.sessionTitle) : '',
      startsAt: e.startsAt ? `${names.date(e.startsAt.slice(0, 10))} ${e.startsAt.slice(11, 16)}` : '',
    },
  };
}

/** The instant to mark as seen after showing `entries` (the newest shown), or null when nothing is unread. */
export function seenMark(entries: FeedEntry[]): string | null {
  if (!entries.some((e) => e.unread)) return null;
  // ISO instants of one format sort as text.
  return (
    entries
      .map((e) => e.at)
      .sort()
      .at(-1) ?? null
  );
}

/** Where an entry leads: the item (at the question when it is about one), else nowhere. */
export function entryHref(e: FeedEntry): string | null {
  if (e.subject.kind === 'session') return `/sessions/${encodeURIComponent(e.subject.id)}`;
  const itemId = e.subject.itemId ?? (e.subject.kind === 'item' ? e.subject.id : undefined);
  if (!itemId) return null;
  return `/items/${encodeURIComponent(itemId)}${e.subject.kind === 'question' ? `#question-${e.subject.id}` : ''}`;
}

/** A legal notice's two lines: what it said (the law's content) and how it went (channel, delivered or not). */
export function noticeLines(
  n: LegalNotice,
  names: {
    body(id: string): string;
    date(iso: string): string;
    dateTime(iso: string): string;
    channel(c: string): string;
  },
): { what: Line; outcome: Line } {
  const what: Line =
    n.kind === 'extended'
      ? {
          key: 'notify.notices.extended',
          values: { date: n.dueOn ? names.date(n.dueOn) : '', reason: n.reason ?? '' },
        }
      : n.kind === 'redirected'
        ? {
            key: 'notify.notices.redirected',
            values: { body: n.toBodyId ? names.body(n.toBodyId) : '', reason: n.reason ?? '' },
          }
        : { key: 'notify.notices.received', values: { date: n.dueOn ? names.date(n.dueOn) : '' } };
  const at = names.dateTime(n.at);
  const outcome: Line =
    n.channel === 'none'
      ? { key: 'notify.notices.none', values: { at } }
      : {
          key: n.delivered ? 'notify.notices.delivered' : 'notify.notices.failed',
          values: { channel: names.channel(n.channel), at },
        };
  return { what, outcome };
}

/**
 * One line per notice (event): a notice tried on e-mail and Telegram counts as delivered when any
 * channel delivered it, and shows the channel that did.
 */
export function latestPerNotice(notices: LegalNotice[]): LegalNotice[] {
  const byEvent = new Map<string, LegalNotice[]>();
  for (const n of notices) {
    const key = `${n.kind}|${n.dueOn ?? ''}|${n.toBodyId ?? ''}|${n.reason ?? ''}`;
    byEvent.set(key, [...(byEvent.get(key) ?? []), n]);
  }
  return [...byEvent.values()]
    .map((group) => group.find((n) => n.delivered) ?? group.reduce((a, b) => (b.at > a.at ? b : a)))
    .sort((a, b) => (a.at < b.at ? -1 : 1));
}
