/**
 * Site visits (public monitoring): what someone saw on the ground at an item, point by point, and
 * whether it matches the item's reported status and milestones. Visits are public; where the
 * visitor stood is not: a position is kept privately and only its distance to the item is shown,
 * worded as what it is (a phone's report, not verified).
 */
import type { Attachment } from './comments';
import type { Flat } from './types';
import type { CheckPoint, CheckResult, Verdict } from './visit-checklist';

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

export type VisitCheck = {
  point: CheckPoint;
  result: CheckResult;
  note?: string | undefined;
  photos: string[];
};

/** A check as the API shows it: its photos with their details, not only their keys. */
export type VisitCheckView = Flat<Omit<VisitCheck, 'photos'> & { photos: Attachment[] }>;

export type ReportedPosition = { lat: number; lon: number; accuracy: number; at?: string | undefined };

export type MilestoneStance = { milestoneId: string; stance: 'confirm' | 'contest' };

export type VisitInput = {
  visitedOn: string;
  checks: VisitCheck[];
  verdict: Verdict;
  note?: string | undefined;
  milestone?: MilestoneStance | undefined;
  updateId?: string | undefined;
  position?: ReportedPosition | undefined;
  positionConsent?: string | undefined;
};

/** A visit is "on site" when a position is reported this close to the item's point or line. */
export const ON_SITE_METRES = 1000;
/** A position less precise than this says nothing about being on site. */
export const MAX_USEFUL_ACCURACY_METRES = 1000;

export type PresenceSignal = {
  source: 'phone' | 'photo';
  withinMetres: number;
  accuracyMetres?: number | undefined;
  onSite: boolean;
  takenOn?: 'visit_day' | 'other_day' | undefined;
};

export type VisitView = {
  id: string;
  itemId: string;
  visitedOn: string;
  recordedAt: string;
  visitorName: string;
  mine?: boolean | undefined;
  checks: VisitCheckView[];
  verdict: Verdict;
  note?: string | undefined;
  milestone?: MilestoneStance | undefined;
  updateId?: string | undefined;
  foundProblems: boolean;
  presence: PresenceSignal[];
  onSite: boolean;
};

export type VisitSummary = {
  visits: number;
  withProblems: number;
  onSite: number;
  milestones: { milestoneId: string; confirmed: number; contested: number }[];
};

export type VisitList = { summary: VisitSummary; visits: VisitView[] };

export function visitFoundProblems(v: Pick<VisitInput, 'checks' | 'verdict'>): boolean {
  return v.verdict === 'does_not_match' || v.checks.some((c) => c.result === 'problem');
}

const STEPS = [50, 100, 200, 300, 500, 1000];

/** A distance shown as a bound: 237 m → 300; 1 400 m → 2 000; never more precise than 50 m. */
export function roundUpDistance(metres: number): number {
  for (const s of STEPS) if (metres <= s) return s;
  return Math.ceil(metres / 1000) * 1000;
}
