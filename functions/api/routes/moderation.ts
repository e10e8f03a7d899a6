/**
 * Moderation of every kind of public content (functions/services/moderation.ts): the queue of
 * flagged and of hidden content, hide/restore with a reason (one, or in bulk), each content's
 * history, flags on any kind, and blocks on a user's creates. Moderators (and admins) only, except
 * flagging (anyone signed in) and reading one's own block. Every decision is on the audit chain.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AuditEntry, FlagInput, MODERATION_REASONS, ModerationDecision } from '../schemas/comments';
import { Ulid } from '../schemas/item';
import {
  BlockInput,
  BlockView,
  BulkDecision,
  BulkResult,
  ContentDecision,
  ContentId,
  ContentKindName,
  HistoryEntry,
  ModeratedEntry,
  QUEUE_STATUSES,
  UnblockInput,
  VISIBILITIES,
} from '../schemas/moderation';
import '../../services/content-kinds';
import {
  AlreadyFlaggedContentError,
  blockOf,
  blockUser,
  contentModeration,
  decideContent,
  decideMany,
  flagContent,
  listAudit,
  listModeration,
  ModerationStaleError,
  UnknownContentError,
  unblockUser,
} from '../../services/moderation';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { ConflictError, NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';

/** Runs a moderation step, answering 404 for unknown content and 409 for a change made meanwhile. */
async function moderating<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof UnknownContentError) throw new NotFoundError(err.message);
    if (err instanceof ModerationStaleError) throw new ConflictError(err.message, { code: 'state.stale' });
    throw err;
  }
}

const ContentParam = z.object({ kind: ContentKindName, id: ContentId });
const UserParam = z.object({ sub: z.string().min(1).max(200) });

function contentDecisionRoute(action: 'hide' | 'restore') {
  return defineRoute('moderation.act', {
    method: 'post',
    path: `/moderation/content/{kind}/{id}/${action}`,
    tags: ['moderation'],
    summary:
      action === 'hide'
        ? 'Hide any kind of content, with the reason (it stays in the hidden list, to be restored)'
        : 'Restore hidden content, with the reason',
    request: {
      params: ContentParam,
      body: { content: { 'application/json': { schema: ContentDecision } }, required: true },
    },
    responses: {
      200: {
        description: 'The content as readers now see it',
        content: { 'application/json': { schema: z.object({ visibility: z.enum(VISIBILITIES) }) } },
      },
      ...problemResponses(400, 401, 403, 404, 409, 503),
    },
  });
}

function actor(c: Context<AppEnv>) {
  const user = c.var.user!;
  return { sub: user.sub, name: user.name };
}

const CommentParam = z.object({ commentId: Ulid });

function decisionRoute(action: 'hide' | 'restore') {
  return defineRoute('moderation.act', {
    method: 'post',
    path: `/moderation/comments/{commentId}/${action}`,
    tags: ['moderation'],
    summary:
      action === 'hide' ? 'Hide a comment, with the reason' : 'Restore a hidden comment, with the reason',
    request: {
      params: CommentParam,
      body: { content: { 'application/json': { schema: ModerationDecision } }, required: true },
    },
    responses: {
      200: {
        description: 'The comment as readers now see it',
        content: { 'application/json': { schema: z.object({ visibility: z.enum(['visible', 'hidden']) }) } },
      },
      ...problemResponses(400, 401, 403, 404, 503),
    },
  });
}

