/**
 * The discussion workflow on an item: commenting and replying (one level), editing one's own
 * comment with its history, deleting it (a tombstone stays), "+1". Flagging is moderation's
 * (./moderation.ts). Routes parse and authorize, call one function here and word its refusals;
 * functions/data/comments.ts only persists.
 *
 * Invariants owned here:
 *   - a reply answers a top-level comment of the same item (replies are one level);
 *   - attachments are the author's own finalized uploads, not yet used (claimed in the comment's
 *     transaction, so two comments cannot take the same upload);
 *   - an official's comment carries a badge naming their body, taken from the verified principal
 *     (the item's body when they act for it), never from the request;
 *   - an edit applies only to the text it was made from, never to a deleted comment.
 * Comments are citizens' speech, not public records: they are not on the audit chain (moderation
 * actions on them are).
 *
 * Each write is one transaction run here (data/transaction.ts `transact`; a new comment through
 * data/comments.ts `commitNewComment`, grouped with those posted meanwhile): posting puts the comment,
 * its by-id pointer and the item's count (sharded, so the count stays exact under a burst) and
 * claims the attachments; an edit keeps the previous text as a revision; a "+1" is recorded once.
 * functions/data/comments.ts gives the keys, records, ops and reads.
 */
import { SIGNATURE_TYPE } from '../../shared/comments';
import type { Item } from '../../shared/item';
import type { ProblemCode } from '../../shared/problem-codes';
import type { Principal } from '../../shared/users';
import { claimUploadOp, getUpload, isClaimableBy, toStoredAttachment } from '../blobs/uploads';
import { getBody } from '../data/bodies';
import type { Store } from '../data/client';
import {
  type CommentRecord,
  commentCountOp,
  commentEditOps,
  commentPointerOp,
  commentPutOp,
  commentSupportOps,
  commentTombstoneOp,
  commitNewComment,
  getTopLevelComment,
  type NewComment,
  newCommentId,
  readSupportCount,
  type StoredAttachment,
  toCommentRecord,
  topLevelExistsOp,
} from '../data/comments';
import { IdempotencyFencedError } from '../data/idempotency';
import { ConditionFailedError, type TransactOp, transact } from '../data/transaction';
import { commentEventOp } from './notifications';

// The thread's reads, for the routes (one import per workflow).
export {
  type CommentRecord,
  countComments,
  decodeCursor,
  encodeCursor,
  getComment,
  listRevisions,
  listThread,
  type NewComment,
  toCommentView,
} from '../data/comments';

export class ParentNotFoundError extends Error {}
export class AttachmentUnavailableError extends Error {}
export class StaleCommentError extends Error {}

/**
 * Stores a comment, its pointer and the item's new count in one transaction, so the count is exact
 * however many people post at once. Attachments are claimed in the same transaction: each must be
 * the author's, finalized and not yet used. No rules beyond the stored ones: `commentOnItem` is the
 * citizen's path; the question workflow posts an official answer through here.
 */
export async function postComment(
  store: Store,
  input: NewComment,
  now: Date,
  opts: {
    extraOps?: (record: CommentRecord) => TransactOp[];
    /** The files are a copy of a record that already claimed them (an official answer's). */
    filesClaimed?: boolean;
  } = {},
): Promise<CommentRecord> {
  const id = newCommentId(now);
  const record = toCommentRecord(input, id, now);
  const ops: TransactOp[] = [
    commentPutOp(store, record),
    commentPointerOp(store, record),
    commentCountOp(store, input.itemId, id),
  ];
  const parentIndex = ops.length;
  if (input.parentId) ops.push(topLevelExistsOp(store, input.itemId, input.parentId));
  const firstAttachment = ops.length;
  // Unused by anything: a photo a visit or a progress update took is not a comment's too.
  for (const a of opts.filesClaimed ? [] : input.attachments)
    ops.push(claimUploadOp(store, a.id, input.author.sub, input.itemId, { commentId: id }));
  const firstExtra = ops.length;
  ops.push(...(opts.extraOps?.(record) ?? []));
  try {
    // With the comments posted meanwhile, in one transaction (see commitNewComment); refused alone.
    await commitNewComment(store, ops);
  } catch (err) {
    if (err instanceof ConditionFailedError) {
      if (err.index >= firstExtra) throw new IdempotencyFencedError();
      if (input.parentId && err.index === parentIndex) throw new ParentNotFoundError();
      if (err.index >= firstAttachment) throw new AttachmentUnavailableError();
    }
    throw err;
  }
  return record;
}

/**
 * Replaces the text and keeps the previous one as a revision, in one transaction. The edit applies
 * only to the text it was made from (revision number) and never to a deleted comment.
 */
export async function editComment(
  store: Store,
  comment: CommentRecord,
  body: string,
  now: Date,
): Promise<CommentRecord> {
  try {
    await transact(store, commentEditOps(store, comment, body, now));
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new StaleCommentError();
    throw err;
  }
  return { ...comment, body, editedAt: now.toISOString(), revision: comment.revision + 1 };
}

/** A refusal of the workflow; the route words it (`invalid` → 400 on `fields`, `conflict` → 409). */
export class CommentRuleError extends Error {
  constructor(
    readonly kind: 'invalid' | 'conflict',
    message: string,
    readonly code: ProblemCode,
    /** Per field (`parentId`, `attachments.0`), for a 400. */
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'CommentRuleError';
  }
}

