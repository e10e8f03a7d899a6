/**
 * Site visits (public monitoring): what someone saw on the ground at an item, point by point, and
 * whether it matches the item's reported status and milestones. Visits are public; where the
 * visitor stood is not: a position is kept privately and only its distance to the item is shown,
 * worded as what it is (a phone's report, not verified).
 */
import { z as zodSchema } from 'zod';
import { Attachment } from './comments';
import { Ulid } from './item';
import { CHECK_POINTS, CHECK_RESULTS, VERDICTS } from './visit-checklist';

/** Points checked on every kind of works. The signboard (contractor, deadline) is mandatory on sites. */
export {
  BUILDING_POINTS,
  CHECK_POINTS,
  CHECK_RESULTS,
  type CheckPoint,
  type CheckResult,
  COMMON_POINTS,
  checklistFor,
  ROAD_POINTS,
  VERDICTS,
  type Verdict,
  WATER_POINTS,
} from './visit-checklist';

export const MAX_VISIT_PHOTOS = 10;
export const MAX_VISIT_NOTE = 2000;

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

export const MilestoneStance = zodSchema
  .object({
    milestoneId: zodSchema.string().min(1).max(64),
    stance: zodSchema.enum(['confirm', 'contest']),
  })
  .strict();
export type MilestoneStance = zodSchema.infer<typeof MilestoneStance>;

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

/** A visit is "on site" when a position is reported this close to the item's point or line. */
export const ON_SITE_METRES = 1000;
/** A position less precise than this says nothing about being on site. */
export const MAX_USEFUL_ACCURACY_METRES = 1000;

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

export const VisitCheckView = zodSchema.object({
  point: zodSchema.enum(CHECK_POINTS),
  result: zodSchema.enum(CHECK_RESULTS),
  note: zodSchema.string().optional(),
  photos: zodSchema.array(Attachment),
});

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

export const VisitList = zodSchema.object({
  summary: VisitSummary,
  visits: zodSchema.array(VisitView),
});
export type VisitList = zodSchema.infer<typeof VisitList>;

export function visitFoundProblems(v: Pick<VisitInput, 'checks' | 'verdict'>): boolean {
  return v.verdict === 'does_not_match' || v.checks.some((c) => c.result === 'problem');
}

const STEPS = [50, 100, 200, 300, 500, 1000];

/** A distance shown as a bound: 237 m → 300; 1 400 m → 2 000; never more precise than 50 m. */
export function roundUpDistance(metres: number): number {
  for (const s of STEPS) if (metres <= s) return s;
  return Math.ceil(metres / 1000) * 1000;
}
