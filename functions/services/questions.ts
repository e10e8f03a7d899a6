/**
 * The question workflow (APPK art. 64(3), 65(1), 76; shared/deadlines.ts): raise, review, answer,
 * extend, redirect, accept, dispute, rate. Each step checks the rules of the law and of the status
 * machine, then commits the question as a conditional write on the version the actor read, in one
 * transaction with its audit-chain entry and its notification event (`questionEventOps`): a stale
 * write (two officials answering at once) changes nothing and is reported, and no change exists
 * without its entry in the chain or its notice. Persistence is functions/data/questions.ts.
 */
import { ulid } from 'ulid';
import { type Attachment, type FileRef, fileRefId } from '../../shared/comments';
import { almatyDate } from '../../shared/dates';
import {
  answerDueDate,
  type DeadlineProblem,
  daysBetween,
  disputeDeadline,
  dueBasis,
  extensionNoticeDeadline,
  extensionProblem,
  isDueSoon,
  redirectProblem,
  registrationDay,
} from '../../shared/deadlines';
import { DEFAULT_LANG, type Lang } from '../../shared/i18n-text';
import type { Item } from '../../shared/item';
import {
  type BodyResponsiveness,
  canEditAnswer,
  canRate,
  isLawfulAnswerLanguage,
  isOpen,
  isOverdue,
  MIN_SAMPLE_FOR_RATES,
  nextStatus,
  type Question,
  type QuestionStatus,
  type QuestionTransition,
  type QuestionView,
  type RaiseQuestionInput,
} from '../../shared/questions';
import type { Principal } from '../../shared/users';
import { actorHash, appendAuditEntry, StaleWriteError, type TransactOp } from '../audit/chain';
import { questionAuditRecord } from '../audit/records';
import {
  attachFiles,
  claimableUploads,
  claimUploadOp,
  FileLinkError,
  UploadUnusableError,
} from '../blobs/uploads';
import { getBody } from '../data/bodies';
import type { Store } from '../data/client';
import { getComment, type StoredAttachment, toAttachmentView } from '../data/comments';
import { IdempotencyFencedError } from '../data/idempotency';
import { questionEventOps } from '../data/notifications';
import { listBodyQuestions, questionPutOp, setThreadComment } from '../data/questions';
import { editComment, postComment } from './comments';

// The reads a route needs come through the workflow's module too (routes call one service).
export {
  getQuestion,
  listAskerQuestions,
  listBodyQuestions,
  listItemQuestions,
  overdueItemIds,
} from '../data/questions';

/**
 * A rule of the law or of the status machine refuses the change (the API answers 409 or 400). Refusals
 * of the legal clock carry a stable `code` (e.g. `question.extension_past_limit`) and the `params`
 * the UI needs to say it in kk/ru/en (e.g. `{ latest }`), so no layer reads another's English.
 */
export class QuestionRuleError extends Error {
  constructor(
    readonly kind: 'conflict' | 'invalid',
    message: string,
    readonly field?: string,
    readonly code?: string,
    readonly params?: Record<string, string>,
  ) {
    super(message);
    this.name = 'QuestionRuleError';
  }

  static fromDeadline(kind: 'conflict' | 'invalid', p: DeadlineProblem, field?: string): QuestionRuleError {
    return new QuestionRuleError(kind, p.message, field, p.code, p.params);
  }
}

/** The asker's pseudonym on one item: stable there, unlinkable across items without the server secret. */
export function askerPseudonym(itemId: string, sub: string): string {
  return `#${actorHash(`asker:${itemId}:${sub}`).slice(0, 6).toUpperCase()}`;
}

