/** The zod schemas of shared/visits.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import { CHECK_POINTS, CHECK_RESULTS, VERDICTS } from '../../../shared/visit-checklist';
import type * as Shared from '../../../shared/visits';
import { MAX_VISIT_NOTE, MAX_VISIT_PHOTOS } from '../../../shared/visits';
import type { Equal, Expect } from './assert-equal';
import { Attachment } from './comments';
import { Ulid } from './item';

const Note = zodSchema.string().trim().max(MAX_VISIT_NOTE);

export const VisitCheck = zodSchema
  .object({
    point: zodSchema.enum(CHECK_POINTS),
    result: zodSchema.enum(CHECK_RESULTS),
    note: Note.optional(),
    /** Finalized uploads (POST /api/uploads … /finalize) of the visitor, claimed by the visit. */
    photos: zodSchema.array(Ulid).max(MAX_VISIT_PHOTOS).default([]),
  })
  .strict();
export type VisitCheck = zodSchema.infer<typeof VisitCheck>;
type _VisitCheckAgrees = Expect<Equal<VisitCheck, Shared.VisitCheck>>;

/**
 * The phone's position as the browser's Geolocation API gave it when a photo was attached.
 * Stored privately; never returned.
 */
export const ReportedPosition = zodSchema
  .object({
    lat: zodSchema.number().min(-90).max(90),
    lon: zodSchema.number().min(-180).max(180),
    /** The API's accuracy radius in metres (95 % confidence). */
    accuracy: zodSchema.number().min(0).max(100_000),
    /** When the browser read it (ISO date-time). */
    at: zodSchema.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type ReportedPosition = zodSchema.infer<typeof ReportedPosition>;
type _ReportedPositionAgrees = Expect<Equal<ReportedPosition, Shared.ReportedPosition>>;

export const MilestoneStance = zodSchema
  .object({
    milestoneId: zodSchema.string().min(1).max(64),
    stance: zodSchema.enum(['confirm', 'contest']),
  })
  .strict();
export type MilestoneStance = zodSchema.infer<typeof MilestoneStance>;
type _MilestoneStanceAgrees = Expect<Equal<MilestoneStance, Shared.MilestoneStance>>;

export const VisitInput = zodSchema
  .object({
    /** The day of the visit (Asia/Almaty); a visit saved offline is sent later with its own day. */
    visitedOn: zodSchema.iso.date(),
    checks: zodSchema.array(VisitCheck).min(1).max(CHECK_POINTS.length),
    verdict: zodSchema.enum(VERDICTS),
    note: Note.optional(),
    /** Confirm or contest a milestone the item reports as met. */
    milestone: MilestoneStance.optional(),
    /** An official's progress update this visit checks: its verdict or stance confirms or contests it. */
    updateId: Ulid.optional(),
    position: ReportedPosition.optional(),
    /**
     * The version of the positions consent (shared/consents.ts) the visitor agreed to in the form:
     * a visit saved offline carries the consent with it. Without a current consent (here or stored),
     * the hub keeps no position and shows no distance.
     */
    positionConsent: zodSchema.string().min(1).max(40).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.checks.forEach((c, i) => {
      if (seen.has(c.point))
        ctx.addIssue({ code: 'custom', path: ['checks', i, 'point'], message: 'each point once' });
      seen.add(c.point);
    });
    const photos = v.checks.flatMap((c) => c.photos);
    if (photos.length > MAX_VISIT_PHOTOS)
      ctx.addIssue({ code: 'custom', path: ['checks'], message: `at most ${MAX_VISIT_PHOTOS} photos` });
    if (new Set(photos).size !== photos.length)
      ctx.addIssue({ code: 'custom', path: ['checks'], message: 'a photo belongs to one point' });
  });
export type VisitInput = zodSchema.infer<typeof VisitInput>;
type _VisitInputAgrees = Expect<Equal<VisitInput, Shared.VisitInput>>;

/**
 * One presence signal, as the public sees it: how far from the item, never where.
 * `phone`: the browser's position; `photo`: a photo's EXIF GPS (read before the photo was stripped).
 */
export const PresenceSignal = zodSchema.object({
  source: zodSchema.enum(['phone', 'photo']),
  /** The distance rounded up to a step (50 m, 100 m, 200 m, 300 m, 500 m, 1 km, then whole km). */
  withinMetres: zodSchema.number().int(),
  /** The phone's own accuracy radius, rounded up the same way (phone only). */
  accuracyMetres: zodSchema.number().int().optional(),
  onSite: zodSchema.boolean(),
  /**
   * Photo only, when its EXIF gives a capture time: whether it was taken on the visit's date. A
   * photo taken on another day does not place this visit on site, however near it was.
   */
  takenOn: zodSchema.enum(['visit_day', 'other_day']).optional(),
});
export type PresenceSignal = zodSchema.infer<typeof PresenceSignal>;
type _PresenceSignalAgrees = Expect<Equal<PresenceSignal, Shared.PresenceSignal>>;

export const VisitCheckView = zodSchema.object({
  point: zodSchema.enum(CHECK_POINTS),
  result: zodSchema.enum(CHECK_RESULTS),
  note: zodSchema.string().optional(),
  photos: zodSchema.array(Attachment),
});
type _VisitCheckViewAgrees = Expect<Equal<zodSchema.infer<typeof VisitCheckView>, Shared.VisitCheckView>>;

export const VisitView = zodSchema.object({
  id: Ulid,
  itemId: Ulid,
  visitedOn: zodSchema.string(),
  recordedAt: zodSchema.string(),
  visitorName: zodSchema.string(),
  /** The viewer recorded this visit. */
  mine: zodSchema.boolean().optional(),
  checks: zodSchema.array(VisitCheckView),
  verdict: zodSchema.enum(VERDICTS),
  note: zodSchema.string().optional(),
  milestone: MilestoneStance.optional(),
  /** The official's progress update the visit checked. */
  updateId: Ulid.optional(),
  /** Some point is a problem, or the verdict is "does not match". */
  foundProblems: zodSchema.boolean(),
  presence: zodSchema.array(PresenceSignal),
  /** Some signal places the visitor within ON_SITE_METRES of the item. */
  onSite: zodSchema.boolean(),
});
export type VisitView = zodSchema.infer<typeof VisitView>;
type _VisitViewAgrees = Expect<Equal<VisitView, Shared.VisitView>>;

export const MilestoneGround = zodSchema.object({
  milestoneId: zodSchema.string(),
  confirmed: zodSchema.number().int(),
  contested: zodSchema.number().int(),
});

/** The item's visit counts: "visited 4 times, 3 found problems"; "confirmed on site by N people". */
export const VisitSummary = zodSchema.object({
  visits: zodSchema.number().int(),
  withProblems: zodSchema.number().int(),
  onSite: zodSchema.number().int(),
  milestones: zodSchema.array(MilestoneGround),
});
export type VisitSummary = zodSchema.infer<typeof VisitSummary>;
type _VisitSummaryAgrees = Expect<Equal<VisitSummary, Shared.VisitSummary>>;

export const VisitList = zodSchema.object({
  summary: VisitSummary,
  visits: zodSchema.array(VisitView),
});
export type VisitList = zodSchema.infer<typeof VisitList>;
type _VisitListAgrees = Expect<Equal<VisitList, Shared.VisitList>>;

export * from '../../../shared/visits';
