/**
 * Discussion threads: comments with one level of replies, their edit history, "+1"s and flags.
 * Text is stored exactly as typed (rendering is the web's job, through shared/richtext.ts).
 *
 * Keys (see functions/README.md):
 *   top-level comment   pk ITEM#<item>      sk COMMENT#<id>
 *   reply               pk ITEM#<item>      sk REPLY#<parent>#<id>
 *   thread counter      pk ITEM#<item>      sk THREAD#<shard>       { commentCount } (sum of shards; legacy sk THREAD)
 *   comment by id       pk COMMENT#<id>     sk COMMENT              { itemId, sk } (pointer)
 *   revision            pk COMMENT#<id>     sk REV#<ulid>           { body, at } (the text before an edit)
 *   support (+1)        pk COMMENT#<id>     sk SUPPORT#<sub>
 *   flag                pk COMMENT#<id>     sk FLAG#<sub>
 *   activity on item    byCategory gsi3pk THREAD#<item>  gsi3sk <id>   (every comment and reply; the feed)
 *   user's comments     byUser     gsi6pk USER#<sub>     gsi6sk COMMENT#<id>
 *   moderation queue    byStatus   gsi5pk MODQUEUE       gsi5sk <first flag at>#<id>  (set while flagged, unreviewed)
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import type {
  Attachment,
  AttachmentType,
  CommentView,
  ModerationReason,
  ReplyView,
} from '../../shared/comments';
import type { Localized } from '../../shared/i18n-text';
import { claimUploadOp } from '../blobs/uploads';
import type { Store } from './client';
import { IdempotencyFencedError } from './idempotency';
import { queryAll } from './query-all';
import { ConditionFailedError, type TransactOp, transact } from './transaction';

const nextId = monotonicFactory();

/** Shards of an item's comment counter (see commentKeys.counterShardSk). */
export const COUNTER_SHARDS = 16;

export const commentKeys = {
  itemPk: (itemId: string) => `ITEM#${itemId}`,
  topSk: (id: string) => `COMMENT#${id}`,
  replySk: (parentId: string, id: string) => `REPLY#${parentId}#${id}`,
  /** The unsharded counter of older data; still summed. */
  counterSk: 'THREAD',
  /**
   * The count is spread over shards so a burst of comments on one item does not serialize on one
   * record (each transaction touching it conflicts with every other): the comment id picks the shard.
   */
  counterShardSk: (commentId: string) =>
    `THREAD#${(commentId.charCodeAt(commentId.length - 1) + commentId.charCodeAt(commentId.length - 2)) % COUNTER_SHARDS}`,
  pointerPk: (id: string) => `COMMENT#${id}`,
  pointerSk: 'COMMENT',
  activity: (itemId: string) => `THREAD#${itemId}`,
  user: (sub: string) => `USER#${sub}`,
  queue: 'MODQUEUE',
};

export type Visibility = 'visible' | 'pending' | 'hidden';

/** What a comment keeps of each attached upload. */
export interface StoredAttachment {
  id: string;
  type: AttachmentType;
  name: string;
  size: number;
  width?: number;
  height?: number;
  hasThumbnail: boolean;
}

export interface CommentRecord {
  pk: string;
  sk: string;
  entity: 'comment';
  id: string;
  itemId: string;
  parentId?: string;
  authorSub: string;
  authorName: string;
  official?: { bodyId: string; bodyName: Localized };
  body: string;
  createdAt: string;
  editedAt?: string;
  /** Number of edits; the edit condition, so two edits cannot both apply to the same text. */
  revision: number;
  deleted: boolean;
  deletedAt?: string;
  visibility: Visibility;
  hiddenReason?: ModerationReason;
  lastFlagReason?: ModerationReason;
  reviewedAt?: string;
  supportCount: number;
  flagCount: number;
  attachments: StoredAttachment[];
}

// ---------------------------------------------------------------------------------------------
// Transactions

// One runner for every transaction (functions/data/transaction.ts); re-exported for existing importers.
export { ConditionFailedError, isTransient, type TransactOp, transact } from './transaction';

// ---------------------------------------------------------------------------------------------
// Writing

