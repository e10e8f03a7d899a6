/**
 * Checked follow-ups (issue 21, part 6): the club confirms or contests a "done" the body recorded,
 * and escalates an overdue recommendation to a control body with a printable letter (kk or ru) that
 * carries the record and its audit chain hash. Only club members and the secretary do either.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { almatyDate } from '../../../shared/dates';
import type { Store } from '../../data/client';
import { getRecommendation, toRecommendationView } from '../../data/sessions';
import {
  EscalationRuleError,
  escalationView,
  getEscalation,
  recordEscalationProgress,
} from '../../services/escalation';
import { renderComplaint } from '../../services/escalation-template';
import {
  escalateRecommendation,
  recommendationRecordKey,
  recommendationSubject,
  verifyFollowUp,
} from '../../services/follow-ups';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { ConflictError, NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { Ulid } from '../schemas/item';
import { type Recommendation, RecommendationView, VerifyFollowUpInput } from '../schemas/sessions';
import { EscalationInput, EscalationView, ProgressInput } from './escalations';

const RecParams = z.object({ itemId: Ulid, recId: Ulid });
const EscalationParams = RecParams.extend({ escalationId: Ulid });

async function loadRecommendation(store: Store, itemId: string, recId: string): Promise<Recommendation> {
  const rec = await getRecommendation(store, itemId, recId);
  if (!rec) throw new NotFoundError(`No recommendation ${recId} on this item.`);
  return rec;
}

function refused(err: unknown): never {
  if (err instanceof EscalationRuleError) throw new ConflictError(err.message, { code: err.code });
  throw err;
}

const json = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const followUpRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('sessions.verifyFollowUp', {
      method: 'post',
      path: '/items/{itemId}/recommendations/{recId}/verification',
      tags: ['sessions'],
      summary: 'The club confirms a recommendation the body marked done, or contests it (back to open)',
      request: { params: RecParams, ...json(VerifyFollowUpInput) },
      responses: {
        200: {
          description: 'The recommendation',
          content: { 'application/json': { schema: RecommendationView } },
        },
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { itemId, recId } = c.req.valid('param');
      const rec = await loadRecommendation(store, itemId, recId);
      const at = now();
      const user = c.var.user!;
      const next = await verifyFollowUp(store, rec, c.req.valid('json'), user, at);
      return c.json(toRecommendationView(next, almatyDate(at)), 200);
    },
  )
  .openapi(
    defineCreate('sessions.escalate', {
      method: 'post',
      path: '/items/{itemId}/recommendations/{recId}/escalations',
      tags: ['sessions'],
      summary: 'Escalate an overdue recommendation to a control body (a printable letter in kk or ru)',
      request: { params: RecParams, ...json(EscalationInput) },
      responses: {
        201: { description: 'The escalation', content: { 'application/json': { schema: EscalationView } } },
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { itemId, recId } = c.req.valid('param');
      const input = c.req.valid('json');
      const rec = await loadRecommendation(store, itemId, recId);
      const user = c.var.user!;
      const at = now();
      const today = almatyDate(at);
      // Refuse a recommendation that is not overdue before spending the caller's allowance.
      if (rec.status !== 'open' || !(rec.due < today))
        throw new ConflictError(
          `The follow-up is due on ${rec.due} and the recommendation is ${rec.status}.`,
          {
            code: 'escalation.not_overdue',
          },
        );
      await spendRatePolicy(c, 'POST /items/{itemId}/recommendations/{recId}/escalations', user.sub);
      const e = await escalateRecommendation(
        store,
        rec,
        { ...input, complainant: { sub: user.sub, name: user.name } },
        today,
        at,
      ).catch(refused);
      return c.json(escalationView(e), 201);
    },
  )
  .openapi(
    defineRoute('sessions.escalate', {
      method: 'get',
      path: '/items/{itemId}/recommendations/{recId}/escalations/{escalationId}/letter',
      tags: ['sessions'],
      summary: 'The printable letter (HTML, kk or ru) of an escalated recommendation',
      request: { params: EscalationParams },
      responses: {
        200: { description: 'The letter to print', content: { 'text/html': { schema: z.string() } } },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { store } = c.var.deps;
      const { itemId, recId, escalationId } = c.req.valid('param');
      const rec = await loadRecommendation(store, itemId, recId);
      const e = await getEscalation(store, recommendationRecordKey(rec), escalationId);
      if (!e) throw new NotFoundError(`No escalation ${escalationId}.`);
      const verifyUrl = new URL(`/api/audit/verify?record=${e.proof.recordKey}`, c.req.url).toString();
      const html = renderComplaint(e, await recommendationSubject(store, rec, e.lang), { verifyUrl });
      return c.html(html, 200, { 'Cache-Control': 'private, no-store' });
    },
  )
  .openapi(
    defineRoute('sessions.escalate', {
      method: 'post',
      path: '/items/{itemId}/recommendations/{recId}/escalations/{escalationId}/progress',
      tags: ['sessions'],
      summary: 'Record when the letter was sent, and when it was answered',
      request: { params: EscalationParams, ...json(ProgressInput) },
      responses: {
        200: { description: 'The escalation', content: { 'application/json': { schema: EscalationView } } },
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { store } = c.var.deps;
      const { itemId, recId, escalationId } = c.req.valid('param');
      const rec = await loadRecommendation(store, itemId, recId);
      const e = await getEscalation(store, recommendationRecordKey(rec), escalationId);
      if (!e) throw new NotFoundError(`No escalation ${escalationId}.`);
      const next = await recordEscalationProgress(store, e, c.req.valid('json')).catch(refused);
      return c.json(escalationView(next), 200);
    },
  );
