/**
 * Follow-ups that are checked (issue 21, part 6): a body's official says a recommendation is done
 * (with evidence); the club (a member or the secretary) confirms that or contests it with the
 * reason, and a contested one is open again. Each verdict is one audit entry in the same
 * transaction as the change. An overdue recommendation can be escalated to a control body through
 * the one escalation service (./escalation.ts) and its printable letter.
 */
import { clubPlain } from '../../shared/club-text';
import { type FileRef, fileRefId } from '../../shared/comments';
import { almatyDate } from '../../shared/dates';
import {
  isOverdue,
  type Recommendation,
  type RecommendationView,
  type VerifyFollowUpInput,
} from '../../shared/sessions';
import { ConflictError, ValidationError } from '../api/problems';
import { appendAuditEntry, StaleWriteError } from '../audit/chain';
import { recommendationAuditRecord } from '../audit/records';
import {
  attachFiles,
  claimableUploads,
  claimUploadOp,
  FileLinkError,
  UploadUnusableError,
} from '../blobs/uploads';
import { getBody } from '../data/bodies';
import type { Store } from '../data/client';
import { toAttachmentView } from '../data/comments';
import { getItem } from '../data/items';
import { recommendationPut, toRecommendationView } from '../data/sessions';
import {
  type Addressee,
  createEscalation,
  type EscalationLang,
  type EscalationRecord,
  type EscalationSubject,
} from './escalation';
import { replaceRecommendation } from './sessions';

/** The audit record key of a recommendation (the escalation's proof names it). */
export const recommendationRecordKey = (r: Pick<Recommendation, 'itemId' | 'id'>) =>
  `recommendation/${r.itemId}/${r.id}`;

function unusableDocument(index: number): ValidationError {
  const message = `Document ${index + 1} is not a finalized file of yours that is still unused.`;
  return new ValidationError([
    {
      in: 'json',
      field: `documents.${index}`,
      message,
      code: 'attachment.unusable',
      params: { index: index + 1 },
    },
  ]);
}

/**
 * The body's follow-up of a recommendation: open or done, the evidence in words and the documents
 * (photos, an act of acceptance) the official uploaded. The documents are claimed in the same
 * transaction as the change and its audit entry, the same checks as every record that takes
 * uploads (their own finalized, unused files); earlier documents stay, the new ones are added.
 * A new "done" is a new claim: the club checks it afresh.
 */
export async function recordFollowUp(
  store: Store,
  rec: Recommendation,
  change: {
    status: 'open' | 'done';
    evidence?: string | undefined;
    documents?: FileRef[] | undefined;
  },
  now: Date,
  by: { sub: string } | null,
): Promise<RecommendationView> {
  const at = now.toISOString();
  const refs = change.documents ?? [];
  const ids = refs.map(fileRefId);
  if (ids.length && !by) throw unusableDocument(0);
  const uploads = ids.length
    ? await claimableUploads(store, by!.sub, ids).catch((err) => {
        throw err instanceof UploadUnusableError ? unusableDocument(err.index) : err;
      })
    : new Map();
  let files: ReturnType<typeof attachFiles> = [];
  try {
    files = attachFiles(uploads, refs);
  } catch (err) {
    if (!(err instanceof FileLinkError)) throw err;
    throw new ValidationError([
      {
        in: 'json',
        field: `documents.${err.index}`,
        message: err.message,
        code: err.code,
        params: { index: err.index + 1 },
      },
    ]);
  }
  const next: Recommendation = { ...rec, status: change.status };
  if (change.evidence !== undefined) next.evidence = change.evidence;
  if (ids.length) next.documents = [...(rec.documents ?? []), ...files.map(toAttachmentView)];
  if (change.status === 'done') {
    next.doneAt = at;
    delete next.verification;
  } else delete next.doneAt;
  const put = recommendationPut(store, next).Put;
  try {
    await appendAuditEntry(
      store,
      {
        actorSub: by?.sub ?? null,
        action: 'recommendation.follow_up',
        at,
        record: recommendationAuditRecord(next),
      },
      [
        { Put: { ...put, ConditionExpression: 'attribute_exists(pk)' } },
        ...ids.map((id) => claimUploadOp(store, id, by!.sub, rec.itemId, { recommendationId: rec.id })),
      ],
    );
  } catch (err) {
    // A document taken by another record at the same moment: refused like one never usable.
    if (err instanceof StaleWriteError && err.index >= 1) throw unusableDocument(err.index - 1);
    throw err;
  }
  return toRecommendationView(next, almatyDate(now));
}

