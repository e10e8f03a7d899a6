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
import { z } from 'zod';
import { LANGS, type Lang } from './i18n-text';
import { IsoDate, Ulid } from './item';
import { CalendarDate } from './sessions';

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

export const BodyId = z.string().regex(/^[a-z0-9-]{2,64}$/, 'a body id like "zha-roads"');
const Text = (max: number, min = 1) => z.string().trim().min(min).max(max);

export const RaiseQuestionInput = z.object({
  text: Text(5000, 10),
  /** The thread comment this question was promoted from, if any. */
  fromCommentId: z.string().min(1).max(64).optional(),
  /** Upload keys of attachments already stored (attachments issue). */
  attachments: z.array(z.string().min(1).max(300)).max(5).optional(),
  /** The question's language, picked by the asker (the web sends the interface's); kk when absent. */
  lang: z.enum(LANGS).optional(),
  /** Show the asker's display name publicly; otherwise the public sees a pseudonym for this question. */
  showName: z.boolean().optional(),
});
export type RaiseQuestionInput = z.infer<typeof RaiseQuestionInput>;

export const AnswerInput = z.object({
  text: Text(10000),
  /** The answer's language, picked by the official; the question's when absent. */
  lang: z.enum(LANGS).optional(),
  /**
   * Law on Languages No. 151-I art. 11: a body answers in the state language (kk) or the appeal's.
   * Any other language is refused with 409 `question.answer_language_unconfirmed` until the official
   * confirms it here.
   */
  confirmLanguage: z.boolean().optional(),
});

/** Law on Languages art. 11: an answer in kk or in the question's language needs no confirmation. */
export function isLawfulAnswerLanguage(questionLang: Lang | undefined, answerLang: Lang): boolean {
  return answerLang === 'kk' || answerLang === (questionLang ?? 'kk');
}
export const ExtendInput = z.object({ reason: Text(2000, 10), newDueOn: CalendarDate });
export const RedirectInput = z.object({ toBodyId: BodyId, reason: Text(2000, 10) });
export const DisputeInput = z.object({ reason: Text(2000, 10) });
export const RateInput = z.object({ rating: z.number().int().min(1).max(5) });

export const AnswerVersion = z.object({
  /** 1, 2, 3… across the question's life; a re-answer after a dispute and an edit each add one. */
  version: z.number().int().min(1),
  kind: z.enum(['answer', 'edit']),
  text: z.string(),
  /** The language the official answered in (absent on answers stored before it was recorded). */
  lang: z.enum(LANGS).optional(),
  bodyId: z.string(),
  bySub: z.string(),
  byName: z.string(),
  at: z.iso.datetime(),
});
export type AnswerVersion = z.infer<typeof AnswerVersion>;

export const Extension = z.object({
  reason: z.string(),
  previousDueOn: IsoDate,
  newDueOn: IsoDate,
  on: IsoDate,
  bySub: z.string(),
  /** APPK art. 76(2): the applicant is told within 3 working days of the extension. */
  noticeDueOn: IsoDate.optional(),
});
export type Extension = z.infer<typeof Extension>;