/** The question as anyone may see it: no account ids (see QuestionView); `viewerSub` only sets `mine`. */
export function toQuestionView(q: Question, today: string, viewerSub?: string | null): QuestionView {
  // `attachments`: legacy unchecked keys (see Question), never shown.
  const { askerSub, answers, extension, extensions, redirects, hiddenParts, attachments: _keys, ...rest } = q;
  const hidden = hiddenParts?.question;
  return {
    ...rest,
    ...(hidden ? { text: '', hidden } : {}),
    askerName: q.showName ? q.askerName : askerPseudonym(q.itemId, askerSub),
    askerPseudonymous: !q.showName,
    mine: viewerSub != null && viewerSub === askerSub,
    answers: answers.map(({ bySub: _, ...a }) => {
      const part = hiddenParts?.[`answer:${a.version}`];
      const { attachments: files, ...shown } = a;
      if (part) return { ...shown, text: '', hidden: part };
      // A file a moderator hid on its own is left out; the answer's text and other files stay.
      const listed = files?.filter((f) => !hiddenParts?.[`file:${f.id}`]);
      return listed?.length ? { ...shown, attachments: listed } : shown;
    }),
    ...(extension ? { extension: (({ bySub: _, ...e }) => e)(extension) } : {}),
    ...(extensions ? { extensions: extensions.map(({ bySub: _, ...e }) => e) } : {}),
    redirects: redirects.map(({ bySub: _, ...r }) => r),
    overdue: isOverdue(q, today),
    dueSoon: isOpen(q.status) && isDueSoon(q.dueOn, today),
    dueBasis: dueBasis(q),
  };
}

async function commit(
  store: Store,
  before: Question | null,
  next: Question,
  actor: Principal | null,
  action: string,
  extraOps: TransactOp[] = [],
  /** The answer's files, claimed right after the question's put (ops 1…n). */
  claims: TransactOp[] = [],
): Promise<Question> {
  try {
    await appendAuditEntry(
      store,
      {
        actorSub: actor?.sub ?? null,
        action: `question.${action}`,
        at: next.updatedAt,
        record: questionAuditRecord(next),
      },
      // The notification event rides in the same transaction: no change without its notice, no notice without its change.
      [
        questionPutOp(store, next, before),
        ...claims,
        ...extraOps,
        ...questionEventOps(store, next, action, actor?.sub ?? null),
      ],
    );
  } catch (err) {
    // A file taken by another record at the same moment: refused like a file that was never usable.
    if (err instanceof StaleWriteError && err.index >= 1 && err.index <= claims.length)
      throw unusableFile(new UploadUnusableError(err.index - 1, ''));
    // The question's own put is op 0; a refused op after the claims is the Idempotency-Key's fence.
    if (err instanceof StaleWriteError && err.index >= 1) throw new IdempotencyFencedError();
    throw err;
  }
  return next;
}

function unusableFile(err: UploadUnusableError): QuestionRuleError {
  return new QuestionRuleError(
    'invalid',
    `Attachment ${err.index + 1} is not a finalized file of yours that is still unused.`,
    `attachments.${err.index}`,
    'attachment.unusable',
    { index: String(err.index + 1) },
  );
}

/**
 * The official's files for an answer, an extension or a redirect (the same checks as every record
 * that takes uploads, a detached signature beside its document) and the transaction steps that
 * claim them for the question.
 */
async function answerFiles(
  store: Store,
  q: Question,
  official: Principal,
  refs: readonly FileRef[],
): Promise<{ attachments: Attachment[]; claims: TransactOp[] }> {
  if (refs.length === 0) return { attachments: [], claims: [] };
  const ids = refs.map(fileRefId);
  const uploads = await claimableUploads(store, official.sub, ids).catch((err) => {
    throw err instanceof UploadUnusableError ? unusableFile(err) : err;
  });
  let files: ReturnType<typeof attachFiles>;
  try {
    files = attachFiles(uploads, refs);
  } catch (err) {
    if (!(err instanceof FileLinkError)) throw err;
    throw new QuestionRuleError('invalid', err.message, `attachments.${err.index}`, err.code, {
      index: String(err.index + 1),
    });
  }
  return {
    attachments: files.map(toAttachmentView),
    claims: ids.map((id) => claimUploadOp(store, id, official.sub, q.itemId, { questionId: q.id })),
  };
}

