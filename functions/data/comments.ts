/**
 * Discussion threads, persistence only: comments with one level of replies, their edit history,
 * "+1"s. The keys, the record mapping, the ops a transaction carries and the reads; the workflow
 * (what is posted, edited, deleted, supported, and its transactions) is services/comments.ts.
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
import type { Store } from './client';
import { queryAll } from './query-all';
import type { TransactOp } from './transaction';

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
// Records and the ops a service commits (the workflow and its transactions: services/comments.ts)

export interface NewComment {
  itemId: string;
  parentId?: string;
  author: { sub: string; name: string };
  official?: { bodyId: string; bodyName: Localized };
  body: string;
  attachments: StoredAttachment[];
}

/** A fresh comment id: ULIDs from one monotonic factory, so ids posted in one millisecond still sort. */
export function newCommentId(now: Date): string {
  return nextId(now.getTime());
}

/** The stored record of a new comment or reply, with its thread-activity and author index keys. */
export function toCommentRecord(input: NewComment, id: string, now: Date): CommentRecord {
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
  return record;
}

/** Puts a new comment (never over an existing one). */
export function commentPutOp(store: Store, record: CommentRecord): TransactOp {
  return {
    Put: { TableName: store.table, Item: record, ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** The by-id pointer of a comment (pk COMMENT#<id>). */
export function commentPointerOp(store: Store, record: CommentRecord): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: {
        pk: commentKeys.pointerPk(record.id),
        sk: commentKeys.pointerSk,
        itemId: record.itemId,
        commentSk: record.sk,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Adds one to the item's comment count, on the shard the comment id picks. */
export function commentCountOp(store: Store, itemId: string, commentId: string): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: { pk: commentKeys.itemPk(itemId), sk: commentKeys.counterShardSk(commentId) },
      UpdateExpression: 'ADD commentCount :one',
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
}

/** Refused unless the top-level comment exists on the item. */
export function topLevelExistsOp(store: Store, itemId: string, id: string): TransactOp {
  return {
    ConditionCheck: {
      TableName: store.table,
      Key: { pk: commentKeys.itemPk(itemId), sk: commentKeys.topSk(id) },
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

/**
 * The two ops of an edit: the new text (only over the revision it was made from, never on a
 * deleted comment) and the previous text kept as a revision.
 */
export function commentEditOps(store: Store, comment: CommentRecord, body: string, now: Date): TransactOp[] {
  return [
    {
      Update: {
        TableName: store.table,
        Key: { pk: comment.pk, sk: comment.sk },
        UpdateExpression: 'SET body = :b, editedAt = :at, revision = :next',
        ConditionExpression: 'revision = :rev AND deleted = :no',
        ExpressionAttributeValues: {
          ':b': body,
          ':at': now.toISOString(),
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
  ];
}

/** Turns a comment into a tombstone (refused when it is already one). */
export function commentTombstoneOp(store: Store, comment: CommentRecord, now: Date): TransactOp {
  return {
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
  };
}

/** One user's "+1" (refused at index 0 when it is already there) and the comment's counter. */
export function commentSupportOps(
  store: Store,
  comment: CommentRecord,
  sub: string,
  now: Date,
): TransactOp[] {
  return [
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
  ];
}

// ---------------------------------------------------------------------------------------------
// Reading

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

/** Earlier texts of a comment, oldest first. */
export async function listRevisions(store: Store, id: string): Promise<{ body: string; at: string }[]> {
  const items = await queryAll(store, {
    TableName: store.table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
    ExpressionAttributeValues: { ':pk': commentKeys.pointerPk(id), ':rev': 'REV#' },
  });
  return items.map((i) => ({ body: i.body as string, at: i.at as string }));
}

/** A comment's "+1" count as stored now (strongly consistent). */
export async function readSupportCount(store: Store, comment: CommentRecord): Promise<number> {
  const fresh = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: comment.pk, sk: comment.sk }, ConsistentRead: true }),
  );
  return Number(fresh.Item?.supportCount ?? 0);
}

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
