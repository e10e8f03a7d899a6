/**
 * Club sessions: a meeting of activists and officials at the "Antikor" centre, carried from the
 * draft agenda to the follow-up of every recommendation. The agenda is built from map items (and
 * optionally a question raised on one); the outcome of each agenda entry is a decision and
 * recommendations addressed to government bodies, each followed up until done.
 *
 * Times: a session starts at an Almaty wall-clock time (`startsAt`, "YYYY-MM-DDTHH:mm"); the
 * instant (`startUtc`) is derived with the Asia/Almaty zone so calendars and ordering agree.
 */

import { z as zodSchema } from 'zod';
import { Attachment, FileRefs, MAX_ATTACHMENTS_PER_COMMENT } from './comments';
import { type CalendarCheck, checkCalendarDate, checkCalendarDateTime, TIME_ZONE } from './dates';
import { IsoDate, Ulid } from './item';

export const SESSION_STATUSES = [
  'draft',
  'agenda_published',
  'held',
  'minutes_published',
  'cancelled',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_FORMATS = ['in_person', 'broadcast'] as const;
export const FOLLOW_UP_STATUSES = ['open', 'done', 'overdue'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const BodyId = zodSchema.string().regex(/^[a-z0-9-]{2,64}$/, 'a body id like "zha-roads"');
/** Adds a coded issue for a calendar value that is not real or not in range. */
const calendarIssue =
  (check: (v: string) => CalendarCheck, what: string) => (value: string, ctx: zodSchema.RefinementCtx) => {
    const r = check(value);
    // A value of the wrong shape already has its format issue; this one is about real days only.
    if (r.ok || (r.code === 'date.invalid' && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(value))) return;
    ctx.addIssue({
      code: 'custom',
      message:
        r.code === 'date.invalid'
          ? `not a real ${what}`
          : `out of range (${r.params.earliest} to ${r.params.latest})`,
      params: { code: r.code, ...r.params },
    });
  };

/** Almaty wall-clock time of a session's start, minutes precision, on a real day (Temporal-checked). */
export const AlmatyDateTime = zodSchema
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'a local date-time like "2026-12-10T15:00"')
  .superRefine(calendarIssue(checkCalendarDateTime, 'date and time'));
/** A date a client sends (a due date): a real day in a sane range. Stored records use IsoDate. */
export const CalendarDate = IsoDate.superRefine(calendarIssue(checkCalendarDate, 'date'));
/** Time of day of an agenda slot. */
export const ClockTime = zodSchema.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like "15:20"');
const text = (max: number) => zodSchema.string().trim().min(1).max(max);

/**
 * The club's own content as a client sends it: Kazakh and Russian (English optional), or, from a
 * client written before the bilingual model, one string (read as the language it is written in:
 * shared/club-text.ts).
 */
const clubText = (max: number) =>
  zodSchema.union([
    text(max),
    zodSchema.object({ kk: text(max), ru: text(max), en: text(max).optional() }).strict(),
  ]);
/** The same as stored: a string, or any of kk/ru/en. */
export const ClubTextRecord = zodSchema.union([
  zodSchema.string(),
  zodSchema.object({
    kk: zodSchema.string().optional(),
    ru: zodSchema.string().optional(),
    en: zodSchema.string().optional(),
  }),
]);

export const Participant = zodSchema.object({
  kind: zodSchema.enum(['member', 'official']),
  name: text(200),
  /** The body an invited official speaks for. */
  bodyId: BodyId.optional(),
});
export type Participant = zodSchema.infer<typeof Participant>;

export const SessionDetails = zodSchema.object({
  title: clubText(300),
  startsAt: AlmatyDateTime,
  durationMinutes: zodSchema.number().int().min(15).max(600),
  venue: clubText(300),
  format: zodSchema.enum(SESSION_FORMATS),
  /** Broadcast link; required when the format is "broadcast". */
  link: zodSchema
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  participants: zodSchema.array(Participant).max(100).default([]),
});

export const SessionInput = SessionDetails.refine((s) => s.format !== 'broadcast' || s.link, {
  message: 'a broadcast needs a link',
  path: ['link'],
});
export type SessionInput = zodSchema.infer<typeof SessionInput>;

/** Every edit of a session carries the version it was based on; a stale one is refused. */
const Version = zodSchema.number().int().min(1);
export const Versioned = zodSchema.object({ version: Version });

// Spelled out, not `Versioned.shape`: a property read at load time keeps zod in the web bundle.
export const SessionPatch = SessionDetails.partial().extend({ version: Version });
export type SessionPatch = zodSchema.infer<typeof SessionPatch>;

const EntryMinutes = zodSchema.number().int().min(1).max(240);

export const EntryFields = zodSchema.object({
  /** How long the entry takes; its start follows from the order (shared/agenda-timing.ts). */
  minutes: EntryMinutes.optional(),
  /**
   * The entry's slot: computed by the server from the order and the lengths on every change. A
   * client that still sends one has its `minutes` taken as the length and its `start` ignored.
   */
  slot: zodSchema.object({ start: ClockTime, minutes: EntryMinutes }).optional(),
  presenter: text(200).optional(),
  /** Government body invited to answer. */
  bodyId: BodyId.optional(),
  notes: zodSchema.union([zodSchema.string().trim().max(2000), clubText(2000)]).optional(),
});

/** A new agenda entry; the invited body defaults to the question's (else the item's) body. */
export const NewEntry = EntryFields.extend({ itemId: Ulid, questionId: Ulid.optional() });
export type NewEntry = zodSchema.infer<typeof NewEntry>;

export const Recommendation = zodSchema.object({
  id: Ulid,
  sessionId: Ulid,
  entryId: Ulid,
  itemId: Ulid,
  questionId: Ulid.optional(),
  bodyId: BodyId,
  text: ClubTextRecord,
  due: IsoDate,
  /** Stored status; "overdue" is derived (see followUpStatus), never stored. */
  status: zodSchema.enum(['open', 'done']),
  evidence: zodSchema.string().trim().max(2000).optional(),
  /**
   * The body's documents of its follow-ups (issue 19, item 5), every one kept as the public sees it
   * (the URLs are the API's stable paths; nothing in them is private), oldest first.
   */
  documents: zodSchema.array(Attachment).optional(),
  doneAt: zodSchema.iso.datetime().optional(),
  /**
   * The club's check of the body's "done" (issue 21): confirmed, or contested with the reason (a
   * contested recommendation is open again). Cleared when the body marks it done anew.
   */
  verification: zodSchema
    .object({
      verdict: zodSchema.enum(['confirmed', 'contested']),
      reason: zodSchema.string().optional(),
      byName: zodSchema.string(),
      at: zodSchema.iso.datetime(),
    })
    .optional(),
  /** Session shown next to the recommendation on the item. */
  sessionTitle: ClubTextRecord,
  sessionStartsAt: AlmatyDateTime,
});
export type Recommendation = zodSchema.infer<typeof Recommendation>;

export const RecommendationView = Recommendation.extend({ followUp: zodSchema.enum(FOLLOW_UP_STATUSES) });
export type RecommendationView = zodSchema.infer<typeof RecommendationView>;

export const RecommendationInput = zodSchema.object({
  /** Present when editing a recommendation already recorded. */
  id: Ulid.optional(),
  bodyId: BodyId,
  text: clubText(2000),
  due: CalendarDate,
});

export const OutcomeInput = Versioned.extend({
  decision: clubText(5000),
  recommendations: zodSchema.array(RecommendationInput).max(20).default([]),
});
export type OutcomeInput = zodSchema.infer<typeof OutcomeInput>;

export const FollowUpInput = zodSchema
  .object({
    status: zodSchema.enum(['open', 'done']),
    evidence: zodSchema.string().trim().max(2000).optional(),
    /**
     * Photos and PDFs (an act of acceptance, a signed letter) the official uploaded (POST /uploads):
     * their own finalized files not used anywhere else; added to the recommendation's documents.
     */
    documents: FileRefs(MAX_ATTACHMENTS_PER_COMMENT).optional(),
  })
  .refine((f) => f.status !== 'done' || f.evidence, {
    message: 'evidence of completion is required to mark a recommendation done',
    path: ['evidence'],
  });

/** The club's verdict on a recommendation the body marked done; contesting needs the reason. */
export const VerifyFollowUpInput = zodSchema
  .object({
    verdict: zodSchema.enum(['confirmed', 'contested']),
    reason: zodSchema.string().trim().min(3).max(2000).optional(),
  })
  .strict()
  .refine((v) => v.verdict !== 'contested' || v.reason, {
    message: 'say why the work is not done',
    path: ['reason'],
  });
export type VerifyFollowUpInput = zodSchema.infer<typeof VerifyFollowUpInput>;

export const Outcome = zodSchema.object({
  decision: ClubTextRecord,
  recommendationIds: zodSchema.array(Ulid),
});

export const AgendaEntry = EntryFields.extend({
  notes: ClubTextRecord.optional(),
  /** The entry's part of the session's recording: an https link and the time of day it starts (issue 21). */
  recording: zodSchema.object({ url: zodSchema.string(), start: ClockTime }).optional(),
  id: Ulid,
  itemId: Ulid,
  questionId: Ulid.optional(),
  outcome: Outcome.optional(),
});
export type AgendaEntry = zodSchema.infer<typeof AgendaEntry>;

export const Attendee = zodSchema.object({
  name: text(200),
  bodyId: BodyId.optional(),
  present: zodSchema.boolean(),
});
export const MinutesInput = Versioned.extend({
  text: clubText(20000),
  attendance: zodSchema.array(Attendee).max(200),
  // The record's heading (issue 21, deliver 4): optional so clients written before it still publish.
  // Written out, not spread from a shared object: a spread makes the bundler keep the whole schema
  // (and zod) in the web app, which imports this module's plain rules only (web/build/pureSchemas.ts).
  /** The protocol's number as the club numbers them ("7", "2026/7"). */
  protocolNumber: zodSchema.string().trim().min(1).max(50).optional(),
  chairName: text(200).optional(),
  secretaryName: text(200).optional(),
});
/**
 * The secretary sets an entry's recording link after the session: https only (a link readers follow
 * from the agenda, the minutes and the item), and the real time of day it starts, within the session.
 */
export const RecordingInput = zodSchema
  .object({
    version: Version,
    url: zodSchema.url({ protocol: /^https$/ }).max(500),
    start: ClockTime,
  })
  .strict();
export type RecordingInput = zodSchema.infer<typeof RecordingInput>;

/** A correction of published minutes: the whole new text and why it was corrected. */
export const MinutesCorrectionInput = MinutesInput.extend({
  reason: zodSchema.string().trim().min(3).max(2000),
});
export type MinutesCorrectionInput = zodSchema.infer<typeof MinutesCorrectionInput>;
export const Minutes = zodSchema.object({
  text: ClubTextRecord,
  attendance: zodSchema.array(Attendee),
  publishedAt: zodSchema.iso.datetime(),
  /** The version of the minutes record this is (1 = first publication; each correction adds one). */
  version: zodSchema.number().int().optional(),
  protocolNumber: zodSchema.string().optional(),
  chairName: zodSchema.string().optional(),
  secretaryName: zodSchema.string().optional(),
  /** Members present needed (the club's settings at publication) and present (attendance without a body). */
  quorumRequired: zodSchema.number().int().optional(),
  quorumPresent: zodSchema.number().int().optional(),
  correction: zodSchema.object({ reason: zodSchema.string(), at: zodSchema.iso.datetime() }).optional(),
});

/**
 * One version of the minutes as a record: the heading, attendance of members and of the invited
 * bodies' officials, and per agenda entry the decision and the recommendations, as published.
 * Immutable: a correction writes the next version; every version stays readable.
 */
export const MinutesVersion = Minutes.extend({
  sessionId: Ulid,
  version: zodSchema.number().int().min(1),
  publishedByName: zodSchema.string(),
  officials: zodSchema.array(
    zodSchema.object({
      bodyId: BodyId,
      answer: zodSchema.string().optional(),
      present: zodSchema.boolean().optional(),
      name: zodSchema.string().optional(),
    }),
  ),
  entries: zodSchema.array(
    zodSchema.object({
      entryId: Ulid,
      itemId: Ulid,
      questionId: Ulid.optional(),
      bodyId: zodSchema.string().optional(),
      decision: ClubTextRecord.optional(),
      recommendations: zodSchema.array(
        zodSchema.object({ id: Ulid, bodyId: BodyId, text: ClubTextRecord, due: IsoDate }),
      ),
    }),
  ),
});
export type MinutesVersion = zodSchema.infer<typeof MinutesVersion>;

/** The club's settings (the secretary keeps them): the quorum the minutes check. */
export const ClubSettings = zodSchema.object({
  quorumRequired: zodSchema.number().int().min(1).max(200),
});
export type ClubSettings = zodSchema.infer<typeof ClubSettings>;

export const Session = zodSchema.object({
  id: Ulid,
  title: ClubTextRecord,
  startsAt: AlmatyDateTime,
  startUtc: zodSchema.iso.datetime(),
  durationMinutes: zodSchema.number().int(),
  venue: ClubTextRecord,
  format: zodSchema.enum(SESSION_FORMATS),
  link: zodSchema.string().optional(),
  participants: zodSchema.array(Participant),
  status: zodSchema.enum(SESSION_STATUSES),
  /** Optimistic-concurrency version of the working copy; every edit bumps it. */
  version: zodSchema.number().int(),
  /** Number of the latest published agenda (0 while none is). */
  agendaVersion: zodSchema.number().int(),
  entries: zodSchema.array(AgendaEntry),
  minutes: Minutes.optional(),
  /** Set when cancelled: why (shown to members). */
  cancellation: zodSchema.object({ reason: zodSchema.string(), at: zodSchema.iso.datetime() }).optional(),
  updatedAt: zodSchema.iso.datetime(),
});
export type Session = zodSchema.infer<typeof Session>;

/** An agenda as published: an immutable record, one per publication. */
export const AgendaVersion = zodSchema.object({
  sessionId: Ulid,
  version: zodSchema.number().int(),
  changeNote: zodSchema.string(),
  publishedAt: zodSchema.iso.datetime(),
  publishedBy: zodSchema.string(),
  title: ClubTextRecord,
  startsAt: AlmatyDateTime,
  venue: ClubTextRecord,
  entries: zodSchema.array(AgendaEntry),
});
export type AgendaVersion = zodSchema.infer<typeof AgendaVersion>;

export const PublishAgendaInput = Versioned.extend({
  changeNote: zodSchema.string().trim().max(1000).default(''),
});

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

export const CancelInput = Versioned.extend({ reason: zodSchema.string().trim().min(3).max(1000) });
export type CancelInput = zodSchema.infer<typeof CancelInput>;

// Plain rules the web uses too; their own module keeps zod out of the browser's bundle.
export { isAgendaEditable, isUpcoming, moveEntry } from './session-rules';
