/**
 * The invitation workflow (issue 21, deliver 3). The secretary invites the bodies on the agenda
 * (each entry's invited body); each body's mailbox and opted-in officials hear it through the
 * notification channels (`session.invited`). An official of the body answers attend / deputy /
 * decline; the secretary records attendance once the session has started. The day before, every
 * invited body that has not declined is reminded once (`session.invitation-reminder`, from the
 * timed notices job); a cancelled or moved session tells its invitees in the same transaction as the
 * change (`session.cancelled`, `session.rescheduled`). Every change of an invitation is one audit
 * entry in the same transaction as the write.
 */
import { almatyDate } from '../../shared/dates';
import { addDays } from '../../shared/deadlines';
import type { AttendanceInput, Invitation, RsvpInput } from '../../shared/invitations';
import { isAgendaEditable, isHeld, type Session } from '../../shared/sessions';
import { ConflictError, NotFoundError } from '../api/problems';
import { appendAuditEntry, type TransactOp } from '../audit/chain';
import type { Store } from '../data/client';
import {
  invitationAuditRecord,
  invitationPutOp,
  listInvitations,
  markInvitationReminded,
} from '../data/invitations';
import { putOutboxEvent } from '../data/notifications';
import { listSessions } from '../data/sessions';
import { eventOp } from './notifications';
import { requireStatus } from './sessions';

/** One audit entry names at most 40 records, and one transaction holds at most 100 writes. */
export const MAX_INVITED_AT_ONCE = 40;

export type SessionNotice = 'session.cancelled' | 'session.rescheduled';
type Actor = { sub: string; name: string };

/** What every invitation message says: the session, its start, the body it is addressed to. */
function eventData(s: Session, bodyId: string, extra: Record<string, string> = {}) {
  const title = typeof s.title === 'string' ? { kk: s.title } : s.title;
  return {
    sessionId: s.id,
    bodyId,
    sessionTitle: JSON.stringify(title),
    startsAt: s.startsAt,
    ...extra,
  };
}

/** The bodies the agenda invites, in agenda order, once each. */
export function bodiesOnAgenda(s: Pick<Session, 'entries'>): string[] {
  return [...new Set(s.entries.map((e) => e.bodyId).filter((b): b is string => Boolean(b)))];
}

/**
 * Invites every body on the agenda not yet invited; 409 `invitation.none_to_invite` when there is
 * none. `extra` gives the request's own writes for the result (its idempotency completion), so they
 * commit with the invitations.
 */
export async function inviteBodies(
  store: Store,
  s: Session,
  by: Actor,
  now: Date,
  extra: (all: Invitation[]) => TransactOp[] = () => [],
): Promise<Invitation[]> {
  requireStatus(s, isAgendaEditable, 'its bodies can no longer be invited');
  const existing = await listInvitations(store, s.id);
  const invited = new Set(existing.map((i) => i.bodyId));
  const bodies = bodiesOnAgenda(s)
    .filter((b) => !invited.has(b))
    .slice(0, MAX_INVITED_AT_ONCE);
  if (bodies.length === 0)
    throw new ConflictError('Every body on the agenda is already invited, or the agenda names none.', {
      code: 'invitation.none_to_invite',
    });
  const at = now.toISOString();
  const created: Invitation[] = bodies.map((bodyId) => ({
    sessionId: s.id,
    bodyId,
    invitedAt: at,
    invitedByName: by.name,
  }));
  const all = [...existing, ...created].sort((a, b) => a.bodyId.localeCompare(b.bodyId));
  const [first, ...rest] = created.map(invitationAuditRecord);
  await appendAuditEntry(
    store,
    { actorSub: by.sub, action: 'session.invite', at, record: first!, also: rest },
    [
      ...created.flatMap((i) => [
        invitationPutOp(store, i, 'new'),
        eventOp(store, {
          id: `invite-${s.id}-${i.bodyId}`,
          type: 'session.invited',
          at,
          subject: { kind: 'session', id: s.id },
          actorSub: by.sub,
          data: eventData(s, i.bodyId),
        }),
      ]),
      ...extra(all),
    ],
  );
  return all;
}

async function findInvitation(store: Store, s: Session, bodyId: string): Promise<Invitation> {
  const found = (await listInvitations(store, s.id)).find((i) => i.bodyId === bodyId);
  if (!found) throw new NotFoundError(`The body ${bodyId} is not invited to this session.`);
  return found;
}

