/**
 * A body's contacts (issue 20, item 3): the shared mailbox that receives its questions, verified
 * by a link sent to it, and whether notifications to it are working. The address is contact data:
 * only the body's officials and admins see it; the public sees only the state computed here.
 */

export type NotificationState = 'none' | 'unverified' | 'working' | 'failing';

export type BodyNotificationStatus = {
  bodyId: string;
  state: NotificationState;
  verifiedAt: string | null;
  lastDeliveryAt: string | null;
  lastFailureAt: string | null;
};

/** What the mailbox record holds that the state depends on. */
export interface MailboxFacts {
  verified: boolean;
  verifiedAt?: string | undefined;
  suppressed?: boolean | undefined;
  suppressedAt?: string | undefined;
  lastDeliveryAt?: string | undefined;
  lastFailureAt?: string | undefined;
}

/** The latest of two ISO instants (either may be missing). */
const latest = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a > b ? a : b);

export function notificationStatus(bodyId: string, m: MailboxFacts | null): BodyNotificationStatus {
  if (!m) return { bodyId, state: 'none', verifiedAt: null, lastDeliveryAt: null, lastFailureAt: null };
  // A bounce or complaint (e-mail feedback) is a failure too, whenever the notifier last tried.
  const lastFailureAt = latest(m.lastFailureAt, m.suppressed ? m.suppressedAt : undefined) ?? null;
  const lastDeliveryAt = m.lastDeliveryAt ?? null;
  const state: NotificationState = !m.verified
    ? 'unverified'
    : m.suppressed || (lastFailureAt !== null && (lastDeliveryAt === null || lastFailureAt > lastDeliveryAt))
      ? 'failing'
      : 'working';
  return { bodyId, state, verifiedAt: m.verifiedAt ?? null, lastDeliveryAt, lastFailureAt };
}

export type BodyContactView = {
  bodyId: string;
  mailbox: { address: string; verified: boolean; setAt: string | null; linkExpires: string | null } | null;
  status: BodyNotificationStatus;
  officials: { name: string; notified: boolean }[];
};
