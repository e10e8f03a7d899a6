/** The zod schemas of shared/body-contacts.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z } from 'zod';
import type * as Shared from '../../../shared/body-contacts';
import type { Equal, Expect } from './assert-equal';

/**
 * `none`: no mailbox set; `unverified`: set, its link not followed yet (it receives nothing but the
 * verification mail); `working`: verified and its last delivery did not fail; `failing`: verified,
 * but the last delivery failed after the last success, or it bounced or complained and is suppressed.
 */
export const NotificationState = z.enum(['none', 'unverified', 'working', 'failing']);
export type NotificationState = z.infer<typeof NotificationState>;
type _NotificationStateAgrees = Expect<Equal<NotificationState, Shared.NotificationState>>;

/** The public face of a body's notifications: no address, no account id. */
export const BodyNotificationStatus = z.object({
  bodyId: z.string(),
  state: NotificationState,
  verifiedAt: z.string().nullable(),
  lastDeliveryAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
});
export type BodyNotificationStatus = z.infer<typeof BodyNotificationStatus>;
type _BodyNotificationStatusAgrees = Expect<Equal<BodyNotificationStatus, Shared.BodyNotificationStatus>>;

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
type _BodyContactViewAgrees = Expect<Equal<BodyContactView, Shared.BodyContactView>>;

export * from '../../../shared/body-contacts';
