/**
 * Escalating an overdue answer (APPK art. 91(2): silence past the term is a refusal; art. 92: three
 * months to complain): the asker makes a printable complaint to the superior body or the
 * prosecutor's office in kk or ru, prints it, and records when it was sent and answered. The
 * escalation service and its template are shared with overdue club recommendations.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { almatyDate } from '../../../shared/dates';
import { isOverdue, type Question } from '../../../shared/questions';
import { getBody } from '../../data/bodies';
import { getQuestion } from '../../data/questions';
import {
  createEscalation,
  ESCALATION_LANGS,
  EscalationRuleError,
  type EscalationSubject,
  escalationView,
  getEscalation,
  listEscalations,
  questionSilenceBasis,
  recordEscalationProgress,
} from '../../services/escalation';
import { renderComplaint } from '../../services/escalation-template';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { ConflictError, NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { IsoDate, Ulid } from '../schemas/item';

const QuestionParams = z.object({ itemId: Ulid, id: Ulid });
const EscalationParams = QuestionParams.extend({ escalationId: Ulid });

/** The escalation's wire shapes, shared by the question and the recommendation routes. */
export const EscalationInput = z
  .object({
    addressee: z
      .object({ kind: z.enum(['superior_body', 'prosecutor']), name: z.string().trim().min(2).max(300) })
      .strict(),
    lang: z.enum(ESCALATION_LANGS),
  })
  .strict();
export const ProgressInput = z
  .object({ sentOn: IsoDate.optional(), answeredOn: IsoDate.optional() })
  .strict();

export const EscalationView = z.object({
  id: Ulid,
  subjectKind: z.enum(['question', 'recommendation']),
  recordKey: z.string(),
  addressee: z.object({ kind: z.enum(['superior_body', 'prosecutor']), name: z.string() }),
  lang: z.enum(ESCALATION_LANGS),
  createdOn: z.string(),
  createdAt: z.string(),
  proof: z.object({
    recordKey: z.string(),
    seq: z.number().int(),
    digest: z.string(),
    entryHash: z.string(),
  }),
  complainantName: z.string(),
  sentOn: z.string().optional(),
  answeredOn: z.string().optional(),
});

async function askersQuestion(c: Context<AppEnv>, itemId: string, id: string): Promise<Question> {
  const q = await getQuestion(c.var.deps.store, itemId, id);
  if (!q) throw new NotFoundError(`No question ${id} on item ${itemId}.`);
  authorize(c.var.user, 'questions.escalate', { ownerSub: q.askerSub });
  return q;
}

async function questionSubject(c: Context<AppEnv>, q: Question): Promise<EscalationSubject> {
  const body = await getBody(c.var.deps.store, q.bodyId);
  return {
    kind: 'question',
    recordKey: `question/${q.itemId}/${q.id}`,
    itemTitle: q.itemTitle ?? {},
    body: { id: q.bodyId, name: body?.name ?? { kk: q.bodyId, ru: q.bodyId } },
    text: q.text,
    dates: [
      { label: 'asked', date: q.receivedOn },
      ...(q.registeredOn ? [{ label: 'registered' as const, date: q.registeredOn }] : []),
      { label: q.extension ? 'extended_to' : 'due', date: q.dueOn },
    ],
    legalBasis: questionSilenceBasis(q.dueOn),
  };
}

function refused(err: unknown): never {
  if (err instanceof EscalationRuleError) throw new ConflictError(err.message, { code: err.code });
  throw err;
}

export const escalationRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>()
  .openapi(
    defineCreate('questions.escalate', {
      method: 'post',
      path: '/items/{itemId}/questions/{id}/escalations',
      tags: ['questions'],
      summary: 'Escalate an overdue question: a complaint to the superior body or the prosecutor (kk or ru)',
      request: {
        params: QuestionParams,
        body: { content: { 'application/json': { schema: EscalationInput } }, required: true },
      },
      responses: {
        201: { description: 'The escalation', content: { 'application/json': { schema: EscalationView } } },
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const input = c.req.valid('json');
      const q = await askersQuestion(c, itemId, id);
      const today = almatyDate(c.var.deps.now());
      if (!isOverdue(q, today))
        throw new ConflictError(`The answer is due on ${q.dueOn} and the question is ${q.status}.`, {
          code: 'escalation.not_overdue',
        });
      const user = c.var.user!;
      await spendRatePolicy(c, 'POST /items/{itemId}/questions/{id}/escalations', user.sub);
      const e = await createEscalation(c.var.deps.store, {
        subject: await questionSubject(c, q),
        dueOn: q.dueOn,
        today,
        addressee: input.addressee,
        lang: input.lang,
        complainant: { sub: user.sub, name: user.name },
        now: c.var.deps.now(),
      }).catch(refused);
      return c.json(escalationView(e), 201);
    },
  )
  .openapi(
    defineRoute('questions.escalate', {
      method: 'get',
      path: '/items/{itemId}/questions/{id}/escalations',
      tags: ['questions'],
      summary: "The asker's escalations of a question, oldest first, with when each was sent and answered",
      request: { params: QuestionParams },
      responses: {
        200: {
          description: 'Escalations',
          content: { 'application/json': { schema: z.object({ escalations: z.array(EscalationView) }) } },
        },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      await askersQuestion(c, itemId, id);
      const list = await listEscalations(c.var.deps.store, `question/${itemId}/${id}`);
      return c.json({ escalations: list.map(escalationView) }, 200);
    },
  )
  .openapi(
    defineRoute('questions.escalate', {
      method: 'get',
      path: '/items/{itemId}/questions/{id}/escalations/{escalationId}/complaint',
      tags: ['questions'],
      summary: 'The printable complaint (HTML, kk or ru) of an escalation',
      request: { params: EscalationParams },
      responses: {
        200: { description: 'The complaint to print', content: { 'text/html': { schema: z.string() } } },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { itemId, id, escalationId } = c.req.valid('param');
      const q = await askersQuestion(c, itemId, id);
      const e = await getEscalation(c.var.deps.store, `question/${itemId}/${id}`, escalationId);
      if (!e) throw new NotFoundError(`No escalation ${escalationId}.`);
      const verifyUrl = new URL(`/api/audit/verify?record=${e.proof.recordKey}`, c.req.url).toString();
      const html = renderComplaint(e, await questionSubject(c, q), { verifyUrl });
      return c.html(html, 200, { 'Cache-Control': 'private, no-store' });
    },
  )
  .openapi(
    defineRoute('questions.escalate', {
      method: 'post',
      path: '/items/{itemId}/questions/{id}/escalations/{escalationId}/progress',
      tags: ['questions'],
      summary: 'Record when the complaint was sent, and when it was answered',
      request: {
        params: EscalationParams,
        body: { content: { 'application/json': { schema: ProgressInput } }, required: true },
      },
      responses: {
        200: { description: 'The escalation', content: { 'application/json': { schema: EscalationView } } },
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { itemId, id, escalationId } = c.req.valid('param');
      await askersQuestion(c, itemId, id);
      const e = await getEscalation(c.var.deps.store, `question/${itemId}/${id}`, escalationId);
      if (!e) throw new NotFoundError(`No escalation ${escalationId}.`);
      const next = await recordEscalationProgress(c.var.deps.store, e, c.req.valid('json')).catch(refused);
      return c.json(escalationView(next), 200);
    },
  );