export interface CommentDraft {
  parentId?: string;
  body: string;
  /** Upload ids, in the order the author gave them. */
  attachmentIds: string[];
}

/**
 * The badge an official's comment carries: the item's own body when the official acts for it,
 * otherwise their first body. Names come from the bodies table (the item's copy as a fallback).
 */
async function officialBadge(store: Store, author: Principal, item: Item) {
  if (!author.roles.includes('official') || author.bodies.length === 0) return undefined;
  const bodyId = author.bodies.includes(item.body.id) ? item.body.id : author.bodies[0]!;
  const body = await getBody(store, bodyId);
  const bodyName = body?.name ?? (bodyId === item.body.id ? item.body.name : { en: bodyId });
  return { bodyId, bodyName };
}

/** The author's finalized, unused uploads, in the order given; refused naming each one that is not. */
async function claimableAttachments(
  store: Store,
  author: Principal,
  ids: string[],
): Promise<StoredAttachment[]> {
  const uploads = await Promise.all(ids.map((id) => getUpload(store, id)));
  const bad = uploads.flatMap((u, i) =>
    // A detached signature belongs beside its document in an official's record, not on a comment.
    !isClaimableBy(u, author.sub) || u.type === SIGNATURE_TYPE
      ? [{ field: `attachments.${i}`, message: 'not a finalized upload of yours that is still unused' }]
      : [],
  );
  if (bad.length > 0)
    throw new CommentRuleError('invalid', 'An attachment cannot be used.', 'field.invalid', bad);
  return uploads.map((u) => toStoredAttachment(u!));
}

/**
 * Comments on an item, or replies to one of its top-level comments. `beforeWrite` runs once the
 * draft is known to be acceptable and before anything is stored (the route spends the rate
 * allowance there, so a refused draft costs none); `extraOps` commit with the comment (the
 * idempotency key's record).
 */
export async function commentOnItem(
  store: Store,
  item: Item,
  author: Principal,
  draft: CommentDraft,
  now: Date,
  opts: { beforeWrite?: () => Promise<void>; extraOps?: (record: CommentRecord) => TransactOp[] } = {},
): Promise<CommentRecord> {
  const notAParent = () =>
    new CommentRuleError('invalid', 'Replies answer a top-level comment of the same item.', 'field.invalid', [
      { field: 'parentId', message: 'not a top-level comment of this item (replies are one level)' },
    ]);
  if (draft.parentId && !(await getTopLevelComment(store, item.id, draft.parentId))) throw notAParent();
  const attachments = await claimableAttachments(store, author, draft.attachmentIds);
  await opts.beforeWrite?.();
  const official = await officialBadge(store, author, item);
  try {
    return await postComment(
      store,
      {
        itemId: item.id,
        ...(draft.parentId ? { parentId: draft.parentId } : {}),
        author: { sub: author.sub, name: author.name },
        ...(official ? { official } : {}),
        body: draft.body,
        attachments,
      },
      now,
      // The item's followers hear of it in their next digest, from the same transaction.
      {
        extraOps: (record) => [
          ...(opts.extraOps?.(record) ?? []),
          commentEventOp(store, item, record.id, author.sub, now),
        ],
      },
    );
  } catch (err) {
    // Checked above, but the parent or an upload can change between the check and the write.
    if (err instanceof ParentNotFoundError) throw notAParent();
    if (err instanceof AttachmentUnavailableError)
      throw new CommentRuleError('invalid', 'An attachment was used meanwhile.', 'field.invalid', [
        { field: 'attachments', message: 'an attachment was used meanwhile' },
      ]);
    throw err;
  }
}

/** The author's edit; the previous text is kept as a revision. */
export async function editOwnComment(
  store: Store,
  comment: CommentRecord,
  body: string,
  now: Date,
): Promise<CommentRecord> {
  if (comment.deleted)
    throw new CommentRuleError('conflict', 'A deleted comment cannot be edited.', 'comment.deleted');
  try {
    return await editComment(store, comment, body, now);
  } catch (err) {
    if (err instanceof StaleCommentError)
      throw new CommentRuleError('conflict', 'The comment changed meanwhile; reload it.', 'comment.stale');
    throw err;
  }
}

/**
 * The author's delete: the record stays as a tombstone (replies keep their place, the count stays
 * what was posted) but its text, history and attachments are no longer shown. Idempotent.
 */
export async function deleteOwnComment(store: Store, comment: CommentRecord, now: Date): Promise<void> {
  try {
    await transact(store, [commentTombstoneOp(store, comment, now)]);
  } catch (err) {
    if (err instanceof ConditionFailedError) return; // already deleted
    throw err;
  }
}

/** Records the user's "+1" once; a repeat changes nothing. Returns the resulting count. */
export async function supportComment(
  store: Store,
  comment: CommentRecord,
  sub: string,
  now: Date,
): Promise<number> {
  try {
    await transact(store, commentSupportOps(store, comment, sub, now));
  } catch (err) {
    if (!(err instanceof ConditionFailedError && err.index === 0)) throw err;
  }
  return readSupportCount(store, comment);
}
