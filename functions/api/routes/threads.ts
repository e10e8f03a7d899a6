/**
 * Discussion threads on budget items: reading a thread page by page, commenting and replying (one
 * level), editing with history, deleting (tombstone), "+1", flagging, following an item.
 *
 * The workflow (replies one level deep, attachments, the official's badge, edits) lives in
 * functions/services/comments.ts; following, functions/services/follows.ts.
 *
 * Who: anyone reads; anyone signed in comments, supports, flags and follows; only the author edits
 * or deletes (`threads.editOwn` with the comment's author). Officials' comments carry a badge naming
 * their body — taken from the verified token, never from the request.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Item } from '../../../shared/item';
import type { Principal } from '../../../shared/users';
import { getItem } from '../../data/items';
import {
  CommentEdit,
  CommentInput,
  CommentView,
  FlagInput,
  Revision,
  ThreadOrder,
  ThreadPage,
} from '../schemas/comments';
import { Ulid } from '../schemas/item';
import '../../services/content-kinds';
import {
  type CommentRecord,
  CommentRuleError,
  commentOnItem,
  countComments,
  decodeCursor,
  deleteOwnComment,
  editOwnComment,
  encodeCursor,
  getComment,
  listRevisions,
  listThread,
  supportComment,
  toCommentView,
} from '../../services/comments';
import { FollowLimitError, followItem, isFollowing, unfollowItem } from '../../services/follows';
import { AlreadyFlaggedContentError, flagContent } from '../../services/moderation';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { ConflictError, NotFoundError, ValidationError } from '../problems';
import { type RatePolicyRoute, spendRatePolicy } from '../rate-policy';

const ItemParam = z.object({ id: Ulid });
const CommentParam = z.object({ commentId: Ulid });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const POLICY_OF: Record<'comment' | 'support' | 'flag' | 'upload', RatePolicyRoute> = {
  comment: 'POST /items/{id}/comments',
  support: 'POST /comments/{commentId}/support',
  flag: 'POST /comments/{commentId}/flags',
  upload: 'POST /uploads',
};

/** Spends the caller's allowance for one of these creates (rows in rate-policy.ts); 429 when used up. */
export async function limitRate(
  c: Context<AppEnv>,
  user: Principal,
  name: 'comment' | 'support' | 'flag' | 'upload',
): Promise<void> {
  await spendRatePolicy(c, POLICY_OF[name], user.sub);
}

async function requireItem(c: Context<AppEnv>, id: string): Promise<Item> {
  const item = await getItem(c.var.deps.store, id);
  if (!item) throw new NotFoundError(`No item ${id}.`);
  return item;
}

async function requireComment(c: Context<AppEnv>, id: string): Promise<CommentRecord> {
  const comment = await getComment(c.var.deps.store, id);
  if (!comment) throw new NotFoundError(`No comment ${id}.`);
  return comment;
}

/** A refusal of the comment workflow, worded as problem+json. */
function commentProblem(err: CommentRuleError): ValidationError | ConflictError {
  return err.kind === 'invalid'
    ? new ValidationError(err.fields.map((f) => ({ in: 'json', ...f })))
    : new ConflictError(err.message, { code: err.code });
}

