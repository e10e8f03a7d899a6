/** The zod schemas of shared/questions.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import type * as Shared from '../../../shared/questions';
import { QUESTION_STATUSES } from '../../../shared/questions';
import type { Equal, Expect } from './assert-equal';
import { Attachment, FileRefs, MAX_ATTACHMENTS_PER_COMMENT, MODERATION_REASONS } from './comments';
import { LANGS } from './i18n-text';
import { IsoDate, Ulid } from './item';
import { CalendarDate } from './sessions';

/**
 * Files to attach (POST /uploads, then finalize), each once: upload ids, or `{ id, signatureOf }` for
 * a detached signature file beside the document in the list that it signs.
 */
export const UploadIds = FileRefs(MAX_ATTACHMENTS_PER_COMMENT);

export const BodyId = zodSchema.string().regex(/^[a-z0-9-]{2,64}$/, 'a body id like "zha-roads"');

const Text = (max: number, min = 1) => zodSchema.string().trim().min(min).max(max);

export const RaiseQuestionInput = zodSchema.object({
  text: Text(5000, 10),
  /** The thread comment this question was promoted from, if any. */
  fromCommentId: zodSchema.string().min(1).max(64).optional(),
  /** The question's language, picked by the asker (the web sends the interface's); kk when absent. */
  lang: zodSchema.enum(LANGS).optional(),
  /** Show the asker's display name publicly; otherwise the public sees a pseudonym for this question. */
  showName: zodSchema.boolean().optional(),
});
export type RaiseQuestionInput = zodSchema.infer<typeof RaiseQuestionInput>;
type _RaiseQuestionInputAgrees = Expect<Equal<RaiseQuestionInput, Shared.RaiseQuestionInput>>;

export const AnswerInput = zodSchema.object({
  text: Text(10000),
  /** The answer's language, picked by the official; the question's when absent. */
  lang: zodSchema.enum(LANGS).optional(),
  /**
   * Law on Languages No. 151-I art. 11: a body answers in the state language (kk) or the appeal's.
   * Any other language is refused with 409 `question.answer_language_unconfirmed` until the official
   * confirms it here.
   */
  confirmLanguage: zodSchema.boolean().optional(),
  /**
   * Photos and PDFs (an act of acceptance, a signed letter) the official uploaded (POST /uploads) to
   * attach to this answer: their own finalized files not used anywhere else. An edit keeps the
   * files of the answer it edits and adds these.
   */
  attachments: UploadIds.optional(),
});

export const ExtendInput = zodSchema.object({
  reason: Text(2000, 10),
  newDueOn: CalendarDate,
  /** The decision's documents (the extension letter), as for an answer; shown with the extension. */
  attachments: UploadIds.optional(),
});

export const RedirectInput = zodSchema.object({
  toBodyId: BodyId,
  reason: Text(2000, 10),
  /** The decision's documents (the covering letter), as for an answer; shown with the redirect. */
  attachments: UploadIds.optional(),
});

export const DisputeInput = zodSchema.object({ reason: Text(2000, 10) });

export const RateInput = zodSchema.object({ rating: zodSchema.number().int().min(1).max(5) });

export const AnswerVersion = zodSchema.object({
  /** 1, 2, 3… across the question's life; a re-answer after a dispute and an edit each add one. */
  version: zodSchema.number().int().min(1),
  kind: zodSchema.enum(['answer', 'edit']),
  text: zodSchema.string(),
  /** The language the official answered in (absent on answers stored before it was recorded). */
  lang: zodSchema.enum(LANGS).optional(),
  bodyId: zodSchema.string(),
  bySub: zodSchema.string(),
  byName: zodSchema.string(),
  at: zodSchema.iso.datetime(),
  /**
   * The documents of this answer, stored as the public sees them (the URLs are the API's stable
   * paths; nothing in them is private). A version hidden by moderation is shown without them.
   */
  attachments: zodSchema.array(Attachment).optional(),
});
export type AnswerVersion = zodSchema.infer<typeof AnswerVersion>;
type _AnswerVersionAgrees = Expect<Equal<AnswerVersion, Shared.AnswerVersion>>;

