/**
 * The moderation log of comments: persistence only. The workflows (flag, hide, restore, block, the
 * decision on a comment) are functions/services/moderation.ts. The log is append-only: each entry is
 * created with a conditional put and no code path updates or deletes one.
 *
 * An entry is the `moderationEntry` entity (data/schema.ts, keys in functions/README.md); the
 * moderation queue is on the comment records themselves (data/comments.ts).
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import type { AuditEntry, ModerationReason } from '../../shared/comments';
import type { Store } from './client';
import type { CommentRecord } from './comments';
import { entitiesOf, kindIn, MODELS, recordKey } from './schema';
import type { TransactOp } from './transaction';

const nextId = monotonicFactory();

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
        ...recordKey(MODELS.moderationEntry, { commentId: comment.id, id }),
        entity: 'moderation-audit',
        id,
        commentId: comment.id,
        itemId: comment.itemId,
        ...entry,
        gsi7pk: 'KIND#MODLOG',
        gsi7sk: id,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The audit log, newest first. */
export async function listAudit(store: Store, limit = 100): Promise<AuditEntry[]> {
  const query = entitiesOf(store)
    .moderationEntry.query.all({})
    // The log holds the older entries and the comments' entries of the per-content history
    // (services/moderation.ts `historyPut`), which are written to this partition too.
    .where(kindIn('moderation-audit', 'moderation-history'))
    .params() as QueryCommandInput;
  // One Query of `limit` rows, newest first (the log is read as one page).
  const res = await store.doc.send(new QueryCommand({ ...query, ScanIndexForward: false, Limit: limit }));
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