export interface NewComment {
  itemId: string;
  parentId?: string;
  author: { sub: string; name: string };
  official?: { bodyId: string; bodyName: Localized };
  body: string;
  attachments: StoredAttachment[];
}

export class ParentNotFoundError extends Error {}
export class AttachmentUnavailableError extends Error {}

/**
 * Stores a comment, its pointer and the item's new count in one transaction, so the count is exact
 * however many people post at once. Attachments are claimed in the same transaction: each must be
 * the author's, finalized and not yet used.
 */
export async function postComment(
  store: Store,
  input: NewComment,
  now: Date,
  opts: { extraOps?: (record: CommentRecord) => TransactOp[] } = {},
): Promise<CommentRecord> {
  const id = nextId(now.getTime());
  const sk = input.parentId ? commentKeys.replySk(input.parentId, id) : commentKeys.topSk(id);
  const record: CommentRecord & Record<string, unknown> = {
    pk: commentKeys.itemPk(input.itemId),
    sk,
    entity: 'comment',
    id,
    itemId: input.itemId,
    ...(input.parentId ? { parentId: input.parentId } : {}),
    authorSub: input.author.sub,
    authorName: input.author.name,
    ...(input.official ? { official: input.official } : {}),
    body: input.body,
    createdAt: now.toISOString(),
    revision: 0,
    deleted: false,
    visibility: 'visible',
    supportCount: 0,
    flagCount: 0,
    attachments: input.attachments,
    gsi3pk: commentKeys.activity(input.itemId),
    gsi3sk: id,
    gsi6pk: commentKeys.user(input.author.sub),
    gsi6sk: `COMMENT#${id}`,
  };
  const ops: TransactOp[] = [
    {
      Put: {
        TableName: store.table,
        Item: record,
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: store.table,
        Item: {
          pk: commentKeys.pointerPk(id),
          sk: commentKeys.pointerSk,
          itemId: input.itemId,
          commentSk: sk,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: store.table,
        Key: { pk: commentKeys.itemPk(input.itemId), sk: commentKeys.counterShardSk(id) },
        UpdateExpression: 'ADD commentCount :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
  const parentIndex = ops.length;
  if (input.parentId) {
    ops.push({
      ConditionCheck: {
        TableName: store.table,
        Key: { pk: commentKeys.itemPk(input.itemId), sk: commentKeys.topSk(input.parentId) },
        ConditionExpression: 'attribute_exists(pk)',
      },
    });
  }
  const firstAttachment = ops.length;
  // Unused by anything: a photo a visit or a progress update took is not a comment's too.
  for (const a of input.attachments)
    ops.push(claimUploadOp(store, a.id, input.author.sub, input.itemId, { commentId: id }));
  const firstExtra = ops.length;
  ops.push(...(opts.extraOps?.(record) ?? []));
  try {
    await transact(store, ops);
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

/** Finds a comment by id alone (through its pointer record). */
export async function getComment(store: Store, id: string): Promise<CommentRecord | null> {
  const ptr = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk: commentKeys.pointerPk(id), sk: commentKeys.pointerSk },
    }),
  );
  if (!ptr.Item) return null;
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk: commentKeys.itemPk(ptr.Item.itemId as string), sk: ptr.Item.commentSk as string },
      ConsistentRead: true,
    }),
  );
  return (res.Item as CommentRecord | undefined) ?? null;
}

export async function getTopLevelComment(
  store: Store,
  itemId: string,
  id: string,
): Promise<CommentRecord | null> {
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk: commentKeys.itemPk(itemId), sk: commentKeys.topSk(id) },
    }),
  );
  return (res.Item as CommentRecord | undefined) ?? null;
}