export const Extension = zodSchema.object({
  reason: zodSchema.string(),
  previousDueOn: IsoDate,
  newDueOn: IsoDate,
  on: IsoDate,
  bySub: zodSchema.string(),
  /** APPK art. 76(2): the applicant is told within 3 working days of the extension. */
  noticeDueOn: IsoDate.optional(),
  /** The decision's documents, stored as the public sees them (as an answer's). */
  attachments: zodSchema.array(Attachment).optional(),
});
export type Extension = zodSchema.infer<typeof Extension>;
type _ExtensionAgrees = Expect<Equal<Extension, Shared.Extension>>;

export const QuestionHiddenPart = zodSchema.object({
  reason: zodSchema.enum(MODERATION_REASONS),
  pendingReview: zodSchema.boolean(),
});
export type QuestionHiddenPart = zodSchema.infer<typeof QuestionHiddenPart>;
type _QuestionHiddenPartAgrees = Expect<Equal<QuestionHiddenPart, Shared.QuestionHiddenPart>>;

export const Redirect = zodSchema.object({
  fromBodyId: zodSchema.string(),
  toBodyId: zodSchema.string(),
  reason: zodSchema.string(),
  on: IsoDate,
  bySub: zodSchema.string(),
  /** The decision's documents, stored as the public sees them (as an answer's). */
  attachments: zodSchema.array(Attachment).optional(),
});
type _RedirectAgrees = Expect<Equal<zodSchema.infer<typeof Redirect>, Shared.Redirect>>;

export const Question = zodSchema.object({
  id: Ulid,
  itemId: Ulid,
  /** The item's title when the question was raised, for lists ("my questions", the inbox). */
  itemTitle: zodSchema.record(zodSchema.string(), zodSchema.string()).optional(),
  /** The body that must answer now (changes on redirect). */
  bodyId: zodSchema.string(),
  askerSub: zodSchema.string(),
  askerName: zodSchema.string(),
  /** The asker chose to show their name publicly (absent on questions raised before the choice existed: no). */
  showName: zodSchema.boolean().optional(),
  text: zodSchema.string(),
  /** The question's language (Law on Languages art. 11); absent on questions stored before it. */
  lang: zodSchema.enum(LANGS).optional(),
  fromCommentId: zodSchema.string().optional(),
  /**
   * Unchecked upload keys that early clients could send with a new question. Nothing writes them any
   * more (a question takes no files; the comment it comes from carries checked ones) and no view shows them.
   */
  attachments: zodSchema.array(zodSchema.string()).optional(),
  status: zodSchema.enum(QUESTION_STATUSES),
  /** The Almaty date it arrived at the current body (restarts on redirect). */
  receivedOn: IsoDate,
  dueOn: IsoDate,
  /** Due date when first answered: decides "on time" for good. */
  answeredOn: IsoDate.optional(),
  answeredLate: zodSchema.boolean().optional(),
  /** The registration day of APPK art. 64(3) at the current body; absent on questions stored before it. */
  registeredOn: IsoDate.optional(),
  /** The latest extension (kept for older clients; `extensions` has them all). */
  extension: Extension.optional(),
  /** Every extension in order (APPK art. 76(2): any number within the two-month cap), each with its notice due date. */
  extensions: zodSchema.array(Extension).optional(),
  redirects: zodSchema.array(Redirect),
  answers: zodSchema.array(AnswerVersion),
  /** The official comment on the item's thread that carries the latest answer. */
  threadCommentId: zodSchema.string().optional(),
  dispute: zodSchema.object({ reason: zodSchema.string(), on: IsoDate }).optional(),
  rating: zodSchema.number().int().min(1).max(5).optional(),
  closedOn: IsoDate.optional(),
  createdAt: zodSchema.iso.datetime(),
  updatedAt: zodSchema.iso.datetime(),
  /** Optimistic-concurrency counter: every write checks and bumps it. */
  version: zodSchema.number().int().min(1),
  /**
   * Parts a moderator (or the flag threshold) hid: `question`, `answer:<version>` or an answer's
   * file `file:<uploadId>`, each with the reason category (functions/services/moderation.ts).
   * Views leave a hidden part's text (or the hidden file) out.
   */
  hiddenParts: zodSchema.record(zodSchema.string(), QuestionHiddenPart).optional(),
  /**
   * The body registered the question in eOtinish (the national e-appeals system): from then on it is
   * a registered appeal, the registration's dates govern and APPK art. 91(2), 92 apply in full
   * (shared/BRIEF "legal standing"). Public, on the audit chain like any change of the question.
   */
  eotinish: zodSchema
    .object({ number: zodSchema.string(), registeredOn: IsoDate, recordedOn: IsoDate })
    .optional(),
});
export type Question = zodSchema.infer<typeof Question>;
type _QuestionAgrees = Expect<Equal<Question, Shared.Question>>;