export const Question = z.object({
  id: Ulid,
  itemId: Ulid,
  /** The item's title when the question was raised, for lists ("my questions", the inbox). */
  itemTitle: z.record(z.string(), z.string()).optional(),
  /** The body that must answer now (changes on redirect). */
  bodyId: z.string(),
  askerSub: z.string(),
  askerName: z.string(),
  /** The asker chose to show their name publicly (absent on questions raised before the choice existed: no). */
  showName: z.boolean().optional(),
  text: z.string(),
  /** The question's language (Law on Languages art. 11); absent on questions stored before it. */
  lang: z.enum(LANGS).optional(),
  fromCommentId: z.string().optional(),
  attachments: z.array(z.string()).optional(),
  status: z.enum(QUESTION_STATUSES),
  /** The Almaty date it arrived at the current body (restarts on redirect). */
  receivedOn: IsoDate,
  dueOn: IsoDate,
  /** Due date when first answered: decides "on time" for good. */
  answeredOn: IsoDate.optional(),
  answeredLate: z.boolean().optional(),
  /** The registration day of APPK art. 64(3) at the current body; absent on questions stored before it. */
  registeredOn: IsoDate.optional(),
  /** The latest extension (kept for older clients; `extensions` has them all). */
  extension: Extension.optional(),
  /** Every extension in order (APPK art. 76(2): any number within the two-month cap), each with its notice due date. */
  extensions: z.array(Extension).optional(),
  redirects: z.array(
    z.object({
      fromBodyId: z.string(),
      toBodyId: z.string(),
      reason: z.string(),
      on: IsoDate,
      bySub: z.string(),
    }),
  ),
  answers: z.array(AnswerVersion),
  /** The official comment on the item's thread that carries the latest answer. */
  threadCommentId: z.string().optional(),
  dispute: z.object({ reason: z.string(), on: IsoDate }).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  closedOn: IsoDate.optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Optimistic-concurrency counter: every write checks and bumps it. */
  version: z.number().int().min(1),
});
export type Question = z.infer<typeof Question>;

const PublicAnswerVersion = AnswerVersion.omit({ bySub: true });
const PublicExtension = Extension.omit({ bySub: true });

const Citation = z.object({
  article: z.number().int(),
  paragraph: z.number().int().optional(),
  cite: z.string(),
});

/**
 * What the API returns: the stored question without any account id, plus the clock read for today.
 * The asker appears by display name only if they chose `showName`; otherwise by a pseudonym that is
 * stable on the item and unlinkable across items. `mine` tells the signed-in asker it is theirs.
 */
export const QuestionView = Question.omit({
  askerSub: true,
  answers: true,
  extension: true,
  extensions: true,
  redirects: true,
}).extend({
  /** The display name, or a pseudonym like "#3F2A1C" when `askerPseudonymous`. */
  askerName: z.string(),
  askerPseudonymous: z.boolean(),
  mine: z.boolean(),
  answers: z.array(PublicAnswerVersion),
  extension: PublicExtension.optional(),
  extensions: z.array(PublicExtension).optional(),
  redirects: z.array(
    z.object({ fromBodyId: z.string(), toBodyId: z.string(), reason: z.string(), on: IsoDate }),
  ),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  /**
   * What makes `dueOn` due (shared/deadlines.ts `dueBasis`), for the explanation next to the date: the
   * rule, the APPK articles (none for the hub's own rule after a dispute), the day the term counts
   * from, and for an extension the cap with `lawSilent` when the Code does not decide the case.
   */
  dueBasis: z
    .object({
      kind: z.enum(['answer', 'redirected', 'extended', 'reopened']),
      rules: z.array(Citation),
      from: IsoDate,
      dueOn: IsoDate,
      cap: z
        .object({ latest: IsoDate, rule: Citation, lawSilent: z.enum(['cap_on_non_working_day']).nullable() })
        .optional(),
    })
    .optional(),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const BodyResponsiveness = z.object({
  bodyId: z.string(),
  received: z.number().int(),
  answeredOnTime: z.number().int(),
  answeredLate: z.number().int(),
  overdueNow: z.number().int(),
  /** First answers in neither kk nor the question's language (Law on Languages art. 11), confirmed by the official. */
  answeredInOtherLanguage: z.number().int(),
  /** Calendar days from receipt to first answer; null without answers. */
  medianDaysToAnswer: z.number().nullable(),
  averageRating: z.number().nullable(),
  /** Share answered on time; null under the minimum sample (small samples mislead). */
  onTimeRate: z.number().nullable(),
});
export type BodyResponsiveness = z.infer<typeof BodyResponsiveness>;

/** Rates are shown only from this many questions up. */
export const MIN_SAMPLE_FOR_RATES = 5;
