/**
 * The moderation log of comments: persistence only. The workflows (flag, hide, restore, block, the
 * decision on a comment) are functions/services/moderation.ts. The log is append-only: each entry is
 * created with a conditional put and no code path updates or deletes one.
 *
 * Keys (see functions/README.md):
 *   audit entry        pk COMMENT#<comment>  sk AUDIT#<ulid>
 *   audit log          byKind   gsi7pk KIND#MODLOG  gsi7sk <ulid>      (newest first for moderators)
 *   moderation queue   byStatus gsi5pk MODQUEUE     gsi5sk <first flag at>#<comment>
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import type { AuditEntry, ModerationReason } from '../../shared/comments';
import type { Store } from './client';
import { type CommentRecord, commentKeys } from './comments';
import type { TransactOp } from './transaction';

const nextId = monotonicFactory();

export const moderationKeys = { auditKind: 'KIND#MODLOG' };

type Actor = { sub: string; name: string };

/** The put of one moderation-log entry (append-only: refused if the id exists); rides in the change's transaction. */
export function moderationAuditPut(
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
