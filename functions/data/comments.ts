/**
 * Discussion threads, persistence only: comments with one level of replies, their edit history,
 * "+1"s. The keys, the record mapping, the ops a transaction carries and the reads; the workflow
 * (what is posted, edited, deleted, supported, and its transactions) is services/comments.ts.
 * Text is stored exactly as typed (rendering is the web's job, through shared/richtext.ts).
 *
 * The records are the entities of data/entities/comments.ts (keys in functions/README.md, generated
 * from them): reads go through the entities, and the ops a service's transaction carries are keyed
 * by the same templates (`recordKey`, `indexKey`). The thread's activity on byCategory is
 * `threadActivity` (data/schema.ts); the moderation state of a comment is services/moderation.ts'.
 */
import { type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
import {
  commentEntitiesOf,
  commentModel,
  commentPointerModel,
  commentRevisionModel,
  commentSupportModel,
  replyModel,
  threadCounterModel,
} from './entities/comments';
import { queryAll, queryEntityRecords, queryFirstPage } from './query-all';
import {
  entitiesOf,
  fill,
  go,
  indexKey,
  itemPartition,
  kindIs,
  OWN,
  prefixOf,
  recordKey,
  threadActivityModel,
} from './schema';
import { ConditionFailedError, runTransaction, type TransactOp } from './transaction';

const nextId = monotonicFactory();

/** Shards of an item's comment counter (see commentKeys.counterShardSk). */
export const COUNTER_SHARDS = 16;

/** Key facts other modules still spell (the agenda's +1 signal, the Atom feed's activity read). */
export const commentKeys = {
  itemPk: itemPartition,
  topSk: (id: string) => fill(commentModel.indexes.record.sk.template, { id }),
  /** The sort keys of an item's top-level comments and of its replies begin with these. */
  topPrefix: prefixOf(commentModel.indexes.record.sk.template),
  replyPrefix: prefixOf(replyModel.indexes.record.sk.template),
  activity: (itemId: string) => fill(threadActivityModel.indexes.activity.pk.template, { itemId }),
  /** The unsharded counter of older data; still summed. */
  counterSk: 'THREAD',
  /**
   * The count is spread over shards so a burst of comments on one item does not serialize on one
   * record (each transaction touching it conflicts with every other): the comment id picks the shard.
   */
  counterShardSk: (commentId: string) =>
    `THREAD#${(commentId.charCodeAt(commentId.length - 1) + commentId.charCodeAt(commentId.length - 2)) % COUNTER_SHARDS}`,
};

/** The stored record of a `get`, whole (`data: 'raw'`; records older than ElectroDB: OWN). */
async function readRaw(
  // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's go options are typed per entity.
  get: { go(options: any): Promise<{ data: unknown }> },
  consistent: boolean,
): Promise<Record<string, unknown> | undefined> {
  const res = await go(get.go({ ...OWN, data: 'raw', consistent }));
  return (res.data as { Item?: Record<string, unknown> }).Item;
}

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
  /** A digitally signed PDF, published as received (functions/blobs/pdf-publish.ts). */
  signed?: boolean;
  /** SHA-256 (hex) of the public copy (absent on files published before it was recorded). */
  sha256?: string;
  /** A detached signature file: the document it signs (functions/blobs/uploads.ts, `attachFiles`). */
  signatureOf?: string;
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
  const key = input.parentId
    ? recordKey(replyModel, { itemId: input.itemId, parentId: input.parentId, id })
    : recordKey(commentModel, { itemId: input.itemId, id });
  const record: CommentRecord & Record<string, unknown> = {
    pk: key.pk!,
    sk: key.sk!,
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
    // A reply is on the thread's activity and its author's list alike, under its own id.
    ...indexKey(threadActivityModel.indexes.activity, { itemId: input.itemId, id }),
    ...indexKey(commentModel.indexes.byAuthor, { authorSub: input.author.sub, id }),
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
        ...recordKey(commentPointerModel, { commentId: record.id }),
        itemId: record.itemId,
        commentSk: record.sk,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Counter increments, told apart so a group commit can add up those on one shard (they carry no condition). */
const counterOps = new WeakSet<TransactOp>();

/** Adds `by` (one) to the item's comment count, on the shard the comment id picks. */
export function commentCountOp(store: Store, itemId: string, commentId: string, by = 1): TransactOp {
  const op: TransactOp = {
    Update: {
      TableName: store.table,
      Key: recordKey(threadCounterModel, { itemId, counterSk: commentKeys.counterShardSk(commentId) }),
      UpdateExpression: 'ADD commentCount :one',
      ExpressionAttributeValues: { ':one': by },
    },
  };
  counterOps.add(op);
  return op;
}

/** Refused unless the top-level comment exists on the item. */
export function topLevelExistsOp(store: Store, itemId: string, id: string): TransactOp {
  return {
    ConditionCheck: {
      TableName: store.table,
      Key: recordKey(commentModel, { itemId, id }),
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
          ...recordKey(commentRevisionModel, { commentId: comment.id, id: nextId(now.getTime()) }),
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
        Item: { ...recordKey(commentSupportModel, { commentId: comment.id, sub }), at: now.toISOString() },
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
  const ptr = await readRaw(commentEntitiesOf(store).commentPointer.get({ commentId: id }), false);
  if (!ptr) return null;
  return readComment(store, String(ptr.itemId), String(ptr.commentSk));
}

/** A comment or reply by its item and sort key, as stored now (strongly consistent). */
async function readComment(store: Store, itemId: string, threadSk: string): Promise<CommentRecord | null> {
  const record = await readRaw(entitiesOf(store).threadActivity.get({ itemId, threadSk }), true);
  return (record as CommentRecord | undefined) ?? null;
}

export async function getTopLevelComment(
  store: Store,
  itemId: string,
  id: string,
): Promise<CommentRecord | null> {
  const record = await readRaw(commentEntitiesOf(store).comment.get({ itemId, id }), false);
  return (record as CommentRecord | undefined) ?? null;
}

/** Earlier texts of a comment, oldest first. */
export async function listRevisions(store: Store, id: string): Promise<{ body: string; at: string }[]> {
  const items = await queryEntityRecords(
    commentEntitiesOf(store).commentRevision.query.record({ commentId: id }),
  );
  return items.map((i) => ({ body: i.body as string, at: i.at as string }));
}

/** A comment's "+1" count as stored now (strongly consistent). */
export async function readSupportCount(store: Store, comment: CommentRecord): Promise<number> {
  const fresh = await readComment(store, comment.itemId, comment.sk);
  return Number(fresh?.supportCount ?? 0);
}

export async function countComments(store: Store, itemId: string): Promise<number> {
  // The legacy counter (sk THREAD) and every shard (THREAD#n): one strongly consistent range read.
  const items = await queryEntityRecords(
    commentEntitiesOf(store)
      .threadCounter.query.record({ itemId })
      .begins({ counterSk: commentKeys.counterSk }),
    { options: { consistent: true } },
  );
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
  const e = commentEntitiesOf(store);
  const page = e.comment.query.record({ itemId }).params({
    order: opts.order === 'oldest' ? 'asc' : 'desc',
    limit: opts.limit,
  }) as QueryCommandInput;
  // One Query of `limit` comments, not ElectroDB's `go` (whose cursor is its own encoding of the
  // last key): the page's cursor, in the API and in links, is the last comment's id.
  const res = await queryFirstPage(
    store,
    page,
    opts.after ? recordKey(commentModel, { itemId, id: opts.after }) : undefined,
  );
  const tops = res.rows as unknown as CommentRecord[];
  const replies = new Map<string, CommentRecord[]>();
  if (tops.length > 0) {
    const ids = tops.map((t) => t.id).sort();
    // All replies of the page in one range read: reply keys sort by their parent's id (`~` sorts
    // after every ULID, so the last parent's replies are in).
    const found = (await queryEntityRecords(
      e.reply.query
        .record({ itemId })
        .between({ parentId: `${ids[0]}#` }, { parentId: `${ids[ids.length - 1]}#~` }),
    )) as unknown as CommentRecord[];
    for (const r of found) {
      if (!r.parentId) continue;
      const list = replies.get(r.parentId) ?? [];
      list.push(r);
      replies.set(r.parentId, list);
    }
  }
  const lastId = res.more ? tops[tops.length - 1]?.id : undefined;
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
    signed: a.signed,
    ...(a.sha256 ? { sha256: a.sha256 } : {}),
    ...(a.signatureOf ? { signatureOf: a.signatureOf } : {}),
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

// ── Group commit of new comments ─────────────────────────────────────────────────────────────────

/**
 * Posting a comment is one transaction (comment, pointer, count shard, the Idempotency-Key's record,
 * any claimed uploads). DynamoDB Local runs every transaction behind one lock, and its cost is mostly
 * per transaction, not per item (here: ~30 ms for one of 4 items, ~270 ms for one of 100), so 200
 * people commenting at once queued ~12 s behind each other (bench:resilience, p99 12-13 s).
 *
 * So new comments from one process commit in groups: while one transaction is in flight, the comments
 * arriving meanwhile wait and then go together in ONE TransactWriteItems (≤ 100 items), their count
 * increments added up per shard. A comment arriving when nothing is in flight goes at once, alone: in
 * Lambda (one request per instance) that is always the case, so nothing changes there.
 *
 * A group is all or nothing, like each comment's own transaction. When it is refused because one
 * member's condition failed (a fenced Idempotency-Key, a used upload, a gone parent), that member gets
 * exactly the refusal it would have got alone (ConditionFailedError with the index in its own ops)
 * and the others go again in the next group: nothing of theirs was written. Any other failure (a
 * timeout after the request was sent) reaches every member, and each resolves it as it would alone:
 * its Idempotency-Key's record says whether the (whole) group landed.
 */
interface PendingCommit {
  ops: TransactOp[];
  resolve: () => void;
  reject: (err: unknown) => void;
}
interface CommitLane {
  queue: PendingCommit[];
  busy: boolean;
}
/** DynamoDB's limits are 100 items and 4 MB per transaction; the size is estimated from the JSON. */
const GROUP_MAX_OPS = 100;
const GROUP_MAX_BYTES = 2_000_000;

const commitLanes = new WeakMap<object, Map<string, CommitLane>>();

function commitLaneOf(store: Store): CommitLane {
  let byTable = commitLanes.get(store.doc);
  if (!byTable) {
    byTable = new Map();
    commitLanes.set(store.doc, byTable);
  }
  let lane = byTable.get(store.table);
  if (!lane) {
    lane = { queue: [], busy: false };
    byTable.set(store.table, lane);
  }
  return lane;
}

/** The record an op touches: one transaction may not touch a record twice. */
function opTarget(op: TransactOp): string {
  const body = (op.Put ?? op.Update ?? op.Delete ?? op.ConditionCheck) as {
    TableName?: string;
    Item?: Record<string, unknown>;
    Key?: Record<string, unknown>;
  };
  const key = body.Item ?? body.Key ?? {};
  return `${body.TableName}\u0000${String(key.pk)}\u0000${String(key.sk)}`;
}

/** Takes the queued comments that fit one transaction, in order; a comment touching a record another one already does waits. */
function takeGroup(queue: PendingCommit[]): PendingCommit[] {
  const group: PendingCommit[] = [];
  const targets = new Set<string>();
  let ops = 0;
  let bytes = 0;
  for (let i = 0; i < queue.length; ) {
    const p = queue[i]!;
    const own = p.ops.filter((op) => !counterOps.has(op)).map(opTarget);
    const size = JSON.stringify(p.ops).length;
    const fits =
      group.length === 0 ||
      (ops + p.ops.length <= GROUP_MAX_OPS &&
        bytes + size <= GROUP_MAX_BYTES &&
        own.every((t) => !targets.has(t)) &&
        new Set(own).size === own.length);
    if (!fits) {
      if (ops + p.ops.length > GROUP_MAX_OPS) break;
      i++;
      continue;
    }
    group.push(p);
    queue.splice(i, 1);
    for (const t of own) targets.add(t);
    ops += p.ops.length;
    bytes += size;
  }
  return group;
}

/** One transaction for the whole group; `owner[i]` is the member (and its own index) of op i. */
function groupOps(group: PendingCommit[]): {
  ops: TransactOp[];
  owner: ({ member: number; index: number } | null)[];
} {
  const ops: TransactOp[] = [];
  const owner: ({ member: number; index: number } | null)[] = [];
  const counters = new Map<string, TransactOp>();
  for (const [member, p] of group.entries()) {
    for (const [index, op] of p.ops.entries()) {
      if (!counterOps.has(op) || !op.Update) {
        ops.push(op);
        owner.push({ member, index });
        continue;
      }
      const target = opTarget(op);
      const by = Number(op.Update.ExpressionAttributeValues?.[':one'] ?? 1);
      const merged = counters.get(target)?.Update?.ExpressionAttributeValues;
      if (merged) {
        merged[':one'] = Number(merged[':one']) + by;
        continue;
      }
      const copy: TransactOp = {
        Update: {
          ...op.Update,
          ExpressionAttributeValues: { ...op.Update.ExpressionAttributeValues, ':one': by },
        },
      };
      counters.set(target, copy);
      ops.push(copy);
      // A counter increment has no condition, so it is never the op that refuses a group.
      owner.push(null);
    }
  }
  return { ops, owner };
}

async function commitGroup(store: Store, lane: CommitLane, group: PendingCommit[]): Promise<void> {
  if (group.length === 1) {
    const only = group[0]!;
    await runTransaction(store, only.ops).then(only.resolve, only.reject);
    return;
  }
  const { ops, owner } = groupOps(group);
  try {
    await runTransaction(store, ops);
    for (const p of group) p.resolve();
  } catch (err) {
    const refused = err instanceof ConditionFailedError ? owner[err.index] : undefined;
    if (refused === null) throw new Error('a comment group was refused on a counter, which has no condition');
    if (!refused) {
      for (const p of group) p.reject(err);
      return;
    }
    group[refused.member]!.reject(new ConditionFailedError(refused.index));
    // Nothing of the others was written: they go first in the next group, in their order.
    lane.queue.unshift(...group.filter((_, m) => m !== refused.member));
  }
}

function pump(store: Store, lane: CommitLane): void {
  if (lane.busy || lane.queue.length === 0) return;
  lane.busy = true;
  const group = takeGroup(lane.queue);
  commitGroup(store, lane, group)
    .catch((err: unknown) => {
      for (const p of group) p.reject(err);
    })
    .finally(() => {
      lane.busy = false;
      pump(store, lane);
    });
}

/**
 * Commits one new comment's ops (`commentCountOp` among them) as if by `runTransaction`: resolved once
 * written, ConditionFailedError with the index in `ops` when one of them is refused, otherwise the
 * transaction's error. Committed together with the comments posted meanwhile (see above).
 */
export function commitNewComment(store: Store, ops: TransactOp[]): Promise<void> {
  const lane = commitLaneOf(store);
  return new Promise<void>((resolve, reject) => {
    lane.queue.push({ ops, resolve, reject });
    pump(store, lane);
  });
}

/**
 * The newest `limit` comments and replies of an item's thread, newest first (ids are ULIDs), as
 * stored (the item's Atom feed; it leaves out what is not public).
 */
export async function latestThreadActivity(
  store: Store,
  itemId: string,
  limit: number,
): Promise<CommentRecord[]> {
  const records = await queryEntityRecords(
    entitiesOf(store).threadActivity.query.activity({ itemId }).where(kindIs('comment')),
    { limit, options: { order: 'desc' } },
  );
  return records as unknown as CommentRecord[];
}

/** The +1s on an item's visible comments and replies (only the counts and their state are read). */
export async function supportOnItem(store: Store, itemId: string): Promise<number> {
  const lists = await Promise.all(
    [commentKeys.topPrefix, commentKeys.replyPrefix].map((prefix) =>
      queryAll(store, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': commentKeys.itemPk(itemId), ':p': prefix },
        ProjectionExpression: 'supportCount, deleted, visibility',
      }),
    ),
  );
  return lists
    .flat()
    .filter((c) => !c.deleted && (c.visibility ?? 'visible') === 'visible')
    .reduce((n, c) => n + Number(c.supportCount ?? 0), 0);
}

/** The author's shown name replaced on a comment or reply (erasure's pseudonym); refused if it is gone. */
export async function setCommentAuthorName(
  store: Store,
  at: { itemId: string; threadSk: string },
  name: string,
): Promise<void> {
  // Hand-built, keyed by the stored record's own key: erasure holds only that key, of a comment or of
  // a reply (two entities with other key facts), and reads these records whole as stored.
  await store.doc.send(
    new UpdateCommand({
      TableName: store.table,
      Key: indexKey(threadActivityModel.indexes.thread, at),
      UpdateExpression: 'SET authorName = :p',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':p': name },
    }),
  );
}

/**
 * A moderation decision on a comment or reply, keyed by the stored record's own key (read when the
 * content was loaded): shown, or hidden/pending with its reason; a reviewed decision is stamped and
 * takes the comment out of the older per-comment queue (its index keys, which no comment entity
 * declares). Refused if the comment is gone.
 */
export function commentVisibilityOp(
  store: Store,
  key: { pk: string; sk: string },
  change: { visibility: string; reason?: string | undefined; reviewed?: boolean | undefined; at?: string },
): TransactOp {
  const hide = change.visibility !== 'visible';
  return {
    Update: {
      TableName: store.table,
      Key: key,
      UpdateExpression:
        (hide ? 'SET visibility = :v, hiddenReason = :r' : 'SET visibility = :v') +
        (change.reviewed ? ', reviewedAt = :at' : '') +
        (hide ? '' : ' REMOVE hiddenReason') +
        // The older per-comment queue is no longer fed; a decision takes a comment out of it.
        (change.reviewed ? (hide ? ' REMOVE gsi5pk, gsi5sk' : ', gsi5pk, gsi5sk') : ''),
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':v': change.visibility,
        ...(hide ? { ':r': change.reason ?? 'other' } : {}),
        ...(change.reviewed ? { ':at': change.at } : {}),
      },
    },
  };
}
