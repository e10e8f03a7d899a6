/**
 * Questions to government bodies: what a question is, what may be sent about it, and its status
 * machine. The legal clock itself (due dates, caps, windows) lives in `deadlines.ts`; this module
 * stays free of the holiday calendar so the web can use it cheaply.
 *
 *   received ──review──▶ in_review ──answer──▶ answered ──accept──▶ closed
 *      │  ╲                 │   ╲                  │
 *      │   ╲──extend (≤2 months)┴──▶ extended ─answer┘──dispute (≤30 days)──▶ reopened ──answer──▶ answered
 *      └──redirect (≤3 working days)──▶ redirected (clock restarts at the new body)
 */
import type { Attachment, HiddenPart } from './comments';
import type { DueBasis } from './deadlines';
import type { Lang } from './i18n-text';
import type { Flat } from './types';

export const QUESTION_STATUSES = [
  'received',
  'in_review',
  'extended',
  'redirected',
  'answered',
  'closed',
  'reopened',
] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** Actions that move a question from one status to another. */
export const QUESTION_TRANSITIONS = {
  review: { from: ['received', 'redirected', 'reopened'], to: 'in_review' },
  answer: { from: ['received', 'in_review', 'extended', 'redirected', 'reopened'], to: 'answered' },
  // APPK art. 76(2) does not limit the number of extensions: the two-month cap binds (deadlines.ts).
  extend: { from: ['received', 'in_review', 'extended', 'redirected'], to: 'extended' },
  redirect: { from: ['received', 'in_review', 'redirected'], to: 'redirected' },
  accept: { from: ['answered'], to: 'closed' },
  dispute: { from: ['answered'], to: 'reopened' },
} as const satisfies Record<string, { from: readonly QuestionStatus[]; to: QuestionStatus }>;
export type QuestionTransition = keyof typeof QUESTION_TRANSITIONS;

/** The status after `action`, or null when the action is illegal from `status`. */
export function nextStatus(status: QuestionStatus, action: QuestionTransition): QuestionStatus | null {
  const t = QUESTION_TRANSITIONS[action];
  return (t.from as readonly QuestionStatus[]).includes(status) ? t.to : null;
}

/** Still waiting for the body. */
export function isOpen(status: QuestionStatus): boolean {
  return (
    status === 'received' ||
    status === 'in_review' ||
    status === 'extended' ||
    status === 'redirected' ||
    status === 'reopened'
  );
}

/** The body has answered (the asker may or may not have accepted). */
export function isAnswered(status: QuestionStatus): boolean {
  return status === 'answered' || status === 'closed';
}

/** Open past its due date (`today` is an Almaty date). */
export function isOverdue(q: { status: QuestionStatus; dueOn: string }, today: string): boolean {
  return isOpen(q.status) && today > q.dueOn;
}

/** Statuses in which an answer exists and may be edited (each edit is a new version). */
export function canEditAnswer(status: QuestionStatus): boolean {
  return status === 'answered' || status === 'closed' || status === 'reopened';
}

/** Statuses in which the asker may rate the answer. */
export function canRate(status: QuestionStatus): boolean {
  return status === 'answered' || status === 'closed' || status === 'reopened';
}

export type RaiseQuestionInput = {
  text: string;
  fromCommentId?: string | undefined;
  lang?: Lang | undefined;
  showName?: boolean | undefined;
};

/** Law on Languages art. 11: an answer in kk or in the question's language needs no confirmation. */
export function isLawfulAnswerLanguage(questionLang: Lang | undefined, answerLang: Lang): boolean {
  return answerLang === 'kk' || answerLang === (questionLang ?? 'kk');
}

export type AnswerVersion = {
  version: number;
  kind: 'answer' | 'edit';
  text: string;
  lang?: Lang | undefined;
  bodyId: string;
  bySub: string;
  byName: string;
  at: string;
  attachments?: Attachment[] | undefined;
};

export type Extension = {
  reason: string;
  previousDueOn: string;
  newDueOn: string;
  on: string;
  bySub: string;
  noticeDueOn?: string | undefined;
  attachments?: Attachment[] | undefined;
};

export type QuestionHiddenPart = HiddenPart;

/** A redirect to the competent body (APPK art. 65), with the decision's documents. */
export type Redirect = {
  fromBodyId: string;
  toBodyId: string;
  reason: string;
  on: string;
  bySub: string;
  attachments?: Attachment[] | undefined;
};

export type Question = {
  id: string;
  itemId: string;
  itemTitle?: Record<string, string> | undefined;
  bodyId: string;
  askerSub: string;
  askerName: string;
  showName?: boolean | undefined;
  text: string;
  lang?: Lang | undefined;
  fromCommentId?: string | undefined;
  attachments?: string[] | undefined;
  status: QuestionStatus;
  receivedOn: string;
  dueOn: string;
  answeredOn?: string | undefined;
  answeredLate?: boolean | undefined;
  registeredOn?: string | undefined;
  extension?: Extension | undefined;
  extensions?: Extension[] | undefined;
  redirects: Redirect[];
  answers: AnswerVersion[];
  threadCommentId?: string | undefined;
  dispute?: { reason: string; on: string } | undefined;
  rating?: number | undefined;
  closedOn?: string | undefined;
  createdAt: string;
  updatedAt: string;
  version: number;
  hiddenParts?: Record<string, QuestionHiddenPart> | undefined;
  eotinish?: { number: string; registeredOn: string; recordedOn: string } | undefined;
};

/**
 * What the API returns: the stored question without any account id (the asker by display name or a
 * pseudonym), plus the clock read for today.
 */
export type QuestionView = Flat<
  Omit<Question, 'askerSub' | 'hiddenParts' | 'answers' | 'extension' | 'extensions' | 'redirects'> & {
    askerPseudonymous: boolean;
    mine: boolean;
    hidden?: QuestionHiddenPart | undefined;
    answers: Flat<Omit<AnswerVersion, 'bySub'> & { hidden?: QuestionHiddenPart | undefined }>[];
    extension?: Omit<Extension, 'bySub'> | undefined;
    extensions?: Omit<Extension, 'bySub'>[] | undefined;
    redirects: Omit<Redirect, 'bySub'>[];
    overdue: boolean;
    dueSoon: boolean;
    dueBasis?: DueBasis | undefined;
  }
>;

export type BodyResponsiveness = {
  bodyId: string;
  received: number;
  answeredOnTime: number;
  answeredLate: number;
  overdueNow: number;
  answeredInOtherLanguage: number;
  medianDaysToAnswer: number | null;
  averageRating: number | null;
  onTimeRate: number | null;
};

/** Rates are shown only from this many questions up. */
export const MIN_SAMPLE_FOR_RATES = 5;
