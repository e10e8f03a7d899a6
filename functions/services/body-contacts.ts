/**
 * A body's contacts (issue 20, item 3): its shared mailbox, verified by a link mailed to it, and
 * its officials. Only a verified mailbox receives the notifications of the body's questions
 * (functions/data/notifications.ts `getBodyMailbox`); setting another address un-verifies it and
 * sends a new link. The mail goes the way every notification goes (the outbox, written in the same
 * transaction), so locally it arrives in the embedded SMTP server and in the cloud through SES.
 *
 * On the audit chain: that the body has a mailbox and whether it is verified, never the address
 * (contact data). The public sees only the notification state (shared/body-contacts.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import {
  type BodyContactView,
  type BodyNotificationStatus,
  notificationStatus,
} from '../../shared/body-contacts';
import type { Lang } from '../../shared/i18n-text';
import type { Principal } from '../../shared/users';
import { NotFoundError, ValidationError } from '../api/problems';
import { type AuditRecord, appendAuditEntry, StaleWriteError } from '../audit/chain';
import { getBody } from '../data/bodies';
import {
  type BodyMailbox,
  batchGetBodyMailboxes,
  getBodyMailboxRecord,
  unverifiedMailboxOp,
  verifyMailboxOp,
} from '../data/body-contacts';
import type { Store } from '../data/client';
import { listRoster, profileNames } from '../data/inbox';
import { listOptedInOfficials, outboxEventOp } from '../data/notifications';

/** How long a verification link works. */
export const MAILBOX_LINK_HOURS = 72;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The chain's record of a body's mailbox: whether there is one and whether it is verified; no address. */
export function bodyContactAuditRecord(
  bodyId: string,
  m: Pick<BodyMailbox, 'verified' | 'verifiedAt' | 'setAt'> | null,
): AuditRecord {
  return {
    kind: 'mailbox',
    key: `mailbox/${bodyId}`,
    fields: m
      ? { bodyId, mailbox: m.verified ? 'verified' : 'unverified', setAt: m.setAt ?? null }
      : { bodyId, mailbox: 'none', setAt: null },
  };
}

async function existingBody(store: Store, bodyId: string) {
  const body = await getBody(store, bodyId);
  if (!body) throw new NotFoundError('No such body.');
  return body;
}

/**
 * Sets the body's shared mailbox. A new address is stored unverified with a fresh link, mailed to
 * it, and its delivery history starts over; the same address again re-sends the link while it is
 * unverified and changes nothing once it is verified.
 */
export async function setBodyMailbox(
  store: Store,
  bodyId: string,
  address: string,
  actor: Principal,
  lang: Lang,
  now: Date,
): Promise<{ sent: boolean }> {
  await existingBody(store, bodyId);
  const before = await getBodyMailboxRecord(store, bodyId);
  if (before?.verified && before.address.toLowerCase() === address.toLowerCase()) return { sent: false };
  const token = randomBytes(24).toString('base64url');
  const at = now.toISOString();
  const record = {
    bodyId,
    address,
    tokenHash: sha256(token),
    tokenExpires: new Date(now.getTime() + MAILBOX_LINK_HOURS * 3600_000).toISOString(),
    setAt: at,
  };
  await appendAuditEntry(
    store,
    {
      actorSub: actor.sub,
      action: before && before.address !== address ? 'body-contact.change' : 'body-contact.set',
      at,
      record: bodyContactAuditRecord(bodyId, { verified: false, setAt: at }),
    },
    [
      unverifiedMailboxOp(store, record),
      outboxEventOp(store, {
        id: ulid(now.getTime()),
        type: 'body-contact.verify',
        at,
        subject: { kind: 'contact', id: bodyId },
        actorSub: actor.sub,
        // The token travels only to the mailbox; the address is read at fan-out, never stored here.
        data: { bodyId, token, lang },
      }),
    ],
  );
  return { sent: true };
}

/** Follows the link: the token proves the mailbox received it. False for a wrong, used or expired one. */
export async function verifyBodyMailbox(
  store: Store,
  bodyId: string,
  token: string,
  now: Date,
): Promise<boolean> {
  const before = await getBodyMailboxRecord(store, bodyId);
  if (!before?.tokenHash) return false;
  const at = now.toISOString();
  try {
    await appendAuditEntry(
      store,
      {
        // Whoever reads the mailbox follows the link; they need no account.
        actorSub: null,
        action: 'body-contact.verify',
        at,
        record: bodyContactAuditRecord(bodyId, { verified: true, setAt: before.setAt }),
      },
      [verifyMailboxOp(store, bodyId, sha256(token), at)],
    );
    return true;
  } catch (err) {
    if (err instanceof StaleWriteError) return false;
    throw err;
  }
}

/** The refusal of a wrong link, as a problem the web words. */
export function invalidLinkError(): ValidationError {
  return new ValidationError([
    {
      in: 'json',
      field: 'token',
      message: 'The link is wrong, used or expired.',
      code: 'body_contact.link_invalid',
    },
  ]);
}

/** The body's contacts for its officials and admins: the address, its state, the officials. */
export async function bodyContactView(store: Store, bodyId: string): Promise<BodyContactView> {
  await existingBody(store, bodyId);
  const [m, roster, optedIn] = await Promise.all([
    getBodyMailboxRecord(store, bodyId),
    listRoster(store, bodyId),
    listOptedInOfficials(store, bodyId),
  ]);
  const names = await profileNames(
    store,
    roster.map((o) => o.sub),
  );
  const notified = new Set(optedIn);
  return {
    bodyId,
    mailbox: m
      ? {
          address: m.address,
          verified: m.verified,
          setAt: m.setAt ?? null,
          linkExpires: m.verified ? null : (m.tokenExpires ?? null),
        }
      : null,
    status: notificationStatus(bodyId, m),
    // Names only: account ids stay on the server.
    officials: roster
      .map((o) => ({
        // A roster entry made by a grant may know only the account id; that is not a name to show.
        name: names.get(o.sub) ?? (o.name !== o.sub ? o.name : ''),
        notified: notified.has(o.sub),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The public state of one body's notifications. */
export async function bodyNotificationStatus(store: Store, bodyId: string): Promise<BodyNotificationStatus> {
  await existingBody(store, bodyId);
  return notificationStatus(bodyId, await getBodyMailboxRecord(store, bodyId));
}

/** The public state of many bodies' notifications (one batched read). */
export async function bodiesNotificationStatus(
  store: Store,
  bodyIds: string[],
): Promise<Map<string, BodyNotificationStatus>> {
  const found = await batchGetBodyMailboxes(store, bodyIds);
  return new Map(bodyIds.map((id) => [id, notificationStatus(id, found.get(id) ?? null)]));
}
