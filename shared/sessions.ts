/**
 * Club sessions: a meeting of activists and officials at the "Antikor" centre, carried from the
 * draft agenda to the follow-up of every recommendation. The agenda is built from map items (and
 * optionally a question raised on one); the outcome of each agenda entry is a decision and
 * recommendations addressed to government bodies, each followed up until done.
 *
 * Times: a session starts at an Almaty wall-clock time (`startsAt`, "YYYY-MM-DDTHH:mm"); the
 * instant (`startUtc`) is derived with the Asia/Almaty zone so calendars and ordering agree.
 */
import type { ClubText, ClubTextInput } from './club-text';
import type { Attachment } from './comments';
import { TIME_ZONE } from './dates';
import type { Flat } from './types';

export const SESSION_STATUSES = [
  'draft',
  'agenda_published',
  'held',
  'minutes_published',
  'cancelled',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_FORMATS = ['in_person', 'broadcast'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];
export const FOLLOW_UP_STATUSES = ['open', 'done', 'overdue'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export type Participant = { kind: 'member' | 'official'; name: string; bodyId?: string | undefined };

export type SessionInput = {
  title: ClubTextInput;
  startsAt: string;
  durationMinutes: number;
  venue: ClubTextInput;
  format: SessionFormat;
  link?: string | undefined;
  participants: Participant[];
};

/** Every edit of a session carries the version it was based on; a stale one is refused. */
export type SessionPatch = Flat<Partial<SessionInput> & { version: number }>;

/** What an agenda entry's form sends, new or edited. */
type EntryFields = {
  minutes?: number | undefined;
  slot?: { start: string; minutes: number } | undefined;
  presenter?: string | undefined;
  bodyId?: string | undefined;
  notes?: ClubTextInput | undefined;
};

export type NewEntry = Flat<EntryFields & { itemId: string; questionId?: string | undefined }>;

export type Verification = {
  verdict: 'confirmed' | 'contested';
  reason?: string | undefined;
  byName: string;
  at: string;
};

export type Recommendation = {
  id: string;
  sessionId: string;
  entryId: string;
  itemId: string;
  questionId?: string | undefined;
  bodyId: string;
  text: ClubText;
  due: string;
  status: 'open' | 'done';
  evidence?: string | undefined;
  documents?: Attachment[] | undefined;
  doneAt?: string | undefined;
  verification?: Verification | undefined;
  sessionTitle: ClubText;
  sessionStartsAt: string;
};

export type RecommendationView = Flat<Recommendation & { followUp: FollowUpStatus }>;

export type OutcomeInput = {
  version: number;
  decision: ClubTextInput;
  recommendations: { id?: string | undefined; bodyId: string; text: ClubTextInput; due: string }[];
};

export type VerifyFollowUpInput = Pick<Verification, 'verdict' | 'reason'>;

export type AgendaEntry = Flat<
  Omit<EntryFields, 'notes'> & {
    notes?: ClubText | undefined;
    recording?: { url: string; start: string } | undefined;
    id: string;
    itemId: string;
    questionId?: string | undefined;
    outcome?: { decision: ClubText; recommendationIds: string[] } | undefined;
  }
>;

export type RecordingInput = { version: number; url: string; start: string };

export type Attendee = { name: string; bodyId?: string | undefined; present: boolean };

/** The record's heading beside the text and attendance: optional, as clients written before it send none. */
type MinutesHeading = {
  protocolNumber?: string | undefined;
  chairName?: string | undefined;
  secretaryName?: string | undefined;
};

export type MinutesInput = Flat<
  { version: number; text: ClubTextInput; attendance: Attendee[] } & MinutesHeading
>;

export type MinutesCorrectionInput = Flat<MinutesInput & { reason: string }>;

/** Minutes as published on the session: the latest version. */
export type Minutes = Flat<
  {
    text: ClubText;
    attendance: Attendee[];
    publishedAt: string;
    version?: number | undefined;
    quorumRequired?: number | undefined;
    quorumPresent?: number | undefined;
    correction?: { reason: string; at: string } | undefined;
  } & MinutesHeading
>;

export type MinutesVersion = Flat<
  Omit<Minutes, 'version'> & {
    sessionId: string;
    version: number;
    publishedByName: string;
    officials: {
      bodyId: string;
      answer?: string | undefined;
      present?: boolean | undefined;
      name?: string | undefined;
    }[];
    entries: {
      entryId: string;
      itemId: string;
      questionId?: string | undefined;
      bodyId?: string | undefined;
      decision?: ClubText | undefined;
      recommendations: { id: string; bodyId: string; text: ClubText; due: string }[];
    }[];
  }
>;

export type ClubSettings = { quorumRequired: number };

export type Session = {
  id: string;
  title: ClubText;
  startsAt: string;
  startUtc: string;
  durationMinutes: number;
  venue: ClubText;
  format: SessionFormat;
  link?: string | undefined;
  participants: Participant[];
  status: SessionStatus;
  version: number;
  agendaVersion: number;
  entries: AgendaEntry[];
  minutes?: Minutes | undefined;
  cancellation?: { reason: string; at: string } | undefined;
  updatedAt: string;
};

export type AgendaVersion = Flat<
  Pick<Session, 'title' | 'startsAt' | 'venue' | 'entries'> & {
    sessionId: string;
    version: number;
    changeNote: string;
    publishedAt: string;
    publishedBy: string;
  }
>;

/** Statuses after the meeting: outcomes and minutes belong here, and the session counts as held. */
export function isHeld(status: SessionStatus): boolean {
  return status === 'held' || status === 'minutes_published';
}

/** A recommendation still open after its due date (Almaty dates compare as strings). */
export function isOverdue(rec: Pick<Recommendation, 'status' | 'due'>, today: string): boolean {
  return rec.status === 'open' && rec.due < today;
}

export function followUpStatus(rec: Pick<Recommendation, 'status' | 'due'>, today: string): FollowUpStatus {
  if (rec.status === 'done') return 'done';
  return isOverdue(rec, today) ? 'overdue' : 'open';
}

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  timeZoneName: 'longOffset',
});