// ── What people do ─────────────────────────────────────────────────────────────────────────────

export interface Clock {
  /** The instant of the action (stored as ISO). */
  now: Date;
  /** Id for a new question (demo data passes a seeded one, to stay deterministic). */
  newId?: () => string;
}

const today = (c: Clock) => almatyDate(c.now);

export async function raiseQuestion(
  store: Store,
  item: Pick<Item, 'id' | 'title' | 'body'>,
  asker: Principal,
  input: RaiseQuestionInput,
  clock: Clock,
  /** Ops committed with the question (the Idempotency-Key's record), given the question to be stored. */
  extraOps?: (q: Question) => TransactOp[],
): Promise<Question> {
  const at = clock.now.toISOString();
  // APPK art. 64(3): after hours or on a non-working day the registration day is the next working day.
  const { arrivedOn: receivedOn, registeredOn } = registrationDay(clock.now);
  const q: Question = {
    id: clock.newId?.() ?? ulid(clock.now.getTime()),
    itemId: item.id,
    itemTitle: item.title as Record<string, string>,
    bodyId: item.body.id,
    askerSub: asker.sub,
    askerName: asker.name,
    text: input.text,
    lang: input.lang ?? DEFAULT_LANG,
    ...(input.fromCommentId ? { fromCommentId: input.fromCommentId } : {}),
    ...(input.showName ? { showName: true } : {}),
    status: 'received',
    receivedOn,
    registeredOn,
    dueOn: answerDueDate(registeredOn),
    redirects: [],
    answers: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return commit(store, null, q, asker, 'raise', extraOps?.(q));
}

function transition(q: Question, action: QuestionTransition): QuestionStatus {
  const to = nextStatus(q.status, action);
  if (!to)
    throw new QuestionRuleError('conflict', `A question that is ${q.status} cannot be given "${action}".`);
  return to;
}

function bump(q: Question, clock: Clock, changes: Partial<Question>): Question {
  return { ...q, ...changes, updatedAt: clock.now.toISOString(), version: q.version + 1 };
}

export async function reviewQuestion(store: Store, q: Question, official: Principal, clock: Clock) {
  const next = bump(q, clock, { status: transition(q, 'review') });
  return commit(store, q, next, official, 'review');
}

export async function answerQuestion(
  store: Store,
  q: Question,
  official: Principal,
  text: string,
  clock: Clock,
  language: { lang?: Lang; confirmed?: boolean } = {},
  /** The official's photos, PDFs and detached signatures to attach. */
  fileIds: readonly FileRef[] = [],
): Promise<Question> {
  const status = transition(q, 'answer');
  const lang = language.lang ?? q.lang ?? DEFAULT_LANG;
  // Law on Languages art. 11: the state language or the appeal's; anything else only when confirmed.
  if (!isLawfulAnswerLanguage(q.lang, lang) && !language.confirmed)
    throw new QuestionRuleError(
      'conflict',
      `An answer in ${lang} is in neither Kazakh nor the question's language (${q.lang ?? DEFAULT_LANG}) (Law on Languages art. 11); send confirmLanguage: true to answer in it anyway.`,
      'lang',
      'question.answer_language_unconfirmed',
      { questionLang: q.lang ?? DEFAULT_LANG, answerLang: lang },
    );
  const on = today(clock);
  const first = q.answeredOn === undefined;
  const { attachments, claims } = await answerFiles(store, q, official, fileIds);
  const next = bump(q, clock, {
    status,
    answers: [
      ...q.answers,
      {
        version: q.answers.length + 1,
        kind: 'answer',
        text,
        lang,
        bodyId: q.bodyId,
        bySub: official.sub,
        byName: official.name,
        at: clock.now.toISOString(),
        ...(attachments.length ? { attachments } : {}),
      },
    ],
    // "On time" is decided by the first answer, against the due date then in force.
    ...(first ? { answeredOn: on, answeredLate: on > q.dueOn } : {}),
  });
  return commit(store, q, next, official, 'answer', [], claims);
}

/**
 * A new version of the latest answer; the old text stays in `answers` and in the audit log. The
 * edit keeps the files of the answer it edits (a corrected text does not withdraw the act) and adds
 * any new ones.
 */
export async function editAnswer(
  store: Store,
  q: Question,
  official: Principal,
  text: string,
  clock: Clock,
  fileIds: readonly FileRef[] = [],
) {
  const latest = q.answers.at(-1);
  if (!canEditAnswer(q.status) || !latest)
    throw new QuestionRuleError('conflict', `A question that is ${q.status} has no answer to edit.`);
  const added = await answerFiles(store, q, official, fileIds);
  const attachments = [...(latest.attachments ?? []), ...added.attachments];
  const next = bump(q, clock, {
    answers: [
      ...q.answers,
      {
        version: q.answers.length + 1,
        kind: 'edit',
        text,
        bodyId: q.bodyId,
        bySub: official.sub,
        byName: official.name,
        at: clock.now.toISOString(),
        ...(attachments.length ? { attachments } : {}),
      },
    ],
  });
  return commit(store, q, next, official, 'edit-answer', [], added.claims);
}

export async function extendQuestion(
  store: Store,
  q: Question,
  official: Principal,
  input: { reason: string; newDueOn: string; attachments?: readonly FileRef[] },
  clock: Clock,
) {
  // APPK art. 76(2): any number of extensions, each reasoned and noticed, all within the two-month cap.
  const status = transition(q, 'extend');
  const on = today(clock);
  const problem = extensionProblem(q, input.newDueOn, on);
  if (problem)
    throw QuestionRuleError.fromDeadline(
      problem.code === 'question.extension_after_due' ? 'conflict' : 'invalid',
      problem,
      'newDueOn',
    );
  const { attachments, claims } = await answerFiles(store, q, official, input.attachments ?? []);
  const extension = {
    reason: input.reason,
    previousDueOn: q.dueOn,
    newDueOn: input.newDueOn,
    on,
    bySub: official.sub,
    noticeDueOn: extensionNoticeDeadline(on),
    ...(attachments.length ? { attachments } : {}),
  };
  const earlier = q.extensions ?? (q.extension ? [q.extension] : []);
  const next = bump(q, clock, {
    status,
    dueOn: input.newDueOn,
    extension,
    extensions: [...earlier, extension],
  });
  return commit(store, q, next, official, 'extend', [], claims);
}

export async function redirectQuestion(
  store: Store,
  q: Question,
  official: Principal,
  input: { toBodyId: string; reason: string; attachments?: readonly FileRef[] },
  clock: Clock,
) {
  const status = transition(q, 'redirect');
  if (input.toBodyId === q.bodyId)
    throw new QuestionRuleError('invalid', 'Redirect to another body, not the same one.', 'toBodyId');
  const on = today(clock);
  // APPK art. 65(1): within 3 working days of registration.
  const late = redirectProblem(q.registeredOn ?? q.receivedOn, on);
  if (late) throw QuestionRuleError.fromDeadline('conflict', late);
  // The competent body's own term runs from its receipt (art. 65(1)), registered under art. 64(3).
  const arrival = registrationDay(clock.now);
  const { attachments, claims } = await answerFiles(store, q, official, input.attachments ?? []);
  const next = bump(q, clock, {
    status,
    bodyId: input.toBodyId,
    receivedOn: arrival.arrivedOn,
    registeredOn: arrival.registeredOn,
    dueOn: answerDueDate(arrival.registeredOn),
    redirects: [
      ...q.redirects,
      {
        fromBodyId: q.bodyId,
        toBodyId: input.toBodyId,
        reason: input.reason,
        on,
        bySub: official.sub,
        ...(attachments.length ? { attachments } : {}),
      },
    ],
  });
  return commit(store, q, next, official, 'redirect', [], claims);
}

/**
 * Records the question's eOtinish registration (the body registered it in the national e-appeals
 * system). From then on it is a registered appeal: the registration's dates govern, so an open
 * question's registration day becomes eOtinish's and, unless an extension or a dispute set the due
 * date, the 15 working days (APPK art. 76(1)) count from it. Recording again corrects the number.
 */
export async function registerInEotinish(
  store: Store,
  q: Question,
  official: Principal,
  input: { number: string; registeredOn: string },
  clock: Clock,
): Promise<Question> {
  const on = today(clock);
  if (input.registeredOn < q.receivedOn || input.registeredOn > on)
    throw new QuestionRuleError(
      'invalid',
      `The eOtinish registration day must fall between the day the body received the question (${q.receivedOn}) and today (${on}).`,
      'registeredOn',
      'date.out_of_range',
      { earliest: q.receivedOn, latest: on },
    );
  const basis = dueBasis(q).kind;
  const recount = isOpen(q.status) && (basis === 'answer' || basis === 'redirected');
  const next = bump(q, clock, {
    eotinish: { number: input.number, registeredOn: input.registeredOn, recordedOn: on },
    ...(recount ? { registeredOn: input.registeredOn, dueOn: answerDueDate(input.registeredOn) } : {}),
  });
  return commit(store, q, next, official, 'register');
}

/**
 * An erased account's question: its name becomes the pseudonym and is no longer shown (data-rights
 * erasure); a chain entry like any change, without a notification.
 */
export async function pseudonymizeAsker(store: Store, q: Question, pseudonym: string, now: Date) {
  const next = bump(q, { now }, { askerName: pseudonym, showName: false });
  return commit(store, q, next, null, 'pseudonymize');
}

export async function acceptAnswer(store: Store, q: Question, asker: Principal, clock: Clock) {
  const next = bump(q, clock, { status: transition(q, 'accept'), closedOn: today(clock) });
  return commit(store, q, next, asker, 'accept');
}

export async function disputeAnswer(
  store: Store,
  q: Question,
  asker: Principal,
  reason: string,
  clock: Clock,
) {
  const status = transition(q, 'dispute');
  const on = today(clock);
  const lastAnswerOn = almatyDate(new Date(q.answers.at(-1)?.at ?? q.updatedAt));
  if (on > disputeDeadline(lastAnswerOn))
    throw new QuestionRuleError(
      'conflict',
      `An answer may be disputed within 30 days (by ${disputeDeadline(lastAnswerOn)}).`,
    );
  // The body owes a new answer on the usual term, counted from the dispute.
  const next = bump(q, clock, { status, dispute: { reason, on }, dueOn: answerDueDate(on) });
  return commit(store, q, next, asker, 'dispute');
}

export async function rateAnswer(store: Store, q: Question, asker: Principal, rating: number, clock: Clock) {
  if (!canRate(q.status))
    throw new QuestionRuleError('conflict', `A question that is ${q.status} has no answer to rate.`);
  const next = bump(q, clock, { rating });
  return commit(store, q, next, asker, 'rate');
}

// ── The item's thread ──────────────────────────────────────────────────────────────────────────

/**
 * Publishes the latest answer on the item's discussion thread with the official badge: a new answer
 * becomes a new comment, an edit edits that comment (the thread keeps its revisions). Runs after the
 * answer is committed; the question and the audit log stay the record of what the body answered.
 */
export async function publishAnswerOnThread(store: Store, q: Question, now: Date): Promise<string | null> {
  const latest = q.answers.at(-1);
  if (!latest) return null;
  if (latest.kind === 'edit' && q.threadCommentId) {
    const comment = await getComment(store, q.threadCommentId);
    if (comment && !comment.deleted) {
      await editComment(store, comment, latest.text, now);
      return comment.id;
    }
  }
  const body = await getBody(store, latest.bodyId);
  const comment = await postComment(
    store,
    {
      itemId: q.itemId,
      author: { sub: latest.bySub, name: latest.byName },
      official: { bodyId: latest.bodyId, bodyName: body?.name ?? { en: latest.bodyId } },
      body: latest.text,
      // The answer's documents show on its thread copy too; the question keeps the claim (and
      // decides, through isAnswerFileShown, whether the file is served).
      attachments: (latest.attachments ?? []).map(storedCopy),
    },
    now,
    { filesClaimed: true },
  );
  // Not a change of the question's substance, so no version bump: a concurrent action still applies.
  await setThreadComment(store, q, comment.id);
  return comment.id;
}

/** What a comment keeps of an answer's file (the view minus its URLs, which follow from the id). */
function storedCopy(a: Attachment): StoredAttachment {
  return {
    id: a.id,
    type: a.type,
    name: a.name,
    size: a.size,
    ...(a.width ? { width: a.width } : {}),
    ...(a.height ? { height: a.height } : {}),
    hasThumbnail: a.thumbnailUrl !== undefined,
    ...(a.signed ? { signed: true } : {}),
    ...(a.sha256 ? { sha256: a.sha256 } : {}),
    ...(a.signatureOf ? { signatureOf: a.signatureOf } : {}),
  };
}

/**
 * A question's file is public unless a moderator hid the file itself, while some answer version
 * carrying it is not hidden, or when an extension or a redirect carries it (those decisions are
 * not moderated away as a whole).
 */
export function isAnswerFileShown(q: Question, uploadId: string): boolean {
  if (q.hiddenParts?.[`file:${uploadId}`]) return false;
  const has = (files: Attachment[] | undefined) => files?.some((f) => f.id === uploadId) ?? false;
  return (
    q.answers.some((a) => has(a.attachments) && !q.hiddenParts?.[`answer:${a.version}`]) ||
    (q.extensions ?? []).some((e) => has(e.attachments)) ||
    q.redirects.some((r) => has(r.attachments))
  );
}

/** The comment a question was promoted from must exist on the same item. */
export async function commentOnItem(store: Store, itemId: string, commentId: string): Promise<boolean> {
  const comment = await getComment(store, commentId);
  return comment !== null && comment.itemId === itemId && !comment.deleted;
}

// ── Responsiveness ─────────────────────────────────────────────────────────────────────────────

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** How a body keeps the legal clock, from the questions now addressed to it. */
export function responsivenessOf(
  bodyId: string,
  questions: Question[],
  todayDate: string,
): BodyResponsiveness {
  const answered = questions.filter((q) => q.answeredOn !== undefined);
  const late = answered.filter((q) => q.answeredLate).length;
  const ratings = questions.flatMap((q) => (q.rating ? [q.rating] : []));
  const enough = questions.length >= MIN_SAMPLE_FOR_RATES;
  return {
    bodyId,
    received: questions.length,
    answeredOnTime: answered.length - late,
    answeredLate: late,
    overdueNow: questions.filter((q) => isOverdue(q, todayDate)).length,
    answeredInOtherLanguage: answered.filter((q) => {
      const first = q.answers.find((a) => a.kind === 'answer');
      return first?.lang !== undefined && !isLawfulAnswerLanguage(q.lang, first.lang);
    }).length,
    medianDaysToAnswer: median(answered.map((q) => daysBetween(q.receivedOn, q.answeredOn!))),
    averageRating:
      ratings.length >= MIN_SAMPLE_FOR_RATES
        ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10
        : null,
    onTimeRate:
      enough && answered.length > 0
        ? Math.round(((answered.length - late) / answered.length) * 1000) / 10
        : null,
  };
}

export async function bodyResponsiveness(store: Store, bodyId: string, todayDate: string) {
  return responsivenessOf(bodyId, await listBodyQuestions(store, bodyId, 'all'), todayDate);
}
