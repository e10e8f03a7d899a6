/**
 * A person's own notification settings (`/api/me/notifications`, `/api/me/email`, subscriptions):
 * what they see of them (address and whether verified, preferences, the bell's unread count), the
 * preferences they set (a form that leaves out the feed's "seen" mark or the per-topic choices keeps
 * them), the "seen" mark (never ahead of the clock), their address (kept only with consent,
 * services/consents.ts; the verification mail is services/notifications.ts `addEmail`), and what they
 * subscribe to. Sending is services/notifications.ts.
 */
import type { Lang } from '../../shared/i18n-text';
import type { Store } from '../data/client';
import {
  countUnread,
  getEmailContact,
  getPrefs,
  listInbox,
  listQuestionNotices,
  listSubscriptions,
  markSeen,
  NOTIFY_TOPICS,
  type NotificationPrefs,
  putPrefs,
  subscribe,
  unsubscribe,
} from '../data/notifications';
import { requireConsent } from './consents';
import { addEmail } from './notifications';

export { listQuestionNotices, listSubscriptions, NOTIFY_TOPICS, subscribe, unsubscribe };

/** What a person sees of their settings. */
export async function notificationSettings(store: Store, sub: string) {
  const [email, prefs] = await Promise.all([getEmailContact(store, sub), getPrefs(store, sub)]);
  return {
    email: email ? { address: email.address, verified: email.verified } : null,
    prefs: {
      lang: prefs.lang,
      channels: prefs.channels,
      ...(prefs.quietHours ? { quietHours: prefs.quietHours } : {}),
      ...(prefs.seenAt ? { seenAt: prefs.seenAt } : {}),
      ...(prefs.topics ? { topics: prefs.topics } : {}),
    },
    unread: await countUnread(store, sub, prefs.seenAt),
  };
}

/** Sets the preferences; returns the settings as now stored. */
export async function setPreferences(store: Store, sub: string, next: NotificationPrefs) {
  // The feed's "seen" mark is not a setting: a settings form that leaves it out keeps it; so
  // are the per-topic choices kept when a form that does not show them leaves them out.
  const stored = await getPrefs(store, sub);
  const seenAt = next.seenAt ?? stored.seenAt;
  const topics = next.topics ?? stored.topics;
  await putPrefs(store, sub, { ...next, ...(seenAt ? { seenAt } : {}), ...(topics ? { topics } : {}) });
  return notificationSettings(store, sub);
}

/** "My feed", newest first, with the mark up to which it was seen. */
export async function readMyFeed(store: Store, sub: string, limit: number) {
  const [entries, prefs] = await Promise.all([listInbox(store, sub, limit), getPrefs(store, sub)]);
  return { entries, seenAt: prefs.seenAt ?? null };
}

/** Marks "My feed" seen up to `at`; returns the settings as now stored. */
export async function markFeedSeen(store: Store, sub: string, at: string, now: Date) {
  // Never ahead of the clock: a mark in the future would hide what arrives meanwhile.
  await markSeen(store, sub, new Date(Math.min(Date.parse(at), now.getTime())).toISOString());
  return notificationSettings(store, sub);
}

/**
 * Sets the person's e-mail address (kept only with consent: refused without it) and sends its
 * verification mail in their language (the one asked for, else their preferences').
 */
export async function setEmailAddress(
  store: Store,
  sub: string,
  address: string,
  lang: Lang | undefined,
  now: Date,
) {
  await requireConsent(store, sub, 'email');
  await addEmail(store, sub, address, lang ?? (await getPrefs(store, sub)).lang, now);
  return notificationSettings(store, sub);
}