export const threadRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('threads.read', {
      method: 'get',
      path: '/items/{id}/comments',
      tags: ['threads'],
      summary: "A page of an item's discussion: top-level comments with their replies",
      request: {
        params: ItemParam,
        query: z.object({
          order: ThreadOrder.default('oldest'),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
      },
      responses: {
        200: json(ThreadPage, 'The page and the total count'),
        ...problemResponses(400, 404, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { order, cursor, limit } = c.req.valid('query');
      const after = cursor === undefined ? undefined : decodeCursor(cursor, order);
      if (after === null)
        throw new ValidationError([
          { in: 'query', field: 'cursor', message: 'not a cursor of this list', code: 'cursor.invalid' },
        ]);
      await requireItem(c, id);
      const [slice, count] = await Promise.all([
        listThread(c.var.deps.store, id, { order, limit, ...(after ? { after } : {}) }),
        countComments(c.var.deps.store, id),
      ]);
      const viewer = c.var.user?.sub;
      return c.json(
        {
          count,
          comments: slice.comments.map((r) => toCommentView(r, viewer)),
          ...(slice.lastId ? { next: encodeCursor(order, slice.lastId) } : {}),
        },
        200,
      );
    },
  )
  .openapi(
    defineCreate('threads.comment', {
      method: 'post',
      path: '/items/{id}/comments',
      tags: ['threads'],
      summary: 'Comment on an item, or reply to a top-level comment (with up to 5 attachments)',
      request: {
        params: ItemParam,
        body: { content: { 'application/json': { schema: CommentInput } }, required: true },
      },
      responses: {
        201: json(CommentView, 'The stored comment'),
        ...problemResponses(400, 401, 404, 413, 429, 503),
      },
    }),
    async (c) => {
      const user = c.var.user!;
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const item = await requireItem(c, id);
      try {
        const record = await commentOnItem(
          c.var.deps.store,
          item,
          user,
          {
            ...(input.parentId ? { parentId: input.parentId } : {}),
            body: input.body,
            attachmentIds: input.attachments,
          },
          c.var.deps.now(),
          {
            // Spent only once the draft is acceptable: a refused one costs no allowance.
            beforeWrite: () => limitRate(c, user, 'comment'),
            // The key's record commits with the comment: a retry finds this very response.
            extraOps: (r) => completionOps(c, 201, toCommentView(r, user.sub)),
          },
        );
        return c.json(toCommentView(record, user.sub), 201);
      } catch (err) {
        if (err instanceof CommentRuleError) throw commentProblem(err);
        throw err;
      }
    },
  )
  .openapi(
    defineRoute('threads.editOwn', {
      method: 'patch',
      path: '/comments/{commentId}',
      tags: ['threads'],
      summary: 'Edit your comment (the previous text is kept in its history)',
      request: {
        params: CommentParam,
        body: { content: { 'application/json': { schema: CommentEdit } }, required: true },
      },
      responses: {
        200: json(CommentView, 'The edited comment'),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { commentId } = c.req.valid('param');
      const { body } = c.req.valid('json');
      const comment = await requireComment(c, commentId);
      authorize(c.var.user, 'threads.editOwn', { ownerSub: comment.authorSub });
      try {
        const edited = await editOwnComment(c.var.deps.store, comment, body, c.var.deps.now());
        return c.json(toCommentView(edited, c.var.user?.sub), 200);
      } catch (err) {
        if (err instanceof CommentRuleError) throw commentProblem(err);
        throw err;
      }
    },
  )
  .openapi(
    defineRoute('threads.editOwn', {
      method: 'delete',
      path: '/comments/{commentId}',
      tags: ['threads'],
      summary: 'Delete your comment (a tombstone stays in the thread)',
      request: { params: CommentParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 503) },
    }),
    async (c) => {
      const { commentId } = c.req.valid('param');
      const comment = await requireComment(c, commentId);
      authorize(c.var.user, 'threads.editOwn', { ownerSub: comment.authorSub });
      await deleteOwnComment(c.var.deps.store, comment, c.var.deps.now());
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('threads.read', {
      method: 'get',
      path: '/comments/{commentId}/revisions',
      tags: ['threads'],
      summary: "A comment's earlier texts, oldest first",
      request: { params: CommentParam },
      responses: {
        200: json(z.object({ revisions: z.array(Revision) }), 'Earlier texts'),
        ...problemResponses(400, 404, 503),
      },
    }),
    async (c) => {
      const { commentId } = c.req.valid('param');
      const comment = await requireComment(c, commentId);
      // History is as public as the comment: none for deleted or hidden ones.
      if (comment.deleted || comment.visibility !== 'visible')
        throw new NotFoundError(`No comment ${commentId}.`);
      return c.json({ revisions: await listRevisions(c.var.deps.store, commentId) }, 200);
    },
  )
  .openapi(
    defineRoute('threads.support', {
      method: 'post',
      path: '/comments/{commentId}/support',
      tags: ['threads'],
      summary: '"+1" a comment (once per user; repeating changes nothing)',
      request: { params: CommentParam },
      responses: {
        200: json(z.object({ supportCount: z.number().int() }), 'The count after your +1'),
        ...problemResponses(400, 401, 404, 429, 503),
      },
    }),
    async (c) => {
      const user = c.var.user!;
      const { commentId } = c.req.valid('param');
      const comment = await requireComment(c, commentId);
      if (comment.deleted) throw new NotFoundError(`No comment ${commentId}.`);
      await limitRate(c, user, 'support');
      const supportCount = await supportComment(c.var.deps.store, comment, user.sub, c.var.deps.now());
      return c.json({ supportCount }, 200);
    },
  )
  .openapi(
    defineCreate('threads.flag', {
      method: 'post',
      path: '/comments/{commentId}/flags',
      tags: ['threads'],
      summary: 'Flag a comment for moderators; three flags from different users hide it pending review',
      request: {
        params: CommentParam,
        body: { content: { 'application/json': { schema: FlagInput } }, required: true },
      },
      responses: {
        202: json(z.object({ hidden: z.boolean() }), 'Flag recorded; whether the comment is now hidden'),
        ...problemResponses(400, 401, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const user = c.var.user!;
      const { commentId } = c.req.valid('param');
      const { reason, note } = c.req.valid('json');
      const comment = await requireComment(c, commentId);
      if (comment.deleted) throw new NotFoundError(`No comment ${commentId}.`);
      await limitRate(c, user, 'flag');
      try {
        // One moderation workflow for every kind of content (functions/services/moderation.ts).
        const { hidden } = await flagContent(
          c.var.deps.store,
          { kind: 'comment', id: commentId },
          user,
          reason,
          note,
          c.var.deps.now(),
        );
        return c.json({ hidden }, 202);
      } catch (err) {
        if (err instanceof AlreadyFlaggedContentError)
          throw new ConflictError('You have flagged this comment already.', {
            code: 'comment.already_flagged',
          });
        throw err;
      }
    },
  )
  .openapi(
    defineRoute('threads.follow', {
      method: 'get',
      path: '/items/{id}/follow',
      tags: ['threads'],
      summary: 'Whether you follow the item',
      request: { params: ItemParam },
      responses: {
        200: json(z.object({ following: z.boolean() }), 'Following or not'),
        ...problemResponses(400, 401, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ following: await isFollowing(c.var.deps.store, c.var.user!.sub, id) }, 200);
    },
  )
  .openapi(
    defineRoute('threads.follow', {
      method: 'put',
      path: '/items/{id}/follow',
      tags: ['threads'],
      summary: 'Follow an item: its new comments appear in /api/me/feed',
      request: { params: ItemParam },
      responses: { 204: { description: 'Following' }, ...problemResponses(400, 401, 404, 409, 503) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const user = c.var.user!;
      await requireItem(c, id);
      try {
        await followItem(c.var.deps.store, user.sub, id, c.var.deps.now());
      } catch (err) {
        if (err instanceof FollowLimitError)
          throw new ConflictError(`You follow ${err.max} items already; unfollow some first.`, {
            code: 'follow.limit_reached',
            params: { max: err.max },
          });
        throw err;
      }
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('me.withdraw', {
      method: 'delete',
      path: '/items/{id}/follow',
      tags: ['threads'],
      summary: 'Stop following an item',
      request: { params: ItemParam },
      responses: { 204: { description: 'Not following' }, ...problemResponses(400, 401, 503) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await unfollowItem(c.var.deps.store, c.var.user!.sub, id);
      return c.body(null, 204);
    },
  );