/** Minutes east of UTC in Almaty at an instant ("GMT+05:00" → 300). */
function almatyOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** The instant of an Almaty wall-clock time, using the zone's offset at that time (tzdata decides). */
export function almatyInstant(startsAt: string): Date {
  const asUtc = Date.parse(`${startsAt}:00Z`);
  const guess = asUtc - almatyOffsetMinutes(new Date(asUtc)) * 60_000;
  return new Date(asUtc - almatyOffsetMinutes(new Date(guess)) * 60_000);
}

/** Reorders entries to `ids`, which must name every entry exactly once; null otherwise. */
export function reorderEntries<T extends { id: string }>(entries: T[], ids: string[]): T[] | null {
  if (ids.length !== entries.length || new Set(ids).size !== ids.length) return null;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const out: T[] = [];
  for (const id of ids) {
    const e = byId.get(id);
    if (!e) return null;
    out.push(e);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The lifecycle, as a state machine (like questions):
//
//   draft ──publishAgenda──▶ agenda_published ──markHeld (at/after the start, Almaty)──▶ held
//     │                         │  ▲ publishAgenda (a new version)                        │
//     └──cancel (reason)──▶ cancelled ◀──cancel (reason)┘                  publishMinutes ─▶ minutes_published

export const SESSION_TRANSITIONS = {
  publishAgenda: { from: ['draft', 'agenda_published'], to: 'agenda_published' },
  markHeld: { from: ['agenda_published'], to: 'held' },
  publishMinutes: { from: ['held'], to: 'minutes_published' },
  cancel: { from: ['draft', 'agenda_published'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly SessionStatus[]; to: SessionStatus }>;
export type SessionTransition = keyof typeof SESSION_TRANSITIONS;

/** Machine-readable refusals of a transition (409 problem `code`s; the web words them in kk/ru/en). */
export const SESSION_CODES = {
  notAllowed: 'session.transition_not_allowed',
  notStarted: 'session.not_started',
} as const;
export type SessionRefusalCode = (typeof SESSION_CODES)[keyof typeof SESSION_CODES];

export type TransitionResult =
  | { ok: true; to: SessionStatus }
  | { ok: false; code: SessionRefusalCode; params: Record<string, string> };

/**
 * Whether `action` may move a session now. `held` needs the start (its Almaty wall-clock time,
 * stored as `startUtc`) to have come: a session three weeks ahead cannot be marked held.
 */
export function sessionTransition(
  session: Pick<Session, 'status' | 'startUtc'>,
  action: SessionTransition,
  now: Date,
): TransitionResult {
  const t = SESSION_TRANSITIONS[action];
  if (!(t.from as readonly SessionStatus[]).includes(session.status))
    return { ok: false, code: SESSION_CODES.notAllowed, params: { from: session.status, action } };
  if (action === 'markHeld' && now.getTime() < Date.parse(session.startUtc))
    return { ok: false, code: SESSION_CODES.notStarted, params: { startsAt: session.startUtc } };
  return { ok: true, to: t.to };
}

export type CancelInput = { version: number; reason: string };

// Plain rules the web uses too; their own module keeps zod out of the browser's bundle.
export { isAgendaEditable, isUpcoming, moveEntry } from './session-rules';
