/**
 * Officials' progress updates (issue 19): an item's updates from its body, and posting one. Only an
 * official of the item's body posts; the update changes the item (functions/services/progress-updates.ts).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { PROBLEM_TYPES } from '../../../shared/problem';
import { getItem } from '../../data/items';
import {
  ItemImportRunningError,
  listProgressUpdates,
  ProgressRuleError,
  ProgressUpdateItemMissing,
  postProgressUpdate,
  toProgressUpdateView,
} from '../../services/progress-updates';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { fieldError, NotFoundError, ProblemError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { Ulid } from '../schemas/item';
import { ProgressUpdateInput, ProgressUpdateList, ProgressUpdateView } from '../schemas/progress-updates';

const ItemParams = z.object({ itemId: Ulid });

export const progressUpdateRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('progress.read', {
      method: 'get',
      path: '/items/{itemId}/progress-updates',
      tags: ['progress'],
      summary: "An item's progress updates from its body, newest first, with what site visits said of each",
      request: { params: ItemParams },
      responses: {
        200: { description: 'Updates', content: { 'application/json': { schema: ProgressUpdateList } } },
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      const { itemId } = c.req.valid('param');
      const updates = await listProgressUpdates(c.var.deps.store, itemId);
      return c.json({ updates: updates.map(toProgressUpdateView) }, 200);
    },
  )
  .openapi(
    defineCreate('progress.post', {
      method: 'post',
      path: '/items/{itemId}/progress-updates',
      tags: ['progress'],
      summary:
        "Post a progress update for the item's body: a milestone met with evidence, the amount spent, a status, a new end date",
      request: {
        params: ItemParams,
        body: { content: { 'application/json': { schema: ProgressUpdateInput } }, required: true },
      },
      responses: {
        201: {
          description: 'The update, posted; the item changed with it',
          content: { 'application/json': { schema: ProgressUpdateView } },
        },
        // 409 `item.import_running` (with Retry-After): an import is replacing items right now.
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { itemId } = c.req.valid('param');
      const input = c.req.valid('json');
      const item = await getItem(c.var.deps.store, itemId);
      if (!item) throw new NotFoundError(`No item ${itemId}.`);
      authorize(c.var.user, 'progress.post', { bodyId: item.body.id });
      const user = c.var.user!;
      await spendRatePolicy(c, 'POST /items/{itemId}/progress-updates', user.sub);
      try {
        const update = await postProgressUpdate(
          c.var.deps.store,
          itemId,
          user,
          input,
          { now: c.var.deps.now() },
          (u) => completionOps(c, 201, toProgressUpdateView(u)),
        );
        return c.json(toProgressUpdateView(update), 201);
      } catch (err) {
        if (err instanceof ProgressRuleError) throw fieldError(err.field, err.message, err.code, err.params);
        if (err instanceof ProgressUpdateItemMissing) throw new NotFoundError(err.message);
        if (err instanceof ItemImportRunningError)
          throw new ProblemError(
            409,
            PROBLEM_TYPES.conflict,
            'Conflict',
            err.message,
            undefined,
            { 'Retry-After': String(err.retryAfterSeconds) },
            { code: 'item.import_running' },
          );
        throw err;
      }
    },
  );