function notDone(rec: Recommendation): ConflictError {
  return new ConflictError('Only a recommendation its body has marked done can be confirmed or contested.', {
    code: 'follow_up.not_done',
    params: { status: rec.status },
  });
}

/**
 * Records the club's verdict on a "done": confirmed stays done; contested goes back to open with
 * the reason (the body's evidence stays readable next to it). 409 `follow_up.not_done` unless the
 * body has marked it done (also when that changed meanwhile).
 */
export async function verifyFollowUp(
  store: Store,
  rec: Recommendation,
  input: VerifyFollowUpInput,
  by: { sub: string; name: string },
  now: Date,
): Promise<Recommendation> {
  if (rec.status !== 'done') throw notDone(rec);
  const at = now.toISOString();
  const verification: NonNullable<Recommendation['verification']> = {
    verdict: input.verdict,
    byName: by.name,
    at,
    ...(input.verdict === 'contested' && input.reason ? { reason: input.reason } : {}),
  };
  const next: Recommendation = { ...rec, verification };
  if (input.verdict === 'contested') {
    next.status = 'open';
    delete next.doneAt;
  }
  try {
    return await replaceRecommendation(
      store,
      next,
      {
        action: `recommendation.${input.verdict === 'confirmed' ? 'confirm' : 'contest'}`,
        at,
        actorSub: by.sub,
      },
      'done',
    );
  } catch (err) {
    if (err instanceof StaleWriteError) throw notDone({ ...rec, status: 'open' });
    throw err;
  }
}

/** What the letter says about a recommendation: its text, the body, the session's date and the term. */
export async function recommendationSubject(
  store: Store,
  rec: Recommendation,
  lang: EscalationLang,
): Promise<EscalationSubject> {
  const [item, body] = await Promise.all([getItem(store, rec.itemId), getBody(store, rec.bodyId)]);
  return {
    kind: 'recommendation',
    recordKey: recommendationRecordKey(rec),
    itemTitle: item?.title ?? {},
    body: { id: rec.bodyId, name: body?.name ?? { kk: rec.bodyId, ru: rec.bodyId } },
    text: clubPlain(rec.text, lang),
    dates: [
      { label: 'recommended', date: rec.sessionStartsAt.slice(0, 10) },
      { label: 'follow_up_due', date: rec.due },
    ],
    // A club recommendation has no statutory term: its due date is the club's, so no article is cited.
    legalBasis: [],
  };
}

/** Escalates a recommendation still open past its due date (409 `escalation.not_overdue` otherwise). */
export async function escalateRecommendation(
  store: Store,
  rec: Recommendation,
  input: { addressee: Addressee; lang: EscalationLang; complainant: { sub: string; name: string } },
  today: string,
  now: Date,
): Promise<EscalationRecord> {
  if (!isOverdue(rec, today))
    throw new ConflictError(`The follow-up is due on ${rec.due} and the recommendation is ${rec.status}.`, {
      code: 'escalation.not_overdue',
    });
  return createEscalation(store, {
    subject: await recommendationSubject(store, rec, input.lang),
    dueOn: rec.due,
    today,
    addressee: input.addressee,
    lang: input.lang,
    complainant: input.complainant,
    now,
  });
}
