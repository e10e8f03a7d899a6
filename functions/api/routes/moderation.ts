/**
 * Moderation: the queue of flagged comments, hide/restore with a reason, and the audit log.
 * Only moderators (and admins) reach these routes; every decision is written to the append-only
 * log in the same transaction as the change itself.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { AuditEntry, ModerationDecision, QueueEntry } from '../../../shared/comments';
import { Ulid } from '../../../shared/item';
import { getComment, toCommentView } from '../../data/comments';
import { decide, listAudit, listQueue } from '../../data/moderation';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';

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
      summary: 'Flagged comments awaiting review, oldest flag first (with their text)',
      responses: {
        200: {
          description: 'The queue',
          content: { 'application/json': { schema: z.object({ entries: z.array(QueueEntry) }) } },
        },
        ...problemResponses(401, 403, 503),
      },
    }),
    async (c) => {
      const records = await listQueue(c.var.deps.store);
      const entries = records.map((r) => ({
        comment: toCommentView(r, c.var.user?.sub),
        text: r.deleted ? null : r.body,
        flagCount: r.flagCount,
        flaggedAt: String((r as unknown as { gsi5sk: string }).gsi5sk).split('#')[0] ?? r.createdAt,
        visibility: r.visibility,
      }));
      return c.json({ entries }, 200);
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
    const comment = await getComment(c.var.deps.store, commentId);
    if (!comment) throw new NotFoundError(`No comment ${commentId}.`);
    const user = c.var.user!;
    await decide(c.var.deps.store, comment, { action: 'hide', ...decision }, user, c.var.deps.now());
    return c.json({ visibility: 'hidden' as const }, 200);
  })
  .openapi(decisionRoute('restore'), async (c) => {
    const { commentId } = c.req.valid('param');
    const decision = c.req.valid('json');
    const comment = await getComment(c.var.deps.store, commentId);
    if (!comment) throw new NotFoundError(`No comment ${commentId}.`);
    const user = c.var.user!;
    await decide(c.var.deps.store, comment, { action: 'restore', ...decision }, user, c.var.deps.now());
    return c.json({ visibility: 'visible' as const }, 200);
  });
