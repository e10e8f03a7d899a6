/**
 * Site visits (public monitoring): an item's visits with their counts, and recording one. Positions
 * are taken in and never given back: responses carry distances only (functions/services/site-visits.ts).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getItem } from '../../data/items';
import {
  getVisitSummary,
  isVisitShown,
  listVisits,
  recordVisit,
  toVisitView,
  VisitRuleError,
} from '../../services/site-visits';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { fieldError, NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { Ulid } from '../schemas/item';
import { VisitInput, VisitList, VisitView } from '../schemas/visits';

const ItemParams = z.object({ itemId: Ulid });

export const visitRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('visits.read', {
      method: 'get',
      path: '/items/{itemId}/visits',
      tags: ['visits'],
      summary: "An item's site visits, newest first, with its counts (distances only, never positions)",
      request: { params: ItemParams },
      responses: {
        200: { description: 'Visits', content: { 'application/json': { schema: VisitList } } },
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      const { itemId } = c.req.valid('param');
      const [summary, visits] = await Promise.all([
        getVisitSummary(c.var.deps.store, itemId),
        listVisits(c.var.deps.store, itemId),
      ]);
      // A report hidden by moderation (pending review or by a moderator) is not shown.
      return c.json(
        { summary, visits: visits.filter(isVisitShown).map((v) => toVisitView(v, c.var.user?.sub)) },
        200,
      );
    },
  )
  .openapi(
    defineCreate('visits.record', {
      method: 'post',
      path: '/items/{itemId}/visits',
      tags: ['visits'],
      summary:
        'Record a site visit: a checklist with photos, a verdict, optionally a stance on a met milestone',
      request: {
        params: ItemParams,
        body: { content: { 'application/json': { schema: VisitInput } }, required: true },
      },
      responses: {
        201: { description: 'The visit, recorded', content: { 'application/json': { schema: VisitView } } },
        ...problemResponses(400, 401, 404, 429, 503),
      },
    }),
    async (c) => {
      const { itemId } = c.req.valid('param');
      const input = c.req.valid('json');
      const item = await getItem(c.var.deps.store, itemId);
      if (!item) throw new NotFoundError(`No item ${itemId}.`);
      const user = c.var.user!;
      await spendRatePolicy(c, 'POST /items/{itemId}/visits', user.sub);
      try {
        const visit = await recordVisit(c.var.deps.store, item, user, input, { now: c.var.deps.now() }, (v) =>
          completionOps(c, 201, toVisitView(v, user.sub)),
        );
        return c.json(toVisitView(visit, user.sub), 201);
      } catch (err) {
        if (err instanceof VisitRuleError) throw fieldError(err.field, err.message, err.code, err.params);
        throw err;
      }
    },
  );