const PublicAnswerVersion = AnswerVersion.omit({ bySub: true }).extend({
  /** Present when a moderator hid this version: its text is then empty. */
  hidden: QuestionHiddenPart.optional(),
});

const PublicExtension = Extension.omit({ bySub: true });

const Citation = zodSchema.object({
  article: zodSchema.number().int(),
  paragraph: zodSchema.number().int().optional(),
  cite: zodSchema.string(),
});

/**
 * What the API returns: the stored question without any account id, plus the clock read for today.
 * The asker appears by display name only if they chose `showName`; otherwise by a pseudonym that is
 * stable on the item and unlinkable across items. `mine` tells the signed-in asker it is theirs.
 */
export const QuestionView = Question.omit({
  askerSub: true,
  hiddenParts: true,
  answers: true,
  extension: true,
  extensions: true,
  redirects: true,
}).extend({
  /** The display name, or a pseudonym like "#3F2A1C" when `askerPseudonymous`. */
  askerName: zodSchema.string(),
  askerPseudonymous: zodSchema.boolean(),
  mine: zodSchema.boolean(),
  /** Present when the question is hidden by moderation: its text is then empty. */
  hidden: QuestionHiddenPart.optional(),
  answers: zodSchema.array(PublicAnswerVersion),
  extension: PublicExtension.optional(),
  extensions: zodSchema.array(PublicExtension).optional(),
  redirects: zodSchema.array(Redirect.omit({ bySub: true })),
  overdue: zodSchema.boolean(),
  dueSoon: zodSchema.boolean(),
  /**
   * What makes `dueOn` due (shared/deadlines.ts `dueBasis`), for the explanation next to the date: the
   * rule, the APPK articles (none for the hub's own rule after a dispute), the day the term counts
   * from, and for an extension the cap with `lawSilent` when the Code does not decide the case.
   */
  dueBasis: zodSchema
    .object({
      kind: zodSchema.enum(['answer', 'redirected', 'extended', 'reopened']),
      rules: zodSchema.array(Citation),
      from: IsoDate,
      dueOn: IsoDate,
      cap: zodSchema
        .object({
          latest: IsoDate,
          rule: Citation,
          lawSilent: zodSchema.enum(['cap_on_non_working_day']).nullable(),
        })
        .optional(),
    })
    .optional(),
});
export type QuestionView = zodSchema.infer<typeof QuestionView>;
type _QuestionViewAgrees = Expect<Equal<QuestionView, Shared.QuestionView>>;

export const BodyResponsiveness = zodSchema.object({
  bodyId: zodSchema.string(),
  received: zodSchema.number().int(),
  answeredOnTime: zodSchema.number().int(),
  answeredLate: zodSchema.number().int(),
  overdueNow: zodSchema.number().int(),
  /** First answers in neither kk nor the question's language (Law on Languages art. 11), confirmed by the official. */
  answeredInOtherLanguage: zodSchema.number().int(),
  /** Calendar days from receipt to first answer; null without answers. */
  medianDaysToAnswer: zodSchema.number().nullable(),
  averageRating: zodSchema.number().nullable(),
  /** Share answered on time; null under the minimum sample (small samples mislead). */
  onTimeRate: zodSchema.number().nullable(),
});
export type BodyResponsiveness = zodSchema.infer<typeof BodyResponsiveness>;
type _BodyResponsivenessAgrees = Expect<Equal<BodyResponsiveness, Shared.BodyResponsiveness>>;

export * from '../../../shared/questions';
