/**
 * Moderation: hiding and restoring comments, and the audit log of every such action. The log is
 * append-only: each entry is created with a conditional put and no code path updates or deletes
 * one. A state change and its entry are written in one transaction, so neither exists without the
 * other.
 *
 * Keys (see functions/README.md):
 *   audit entry        pk COMMENT#<comment>  sk AUDIT#<ulid>
 *   audit log          byKind   gsi7pk KIND#MODLOG  gsi7sk <ulid>      (newest first for moderators)
 *   moderation queue   byStatus gsi5pk MODQUEUE     gsi5sk <first flag at>#<comment>
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { type AuditEntry, FLAGS_TO_HIDE, type ModerationReason } from '../../shared/comments';
import { appendAuditEntry, StaleWriteError } from '../audit/chain';
import { moderationAuditRecord } from '../audit/records';
import type { Store } from './client';
import { type CommentRecord, ConditionFailedError, commentKeys, type TransactOp } from './comments';

const nextId = monotonicFactory();

export const moderationKeys = { auditKind: 'KIND#MODLOG' };

/** The actor of actions the rules take by themselves (hiding after enough flags). */
export const SYSTEM_ACTOR = { sub: 'system', name: 'system' } as const;

type Actor = { sub: string; name: string };

function auditPut(
  store: Store,
  comment: CommentRecord,
  entry: Omit<AuditEntry, 'id' | 'commentId' | 'itemId'>,
  now: Date,
): TransactOp {
  const id = nextId(now.getTime());
  return {
    Put: {
      TableName: store.table,
      Item: {
        pk: commentKeys.pointerPk(comment.id),
        sk: `AUDIT#${id}`,
        entity: 'moderation-audit',
        id,
        commentId: comment.id,
        itemId: comment.itemId,
        ...entry,
        gsi7pk: moderationKeys.auditKind,
        gsi7sk: id,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Hides the comment pending review once enough different users flagged it. Only a visible comment
 * that no moderator has reviewed yet is hidden this way: a moderator's "restore" stands.
 * Returns whether this call hid it.
 */
export async function hideIfFlaggedEnough(
  store: Store,
  comment: CommentRecord,
  reason: ModerationReason,
  now: Date,
): Promise<boolean> {
  try {
    const at = now.toISOString();
    await appendAuditEntry(
      store,
      {
        actorSub: null,
        action: 'moderation.flag_threshold_hide',
        at,
        record: moderationAuditRecord({ ...comment, visibility: 'pending', hiddenReason: reason }),
      },
      [
        {
          Update: {
            TableName: store.table,
            Key: { pk: comment.pk, sk: comment.sk },
            UpdateExpression: 'SET visibility = :pending, hiddenReason = :r',
            ConditionExpression:
              'visibility = :visible AND flagCount >= :n AND attribute_not_exists(reviewedAt)',
            ExpressionAttributeValues: {
              ':pending': 'pending',
              ':visible': 'visible',
              ':n': FLAGS_TO_HIDE,
              ':r': reason,
            },
          },
        },
        auditPut(
          store,
          comment,
          {
            at: now.toISOString(),
            action: 'flag_threshold_hide',
            actor: SYSTEM_ACTOR,
            reason,
            note: `${FLAGS_TO_HIDE} flags from different users`,
          },
          now,
        ),
      ],
    );
    return true;
  } catch (err) {
    if (err instanceof StaleWriteError) return false;
    if (err instanceof ConditionFailedError && err.index === 0) return false;
    throw err;
  }
}

/** A moderator's decision: hide or restore, with the reason; takes the comment out of the queue. */
export async function decide(
  store: Store,
  comment: CommentRecord,
  decision: { action: 'hide' | 'restore'; reason: ModerationReason; note: string },
  actor: Actor,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const visibility = decision.action === 'hide' ? 'hidden' : 'visible';
  const after = moderationAuditRecord({
    ...comment,
    visibility,
    hiddenReason: decision.action === 'hide' ? decision.reason : undefined,
  });
  await appendAuditEntry(
    store,
    { actorSub: actor.sub, action: `moderation.${decision.action}`, at, record: after },
    [
      {
        Update: {
          TableName: store.table,
          Key: { pk: comment.pk, sk: comment.sk },
          UpdateExpression:
            decision.action === 'hide'
              ? 'SET visibility = :v, hiddenReason = :r, reviewedAt = :at REMOVE gsi5pk, gsi5sk'
              : 'SET visibility = :v, reviewedAt = :at REMOVE hiddenReason, gsi5pk, gsi5sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':v': visibility,
            ':at': at,
            ...(decision.action === 'hide' ? { ':r': decision.reason } : {}),
          },
        },
      },
      auditPut(
        store,
        comment,
        { at, action: decision.action, actor, reason: decision.reason, note: decision.note },
        now,
      ),
    ],
  );
}

/** Comments flagged and not yet reviewed, oldest flag first. */
export async function listQueue(store: Store, limit = 100): Promise<CommentRecord[]> {
  const res = await store.doc.send(
    new QueryCommand({
      TableName: store.table,
      IndexName: 'byStatus',
      KeyConditionExpression: 'gsi5pk = :q',
      ExpressionAttributeValues: { ':q': commentKeys.queue },
      Limit: limit,
    }),
  );
  return (res.Items ?? []) as CommentRecord[];
}

/** The audit log, newest first. */
export async function listAudit(store: Store, limit = 100): Promise<AuditEntry[]> {
  const res = await store.doc.send(
    new QueryCommand({
      TableName: store.table,
      IndexName: 'byKind',
      KeyConditionExpression: 'gsi7pk = :k',
      ExpressionAttributeValues: { ':k': moderationKeys.auditKind },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (res.Items ?? []).map((i) => ({
    id: i.id as string,
    at: i.at as string,
    action: i.action as AuditEntry['action'],
    commentId: i.commentId as string,
    itemId: i.itemId as string,
    actor: i.actor as Actor,
    reason: i.reason as ModerationReason,
    ...(i.note ? { note: i.note as string } : {}),
  }));
}
