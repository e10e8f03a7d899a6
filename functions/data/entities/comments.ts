// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * Discussion threads' own records (data/comments.ts) declared as ElectroDB entities. A comment and a
 * reply sit in their item's partition beside the item, its questions, recommendations and impact,
 * each under a sort-key prefix of its own (`COMMENT#`, `REPLY#`), which is how every read here finds
 * them (their thread activity on the shared byCategory index is `threadActivity` in data/schema.ts,
 * read with the kind filter); the comment count is sharded there too. Under `COMMENT#<id>` live the
 * comment's pointer, earlier texts and "+1"s, each under its own prefix too (none of them carries a
 * kind), and the moderation log's entries (data/schema.ts `moderationEntry`).
 *
 * The records are written by hand-built ops keyed by these templates (`recordKey`): every write of a
 * thread rides in a transaction (a group commit, even), and reads take records whole (`data: 'raw'`),
 * so only the key attributes are declared.
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key } from '../schema';
import { INDEX } from '../table';
import { named, perStore, text } from './kit';

export const commentModel = {
  model: named('comment-top'),
  attributes: {
    itemId: text,
    id: text,
    authorSub: text,
  },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', ['id'], 'COMMENT#${id}') },
    byAuthor: {
      index: INDEX.authoredByUser.name,
      pk: key('gsi6pk', ['authorSub'], 'USER#${authorSub}'),
      sk: key('gsi6sk', ['id'], 'COMMENT#${id}'),
    },
  },
} as const;

/** A reply, one level under a top-level comment: its key sorts with its parent's other replies. */
export const replyModel = {
  model: named('comment-reply'),
  attributes: {
    itemId: text,
    parentId: text,
    id: text,
  },
  indexes: {
    record: {
      pk: key('pk', ['itemId'], 'ITEM#${itemId}'),
      sk: key('sk', ['parentId', 'id'], 'REPLY#${parentId}#${id}'),
    },
  },
} as const;

/**
 * A shard of an item's comment count (`THREAD#<n>`; older data has the one unsharded `THREAD`):
 * `counterSk` is the sort key as it is, so one `begins({ counterSk: 'THREAD' })` reads them all.
 */
export const threadCounterModel = {
  model: named('thread-counter'),
  attributes: {
    itemId: text,
    counterSk: { type: 'string', required: true, field: 'sk', hidden: true, readOnly: true },
    commentCount: { type: 'number' },
  },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', ['counterSk'], '${counterSk}') },
  },
} as const;

/** A comment by id alone: the pointer to its item and sort key. */
export const commentPointerModel = {
  model: named('comment-pointer'),
  attributes: {
    commentId: text,
  },
  indexes: {
    record: { pk: key('pk', ['commentId'], 'COMMENT#${commentId}'), sk: key('sk', [], 'COMMENT') },
  },
} as const;

/** The text a comment had before an edit, under the edit's ULID. */
export const commentRevisionModel = {
  model: named('comment-revision'),
  attributes: {
    commentId: text,
    id: text,
  },
  indexes: {
    record: { pk: key('pk', ['commentId'], 'COMMENT#${commentId}'), sk: key('sk', ['id'], 'REV#${id}') },
  },
} as const;

/** One user's "+1" on a comment (one per user: the put is conditional). */
export const commentSupportModel = {
  model: named('comment-support'),
  attributes: {
    commentId: text,
    sub: text,
  },
  indexes: {
    record: {
      pk: key('pk', ['commentId'], 'COMMENT#${commentId}'),
      sk: key('sk', ['sub'], 'SUPPORT#${sub}'),
    },
  },
} as const;

export const COMMENT_MODELS = {
  comment: commentModel,
  reply: replyModel,
  threadCounter: threadCounterModel,
  commentPointer: commentPointerModel,
  commentRevision: commentRevisionModel,
  commentSupport: commentSupportModel,
} as const;

export const COMMENT_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof COMMENT_MODELS>[] = [
  {
    entity: 'comment',
    index: 'record',
    pattern:
      "a page of an item's top-level comments, oldest or newest first (cursor = last id); one by id; post, edit, delete, +1 (transactions)",
    code: '`data/comments.ts` `listThread`, `getComment`, `getTopLevelComment`, `commentPutOp`, `commentEditOps` (run by `services/comments.ts`)',
  },
  {
    entity: 'comment',
    index: 'byAuthor',
    pattern: "a user's comments, newest first (written with the comment)",
    code: '`data/comments.ts` `toCommentRecord`',
  },
  {
    entity: 'reply',
    index: 'record',
    pattern: "the replies of a page's comments in one range read (reply keys sort by their parent's id)",
    code: '`data/comments.ts` `listThread`',
  },
  {
    entity: 'threadCounter',
    index: 'record',
    pattern: "an item's comment count: the sum of its shards and the older unsharded counter (ADD per shard)",
    code: '`data/comments.ts` `countComments`, `commentCountOp`',
  },
  {
    entity: 'commentPointer',
    index: 'record',
    pattern: 'a comment by id alone (the pointer to its item and sort key, put with the comment)',
    code: '`data/comments.ts` `getComment`, `commentPointerOp`',
  },
  {
    entity: 'commentRevision',
    index: 'record',
    pattern: "a comment's earlier texts, oldest first (put with each edit)",
    code: '`data/comments.ts` `listRevisions`, `commentEditOps`',
  },
  {
    entity: 'commentSupport',
    index: 'record',
    pattern: 'one "+1" per user on a comment (conditional put with the counter, transaction)',
    code: '`data/comments.ts` `commentSupportOps`',
  },
];

/** The threads' entities over `store`'s table (built once per store). */
export const commentEntitiesOf = perStore((store) => {
  const config = { client: store.doc, table: store.table };
  return {
    comment: new Entity(commentModel, config),
    reply: new Entity(replyModel, config),
    threadCounter: new Entity(threadCounterModel, config),
    commentPointer: new Entity(commentPointerModel, config),
    commentRevision: new Entity(commentRevisionModel, config),
  };
});
