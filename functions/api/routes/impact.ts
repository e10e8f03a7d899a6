/**
 * The impact ledger (issue 21, part 7): the secretary records what changed, with the source
 * document; an official of the body confirms it; anyone reads the entries and their exact sums,
 * for the club and per body.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { impactForBody, listImpact } from '../../data/impact';
import { confirmImpact, getImpact, recordImpact } from '../../services/impact';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { IMPACT_KINDS, ImpactEntry, ImpactInput, sumImpact } from '../schemas/impact';
import { Ulid } from '../schemas/item';
import { BodyId } from '../schemas/sessions';

const KindTotal = z.object({ count: z.number().int(), amountKzt: z.string() });
const Totals = z.object(
  Object.fromEntries(IMPACT_KINDS.map((k) => [k, KindTotal])) as Record<
    (typeof IMPACT_KINDS)[number],
    typeof KindTotal
  >,
);
export const ImpactLedgerView = z
  .object({
    entries: z.array(ImpactEntry),
    totals: z.object({ all: Totals, confirmed: Totals, entries: z.number().int() }),
  })
  .openapi('ImpactLedger');

const ok = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

export const impactRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineCreate('impact.record', {
      method: 'post',
      path: '/club/impact',
      tags: ['sessions'],
      summary: 'Record an effect (money saved/recovered, purchase cancelled, penalty, defect fixed)',
      request: { body: { content: { 'application/json': { schema: ImpactInput } }, required: true } },
      responses: {
        201: ok('The entry (unconfirmed)', ImpactEntry),
        ...problemResponses(400, 401, 403, 409, 429, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const input = c.req.valid('json');
      await spendRatePolicy(c, 'POST /club/impact', c.var.user!.sub);
      const entry = await recordImpact(store, input, c.var.user!, now());
      return c.json(entry, 201);
    },
  )
  .openapi(
    defineRoute('impact.confirm', {
      method: 'post',
      path: '/club/impact/{itemId}/{id}/confirmation',
      tags: ['sessions'],
      summary: 'An official of the body confirms an effect recorded about it',
      request: { params: z.object({ itemId: Ulid, id: Ulid }) },
      responses: { 200: ok('The entry', ImpactEntry), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { itemId, id } = c.req.valid('param');
      const entry = await getImpact(store, itemId, id);
      if (!entry) throw new NotFoundError(`No impact entry ${id} on this item.`);
      authorize(c.var.user, 'impact.confirm', { bodyId: entry.bodyId });
      return c.json(await confirmImpact(store, entry, c.var.user!, now()), 200);
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/club/impact',
      tags: ['sessions'],
      summary: 'The club’s impact ledger with exact sums per kind (all and confirmed)',
      description:
        '`?sessionId=` keeps the effects of that session’s outcomes and recommendations (the session page’s sums).',
      request: { query: z.object({ sessionId: Ulid.optional() }) },
      responses: { 200: ok('The ledger', ImpactLedgerView), ...problemResponses(400, 503) },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('query');
      const all = await listImpact(c.var.deps.store);
      const entries = sessionId ? all.filter((e) => e.subject.sessionId === sessionId) : all;
      return c.json({ entries, totals: sumImpact(entries) }, 200);
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/bodies/{bodyId}/impact',
      tags: ['sessions'],
      summary: 'The impact ledger of one body, with exact sums per kind',
      request: { params: z.object({ bodyId: BodyId }) },
      responses: { 200: ok('The ledger', ImpactLedgerView), ...problemResponses(400, 503) },
    }),
    async (c) => {
      const entries = await impactForBody(c.var.deps.store, c.req.valid('param').bodyId);
      return c.json({ entries, totals: sumImpact(entries) }, 200);
    },
  );