async function saveInvitation(store: Store, next: Invitation, action: string, by: Actor, at: string) {
  await appendAuditEntry(store, { actorSub: by.sub, action, at, record: invitationAuditRecord(next) }, [
    invitationPutOp(store, next, 'update'),
  ]);
  return next;
}

/** An official answers for the body; a new answer replaces the earlier one until the session is held. */
export async function answerInvitation(
  store: Store,
  s: Session,
  bodyId: string,
  input: RsvpInput,
  by: Actor,
  now: Date,
): Promise<Invitation> {
  requireStatus(s, (st) => st !== 'cancelled' && !isHeld(st), 'its invitations can no longer be answered');
  const inv = await findInvitation(store, s, bodyId);
  const at = now.toISOString();
  const next: Invitation = {
    ...inv,
    response: {
      answer: input.answer,
      ...(input.answer === 'deputy' && input.deputyName ? { deputyName: input.deputyName } : {}),
      ...(input.answer === 'decline' && input.reason ? { reason: input.reason } : {}),
      byName: by.name,
      at,
    },
  };
  return saveInvitation(store, next, 'session.rsvp', by, at);
}

/** The secretary records whether the body came (and who), once the session has started. */
export async function recordAttendance(
  store: Store,
  s: Session,
  bodyId: string,
  input: AttendanceInput,
  by: Actor,
  now: Date,
): Promise<Invitation> {
  requireStatus(s, (st) => st !== 'cancelled', 'attendance cannot be recorded');
  if (now.getTime() < Date.parse(s.startUtc))
    throw new ConflictError(
      `The session starts at ${s.startsAt} (Almaty); attendance is recorded from then.`,
      {
        code: 'session.not_started',
        params: { startsAt: s.startsAt },
      },
    );
  const inv = await findInvitation(store, s, bodyId);
  const at = now.toISOString();
  const next: Invitation = {
    ...inv,
    attendance: { present: input.present, ...(input.name ? { name: input.name } : {}), at },
  };
  return saveInvitation(store, next, 'session.attendance', by, at);
}

/**
 * The outbox puts that tell a session's invitees it was cancelled or moved, for the transaction of
 * that change. A body that declined is told too: a new time may suit it.
 */
export async function inviteeNoticeOps(
  store: Store,
  s: Session,
  notice: SessionNotice,
  at: Date,
  extra: Record<string, string> = {},
): Promise<TransactOp[]> {
  const invitations = await listInvitations(store, s.id);
  return invitations.map((i) =>
    eventOp(store, {
      // One notice per change: a cancellation happens once, a move once per new start.
      id: `${notice === 'session.cancelled' ? 'cancel' : `moved-${s.startsAt}`}-${s.id}-${i.bodyId}`,
      type: notice,
      at: at.toISOString(),
      subject: { kind: 'session', id: s.id },
      actorSub: null,
      data: eventData(s, i.bodyId, extra),
    }),
  );
}

/**
 * The day-before reminders: for each session starting tomorrow (Almaty) that is not cancelled, every
 * invited body that has not declined hears it once. Idempotent: the event id names the session,
 * the body and the start, and the outbox put is conditional on it (a moved session is reminded
 * anew for its new date). Reads the sessions by start (byKind) and tomorrow's invitations only.
 */
export async function emitSessionReminders(
  store: Store,
  now: Date,
): Promise<{ reminders: number; already: number }> {
  const tomorrow = addDays(almatyDate(now), 1);
  const sessions = (await listSessions(store)).filter(
    (s) => s.startsAt.slice(0, 10) === tomorrow && isAgendaEditable(s.status),
  );
  const report = { reminders: 0, already: 0 };
  for (const s of sessions) {
    for (const i of await listInvitations(store, s.id)) {
      if (i.response?.answer === 'decline') continue;
      const fresh = await putOutboxEvent(store, {
        id: `remind-${s.id}-${i.bodyId}-${s.startsAt}`,
        type: 'session.invitation-reminder',
        at: now.toISOString(),
        subject: { kind: 'session', id: s.id },
        actorSub: null,
        data: eventData(s, i.bodyId),
      });
      if (!fresh) {
        report.already++;
        continue;
      }
      report.reminders++;
      // Shown on the agenda ("reminded"); not a public change of substance, so no audit entry.
      await markInvitationReminded(store, s.id, i.bodyId, { at: now.toISOString(), forStartsAt: s.startsAt });
    }
  }
  return report;
}