export const moderationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('moderation.read', {
      method: 'get',
      path: '/moderation/queue',
      tags: ['moderation'],
      summary:
        'Content of every kind awaiting review (flagged), or hidden by a moderator (to restore); oldest first, with its text',
      request: {
        query: z.object({
          status: z.enum(QUEUE_STATUSES).default('flagged'),
          limit: z.coerce.number().int().min(1).max(200).default(100),
        }),
      },
      responses: {
        200: {
          description: 'The queue',
          content: { 'application/json': { schema: z.object({ entries: z.array(ModeratedEntry) }) } },
        },
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const { status, limit } = c.req.valid('query');
      return c.json({ entries: await listModeration(c.var.deps.store, status, limit) }, 200);
    },
  )
  .openapi(
    defineRoute('moderation.read', {
      method: 'get',
      path: '/moderation/audit',
      tags: ['moderation'],
      summary: 'The moderation audit log, newest first',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: {
        200: {
          description: 'Audit entries',
          content: { 'application/json': { schema: z.object({ entries: z.array(AuditEntry) }) } },
        },
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const { limit } = c.req.valid('query');
      return c.json({ entries: await listAudit(c.var.deps.store, limit) }, 200);
    },
  )
  .openapi(decisionRoute('hide'), async (c) => {
    const { commentId } = c.req.valid('param');
    const decision = c.req.valid('json');
    const ref = { kind: 'comment', id: commentId };
    await moderating(() =>
      decideContent(c.var.deps.store, ref, { action: 'hide', ...decision }, actor(c), c.var.deps.now()),
    );
    return c.json({ visibility: 'hidden' as const }, 200);
  })
  .openapi(decisionRoute('restore'), async (c) => {
    const { commentId } = c.req.valid('param');
    const decision = c.req.valid('json');
    const ref = { kind: 'comment', id: commentId };
    await moderating(() =>
      decideContent(c.var.deps.store, ref, { action: 'restore', ...decision }, actor(c), c.var.deps.now()),
    );
    return c.json({ visibility: 'visible' as const }, 200);
  })
  .openapi(contentDecisionRoute('hide'), async (c) => {
    const ref = c.req.valid('param');
    const d = c.req.valid('json');
    const out = await moderating(() =>
      decideContent(c.var.deps.store, ref, { action: 'hide', ...d }, actor(c), c.var.deps.now()),
    );
    return c.json(out, 200);
  })
  .openapi(contentDecisionRoute('restore'), async (c) => {
    const ref = c.req.valid('param');
    const d = c.req.valid('json');
    const out = await moderating(() =>
      decideContent(c.var.deps.store, ref, { action: 'restore', ...d }, actor(c), c.var.deps.now()),
    );
    return c.json(out, 200);
  })
  .openapi(
    defineRoute('moderation.read', {
      method: 'get',
      path: '/moderation/content/{kind}/{id}',
      tags: ['moderation'],
      summary: "One piece of content's moderation state and its history, newest first",
      request: { params: ContentParam },
      responses: {
        200: {
          description: 'State and history',
          content: {
            'application/json': {
              schema: z.object({
                visibility: z.enum(VISIBILITIES),
                reason: z.enum(MODERATION_REASONS).optional(),
                flagCount: z.number().int(),
                history: z.array(HistoryEntry),
              }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const ref = c.req.valid('param');
      return c.json(await moderating(() => contentModeration(c.var.deps.store, ref)), 200);
    },
  )
  .openapi(
    defineRoute('moderation.act', {
      method: 'post',
      path: '/moderation/bulk',
      tags: ['moderation'],
      summary: 'Hide or restore up to 50 pieces of content with one reason; each is its own decision',
      request: { body: { content: { 'application/json': { schema: BulkDecision } }, required: true } },
      responses: {
        200: {
          description: 'What happened to each',
          content: { 'application/json': { schema: BulkResult } },
        },
        ...problemResponses(400, 401, 403, 409, 503),
      },
    }),
    async (c) => {
      const { action, reason, note, items } = c.req.valid('json');
      const results = await moderating(() =>
        decideMany(c.var.deps.store, items, { action, reason, note }, actor(c), c.var.deps.now()),
      );
      return c.json({ results }, 200);
    },
  )
  .openapi(
    defineCreate('threads.flag', {
      method: 'post',
      path: '/content/{kind}/{id}/flags',
      tags: ['moderation'],
      summary:
        'Flag any kind of public content for moderators; flags from three different users hide it pending review',
      request: {
        params: ContentParam,
        body: { content: { 'application/json': { schema: FlagInput } }, required: true },
      },
      responses: {
        202: {
          description: 'Flag recorded; whether the content is now hidden',
          content: { 'application/json': { schema: z.object({ hidden: z.boolean() }) } },
        },
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const user = c.var.user!;
      const ref = c.req.valid('param');
      const { reason, note } = c.req.valid('json');
      await spendRatePolicy(c, 'POST /content/{kind}/{id}/flags', user.sub);
      try {
        const out = await moderating(() =>
          flagContent(c.var.deps.store, ref, user, reason, note, c.var.deps.now()),
        );
        return c.json(out, 202);
      } catch (err) {
        if (err instanceof AlreadyFlaggedContentError)
          throw new ConflictError('You have flagged this already.', { code: 'content.already_flagged' });
        throw err;
      }
    },
  )
  .openapi(
    defineRoute('moderation.block', {
      method: 'post',
      path: '/moderation/users/{sub}/block',
      tags: ['moderation'],
      summary:
        "Block a user's creates (comments, questions, flags, uploads) with a reason, for some days or until lifted",
      request: {
        params: UserParam,
        body: { content: { 'application/json': { schema: BlockInput } }, required: true },
      },
      responses: {
        200: { description: 'The block', content: { 'application/json': { schema: BlockView } } },
        ...problemResponses(400, 401, 403, 409, 503),
      },
    }),
    async (c) => {
      const { sub } = c.req.valid('param');
      if (sub === c.var.user!.sub)
        throw new ConflictError('You cannot block yourself.', { code: 'moderation.self_block' });
      const out = await blockUser(c.var.deps.store, sub, c.req.valid('json'), actor(c), c.var.deps.now());
      return c.json(out, 200);
    },
  )
  .openapi(
    defineRoute('moderation.block', {
      method: 'post',
      path: '/moderation/users/{sub}/unblock',
      tags: ['moderation'],
      summary: "Lift a user's block, with the reason",
      request: {
        params: UserParam,
        body: { content: { 'application/json': { schema: UnblockInput } }, required: true },
      },
      responses: {
        200: { description: 'No block now', content: { 'application/json': { schema: BlockView } } },
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const { sub } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      return c.json(await unblockUser(c.var.deps.store, sub, reason, actor(c), c.var.deps.now()), 200);
    },
  )
  .openapi(
    defineRoute('moderation.block', {
      method: 'get',
      path: '/moderation/users/{sub}/block',
      tags: ['moderation'],
      summary: "A user's block as it stands",
      request: { params: UserParam },
      responses: {
        200: { description: 'The block, if any', content: { 'application/json': { schema: BlockView } } },
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const { sub } = c.req.valid('param');
      return c.json(await blockOf(c.var.deps.store, sub, c.var.deps.now()), 200);
    },
  )
  .openapi(
    defineRoute('me.read', {
      method: 'get',
      path: '/me/block',
      tags: ['moderation'],
      summary: 'Whether you are blocked from creating content, why and until when',
      responses: {
        200: { description: 'Your block, if any', content: { 'application/json': { schema: BlockView } } },
        ...problemResponses(401, 503),
      },
    }),
    async (c) => c.json(await blockOf(c.var.deps.store, c.var.user!.sub, c.var.deps.now()), 200),
  );
