/**
 * A body's contacts (issue 20, item 3): the shared mailbox that receives its questions, verified
 * by a link sent to it, and whether notifications to it are working. The address is contact data:
 * only the body's officials and admins see it; the public sees only the state computed here.
 */
import { z } from 'zod';

/**
 * `none`: no mailbox set; `unverified`: set, its link not followed yet (it receives nothing but the
 * verification mail); `working`: verified and its last delivery did not fail; `failing`: verified,
 * but the last delivery failed after the last success, or it bounced or complained and is suppressed.
 */
export const NotificationState = z.enum(['none', 'unverified', 'working', 'failing']);
export type NotificationState = z.infer<typeof NotificationState>;

/** The public face of a body's notifications: no address, no account id. */
export const BodyNotificationStatus = z.object({
  bodyId: z.string(),
  state: NotificationState,
  verifiedAt: z.string().nullable(),
  lastDeliveryAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
});
export type BodyNotificationStatus = z.infer<typeof BodyNotificationStatus>;

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

/** One official of the body as the contacts page lists them: a name, and whether they hear its questions. */
export const ContactOfficial = z.object({ name: z.string(), notified: z.boolean() });

/** The contacts page (admins and the body's officials): the address itself, its state, the officials. */
export const BodyContactView = z.object({
  bodyId: z.string(),
  mailbox: z
    .object({
      address: z.string(),
      verified: z.boolean(),
      setAt: z.string().nullable(),
      /** When the verification link stops working (unverified only). */
      linkExpires: z.string().nullable(),
    })
    .nullable(),
  status: BodyNotificationStatus,
  officials: z.array(ContactOfficial),
});
export type BodyContactView = z.infer<typeof BodyContactView>;
