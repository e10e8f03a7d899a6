/** The signed-in user's feed: new comments and replies on the items they follow. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { readFeed } from '../../services/follows';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { FeedEntry } from '../schemas/comments';

const DEFAULT_WINDOW_DAYS = 30;
const EXCERPT_CHARS = 200;

export const feedRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute('feed.read', {
    method: 'get',
    path: '/me/feed',
    tags: ['threads'],
    summary: 'New activity on the items you follow, newest first',
    request: {
      query: z.object({
        /** Only activity after this instant (default: the last 30 days). */
        since: z.iso.datetime({ offset: true }).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
    },
    responses: {
      200: {
        description: 'Feed entries',
        content: { 'application/json': { schema: z.object({ entries: z.array(FeedEntry) }) } },
      },
      ...problemResponses(400, 401, 503),
    },
  }),
  async (c) => {
    const { since, limit } = c.req.valid('query');
    const now = c.var.deps.now();
    const from = since ? new Date(since) : new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    const records = await readFeed(c.var.deps.store, c.var.user!.sub, { since: from, limit });
    const entries = records.map((r) => {
      const shown = !r.deleted && r.visibility === 'visible';
      return {
        itemId: r.itemId,
        commentId: r.id,
        ...(r.parentId ? { parentId: r.parentId } : {}),
        at: r.createdAt,
        authorName: r.authorName,
        ...(r.official
          ? {
              official: {
                bodyId: r.official.bodyId,
                bodyName: r.official.bodyName as Record<string, string>,
              },
            }
          : {}),
        ...(shown ? { excerpt: [...r.body].slice(0, EXCERPT_CHARS).join('') } : {}),
      };
    });
    return c.json({ entries }, 200);
  },
);
