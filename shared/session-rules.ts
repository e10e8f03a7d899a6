/**
 * Session rules the web uses (agenda editing, upcoming, moving an entry); shared/sessions.ts re-exports
 * them. Like all of shared/, free of zod (shared/no-zod.test.ts).
 */
import type { Session, SessionStatus } from './sessions';

/** Statuses in which the agenda may still change. */
export function isAgendaEditable(status: SessionStatus): boolean {
  return status === 'draft' || status === 'agenda_published';
}

/** Sessions are "upcoming" until they end. */
export function isUpcoming(session: Pick<Session, 'startUtc' | 'durationMinutes'>, now: Date): boolean {
  return Date.parse(session.startUtc) + session.durationMinutes * 60_000 > now.getTime();
}

/** Moves `entryId` one place up or down; the same list when it cannot move. */
export function moveEntry<T extends { id: string }>(entries: T[], entryId: string, delta: -1 | 1): T[] {
  const from = entries.findIndex((e) => e.id === entryId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= entries.length) return entries;
  const out = [...entries];
  const [moved] = out.splice(from, 1) as [T];
  out.splice(to, 0, moved);
  return out;
}