export class StaleCommentError extends Error {}

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
  const at = now.toISOString();
  try {
    await transact(store, [
      {
        Update: {
          TableName: store.table,
          Key: { pk: comment.pk, sk: comment.sk },
          UpdateExpression: 'SET body = :b, editedAt = :at, revision = :next',
          ConditionExpression: 'revision = :rev AND deleted = :no',
          ExpressionAttributeValues: {
            ':b': body,
            ':at': at,
            ':rev': comment.revision,
            ':next': comment.revision + 1,
            ':no': false,
          },
        },
      },
      {
        Put: {
          TableName: store.table,
          Item: {
            pk: commentKeys.pointerPk(comment.id),
            sk: `REV#${nextId(now.getTime())}`,
            body: comment.body,
            at: comment.editedAt ?? comment.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new StaleCommentError();
    throw err;
  }
  return { ...comment, body, editedAt: at, revision: comment.revision + 1 };
}

/** Earlier texts of a comment, oldest first. */
export async function listRevisions(store: Store, id: string): Promise<{ body: string; at: string }[]> {
  const items = await queryAll(store, {
    TableName: store.table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
    ExpressionAttributeValues: { ':pk': commentKeys.pointerPk(id), ':rev': 'REV#' },
  });
  return items.map((i) => ({ body: i.body as string, at: i.at as string }));
}

/**
 * The author's delete: the record stays as a tombstone (replies keep their place, the count stays
 * what was posted) but its text, history and attachments are no longer shown.
 */
export async function deleteComment(store: Store, comment: CommentRecord, now: Date): Promise<void> {
  try {
    await transact(store, [
      {
        Update: {
          TableName: store.table,
          Key: { pk: comment.pk, sk: comment.sk },
          UpdateExpression: 'SET deleted = :yes, deletedAt = :at, body = :empty, attachments = :none',
          ConditionExpression: 'attribute_exists(pk) AND deleted = :no',
          ExpressionAttributeValues: {
            ':yes': true,
            ':no': false,
            ':at': now.toISOString(),
            ':empty': '',
            ':none': [],
          },
        },
      },
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) return; // already deleted: deleting is idempotent
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
    await transact(store, [
      {
        Put: {
          TableName: store.table,
          Item: { pk: commentKeys.pointerPk(comment.id), sk: `SUPPORT#${sub}`, at: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: store.table,
          Key: { pk: comment.pk, sk: comment.sk },
          UpdateExpression: 'ADD supportCount :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
    ]);
  } catch (err) {
    if (!(err instanceof ConditionFailedError && err.index === 0)) throw err;
  }
  const fresh = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: comment.pk, sk: comment.sk }, ConsistentRead: true }),
  );
  return Number(fresh.Item?.supportCount ?? 0);
}

export class AlreadyFlaggedError extends Error {}

/** Records one user's flag (once per user) and puts the comment in the moderators' queue. */
export async function recordFlag(
  store: Store,
  comment: CommentRecord,
  by: { sub: string },
  reason: ModerationReason,
  note: string | undefined,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  try {
    await transact(store, [
      {
        Put: {
          TableName: store.table,
          Item: {
            pk: commentKeys.pointerPk(comment.id),
            sk: `FLAG#${by.sub}`,
            reason,
            ...(note ? { note } : {}),
            at,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: store.table,
          Key: { pk: comment.pk, sk: comment.sk },
          UpdateExpression:
            'ADD flagCount :one SET lastFlagReason = :r, gsi5pk = if_not_exists(gsi5pk, :q), gsi5sk = if_not_exists(gsi5sk, :qs)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':one': 1,
            ':r': reason,
            ':q': commentKeys.queue,
            ':qs': `${at}#${comment.id}`,
          },
        },
      },
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError && err.index === 0) throw new AlreadyFlaggedError();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

// One paginator for every full read (functions/data/query-all.ts); re-exported for existing importers.
export { queryAll } from './query-all';

export async function countComments(store: Store, itemId: string): Promise<number> {
  // The legacy counter (sk THREAD) and every shard (THREAD#n): one strongly consistent range read.
  const items = await queryAll(store, {
    TableName: store.table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)',
    ExpressionAttributeValues: { ':pk': commentKeys.itemPk(itemId), ':t': commentKeys.counterSk },
    ConsistentRead: true,
  });
  return items
    .filter((i) => i.sk === commentKeys.counterSk || String(i.sk).startsWith(`${commentKeys.counterSk}#`))
    .reduce((n, i) => n + Number(i.commentCount ?? 0), 0);
}

export type ThreadOrder = 'oldest' | 'newest';

interface CursorState {
  o: ThreadOrder;
  /** Id of the last top-level comment on the previous page. */
  k: string;
}

/** An opaque cursor: clients pass it back unchanged, and cannot build one that reads elsewhere. */
export function encodeCursor(order: ThreadOrder, lastId: string): string {
  return Buffer.from(JSON.stringify({ o: order, k: lastId } satisfies CursorState)).toString('base64url');
}

export function decodeCursor(cursor: string, order: ThreadOrder): string | null {
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorState>;
    if (state.o !== order || typeof state.k !== 'string' || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(state.k))
      return null;
    return state.k;
  } catch {
    return null;
  }
}

export interface ThreadSlice {
  comments: Array<CommentRecord & { replies: CommentRecord[] }>;
  /** Id of the last comment, when more may follow. */
  lastId?: string;
}

/** One page of top-level comments in the chosen order, each with all its replies oldest first. */
export async function listThread(
  store: Store,
  itemId: string,
  opts: { order: ThreadOrder; after?: string; limit: number },
): Promise<ThreadSlice> {
  const pk = commentKeys.itemPk(itemId);
  const res = await store.doc.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': pk, ':c': 'COMMENT#' },
      ScanIndexForward: opts.order === 'oldest',
      Limit: opts.limit,
      ...(opts.after ? { ExclusiveStartKey: { pk, sk: commentKeys.topSk(opts.after) } } : {}),
    }),
  );
  const tops = (res.Items ?? []) as CommentRecord[];
  const replies = new Map<string, CommentRecord[]>();
  if (tops.length > 0) {
    const ids = tops.map((t) => t.id).sort();
    // All replies of the page in one range read: reply keys sort by their parent's id.
    const found = (await queryAll(store, {
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: {
        ':pk': pk,
        ':lo': `REPLY#${ids[0]}#`,
        ':hi': `REPLY#${ids[ids.length - 1]}#~`,
      },
    })) as unknown as CommentRecord[];
    for (const r of found) {
      if (!r.parentId) continue;
      const list = replies.get(r.parentId) ?? [];
      list.push(r);
      replies.set(r.parentId, list);
    }
  }
  const lastId = res.LastEvaluatedKey ? tops[tops.length - 1]?.id : undefined;
  return {
    comments: tops.map((t) => ({ ...t, replies: replies.get(t.id) ?? [] })),
    ...(lastId ? { lastId } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The public view

export const attachmentUrls = {
  file: (id: string) => `/api/attachments/${id}`,
  thumbnail: (id: string) => `/api/attachments/${id}/thumbnail`,
};

export function toAttachmentView(a: StoredAttachment): Attachment {
  return {
    id: a.id,
    type: a.type,
    name: a.name,
    size: a.size,
    ...(a.width ? { width: a.width } : {}),
    ...(a.height ? { height: a.height } : {}),
    url: attachmentUrls.file(a.id),
    ...(a.hasThumbnail ? { thumbnailUrl: attachmentUrls.thumbnail(a.id) } : {}),
  };
}

/** What anyone may see of a comment: hidden and deleted comments lose their text and files. */
export function toReplyView(r: CommentRecord, viewerSub: string | undefined): ReplyView {
  const hidden = r.visibility !== 'visible' && !r.deleted;
  const shown = !hidden && !r.deleted;
  return {
    id: r.id,
    itemId: r.itemId,
    ...(r.parentId ? { parentId: r.parentId } : {}),
    author: {
      name: r.authorName,
      ...(r.official
        ? { official: { bodyId: r.official.bodyId, bodyName: r.official.bodyName as Record<string, string> } }
        : {}),
    },
    body: shown ? r.body : null,
    createdAt: r.createdAt,
    ...(r.editedAt && shown ? { editedAt: r.editedAt } : {}),
    deleted: r.deleted,
    ...(hidden
      ? {
          hidden: {
            reason: r.hiddenReason ?? r.lastFlagReason ?? 'other',
            pendingReview: r.visibility === 'pending',
          },
        }
      : {}),
    supportCount: r.supportCount,
    mine: viewerSub !== undefined && viewerSub === r.authorSub,
    attachments: shown ? r.attachments.map(toAttachmentView) : [],
  };
}

export function toCommentView(
  r: CommentRecord & { replies?: CommentRecord[] },
  viewerSub: string | undefined,
): CommentView {
  return {
    ...toReplyView(r, viewerSub),
    ...(r.replies ? { replies: r.replies.map((x) => toReplyView(x, viewerSub)) } : {}),
  };
}
