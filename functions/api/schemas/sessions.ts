/** The zod schemas of shared/sessions.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import { type CalendarCheck, checkCalendarDate, checkCalendarDateTime } from '../../../shared/dates';
import type * as Shared from '../../../shared/sessions';
import { FOLLOW_UP_STATUSES, SESSION_FORMATS, SESSION_STATUSES } from '../../../shared/sessions';
import type { Equal, Expect } from './assert-equal';
import { Attachment, FileRefs, MAX_ATTACHMENTS_PER_COMMENT } from './comments';
import { IsoDate, Ulid } from './item';

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
export const clubText = (max: number) =>
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
type _ParticipantAgrees = Expect<Equal<Participant, Shared.Participant>>;

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
type _SessionInputAgrees = Expect<Equal<SessionInput, Shared.SessionInput>>;

/** Every edit of a session carries the version it was based on; a stale one is refused. */
const Version = zodSchema.number().int().min(1);

export const Versioned = zodSchema.object({ version: Version });

export const SessionPatch = SessionDetails.partial().extend({ version: Version });
export type SessionPatch = zodSchema.infer<typeof SessionPatch>;
type _SessionPatchAgrees = Expect<Equal<SessionPatch, Shared.SessionPatch>>;

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
type _NewEntryAgrees = Expect<Equal<NewEntry, Shared.NewEntry>>;

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
type _RecommendationAgrees = Expect<Equal<Recommendation, Shared.Recommendation>>;

export const RecommendationView = Recommendation.extend({ followUp: zodSchema.enum(FOLLOW_UP_STATUSES) });
export type RecommendationView = zodSchema.infer<typeof RecommendationView>;
type _RecommendationViewAgrees = Expect<Equal<RecommendationView, Shared.RecommendationView>>;

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
type _OutcomeInputAgrees = Expect<Equal<OutcomeInput, Shared.OutcomeInput>>;

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
type _VerifyFollowUpInputAgrees = Expect<Equal<VerifyFollowUpInput, Shared.VerifyFollowUpInput>>;

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
type _AgendaEntryAgrees = Expect<Equal<AgendaEntry, Shared.AgendaEntry>>;

export const Attendee = zodSchema.object({
  name: text(200),
  bodyId: BodyId.optional(),
  present: zodSchema.boolean(),
});
type _AttendeeAgrees = Expect<Equal<zodSchema.infer<typeof Attendee>, Shared.Attendee>>;

export const MinutesInput = Versioned.extend({
  text: clubText(20000),
  attendance: zodSchema.array(Attendee).max(200),
  // The record's heading (issue 21, deliver 4): optional so clients written before it still publish.
  /** The protocol's number as the club numbers them ("7", "2026/7"). */
  protocolNumber: zodSchema.string().trim().min(1).max(50).optional(),
  chairName: text(200).optional(),
  secretaryName: text(200).optional(),
});
type _MinutesInputAgrees = Expect<Equal<zodSchema.infer<typeof MinutesInput>, Shared.MinutesInput>>;

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
type _RecordingInputAgrees = Expect<Equal<RecordingInput, Shared.RecordingInput>>;

/** A correction of published minutes: the whole new text and why it was corrected. */
export const MinutesCorrectionInput = MinutesInput.extend({
  reason: zodSchema.string().trim().min(3).max(2000),
});
export type MinutesCorrectionInput = zodSchema.infer<typeof MinutesCorrectionInput>;
type _MinutesCorrectionInputAgrees = Expect<Equal<MinutesCorrectionInput, Shared.MinutesCorrectionInput>>;

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
type _MinutesAgrees = Expect<Equal<zodSchema.infer<typeof Minutes>, Shared.Minutes>>;

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
type _MinutesVersionAgrees = Expect<Equal<MinutesVersion, Shared.MinutesVersion>>;

/** The club's settings (the secretary keeps them): the quorum the minutes check. */
export const ClubSettings = zodSchema.object({
  quorumRequired: zodSchema.number().int().min(1).max(200),
});
export type ClubSettings = zodSchema.infer<typeof ClubSettings>;
type _ClubSettingsAgrees = Expect<Equal<ClubSettings, Shared.ClubSettings>>;

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
type _SessionAgrees = Expect<Equal<Session, Shared.Session>>;

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
type _AgendaVersionAgrees = Expect<Equal<AgendaVersion, Shared.AgendaVersion>>;

export const PublishAgendaInput = Versioned.extend({
  changeNote: zodSchema.string().trim().max(1000).default(''),
});

export const CancelInput = Versioned.extend({ reason: zodSchema.string().trim().min(3).max(1000) });
export type CancelInput = zodSchema.infer<typeof CancelInput>;
type _CancelInputAgrees = Expect<Equal<CancelInput, Shared.CancelInput>>;

export * from '../../../shared/sessions';
