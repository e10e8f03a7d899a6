/**
 * `GET /api/flags`: the last flag run's counts per flag and the most flagged contractors and bodies,
 * read from the summaries the flag job stores (three bounded reads, never a Scan).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../../shared/policy';
import { readFlagOverview } from '../../services/flags';
import {
  editFlagExplanation,
  explainFlag,
  flagExplanationsWithModeration,
  flaggedItemBody,
  getFlagExplanation,
  publicFlagExplanations,
  toFlagExplanationView,
  withdrawFlagExplanation,
} from '../../services/flags-explanations';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import {
  FlagCodeParam,
  FlagExplanationInput,
  FlagExplanationList,
  FlagExplanationView,
} from '../schemas/flags-explanations';
import { Ulid } from '../schemas/item';

const Summary = z.object({
  kind: z.enum(['contractor', 'body']),
  id: z.string(),
  name: z.string().optional(),
  items: z.number().int(),
  flagged: z.number().int(),
  byFlag: z.record(z.string(), z.number().int()),
});

const FlagOverview = z.object({
  /** Null before the flag job first ran. */
  run: z
    .object({
      at: z.string(),
      today: z.string(),
      items: z.number().int(),
      flagged: z.number().int(),
      byFlag: z.record(z.string(), z.number().int()),
      contractorsFlagged: z.number().int(),
      bodiesFlagged: z.number().int(),
    })
    .nullable(),
  contractors: z.array(Summary),
  bodies: z.array(Summary),
});

const ExplanationParams = z.object({ itemId: Ulid, explanationId: Ulid });

/** The explanation the path names, once the caller may change it (an official of the body it speaks for). */
async function explanationToChange(
  vars: AppEnv['Variables'],
  { itemId, explanationId }: z.infer<typeof ExplanationParams>,
) {
  const current = await getFlagExplanation(vars.deps.store, itemId, explanationId);
  if (!current) throw new NotFoundError(`No explanation ${explanationId} on item ${itemId}.`);
  authorize(vars.user, 'flags.explanationEdit', { bodyId: current.bodyId });
  return current;
}

export const flagRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/flags',
      tags: ['items'],
      summary: 'Risk flags overview: counts per flag and the most flagged contractors and bodies',
      description:
        'Read from the summaries of the last flag job run (most flagged first). A flag is a reason to look, not a verdict.',
      request: {
        query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
      },
      responses: {
        200: { description: 'The overview', content: { 'application/json': { schema: FlagOverview } } },
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      const { limit } = c.req.valid('query');
      const o = await readFlagOverview(c.var.deps.store, limit);
      return c.json(
        {
          run: o.run
            ? {
                at: String(o.run.at),
                today: o.run.today,
                items: Number(o.run.items),
                flagged: Number(o.run.flagged),
                byFlag: Object.fromEntries(Object.entries(o.run.byFlag).map(([k, v]) => [k, Number(v)])),
                contractorsFlagged: Number(o.run.contractorsFlagged),
                bodiesFlagged: Number(o.run.bodiesFlagged),
              }
            : null,
          contractors: o.contractors.map(plain),
          bodies: o.bodies.map(plain),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute('items.read', {
      method: 'get',
      path: '/items/{itemId}/flag-explanations',
      tags: ['items'],
      summary: "The item's body's public explanations of its risk flags (moderated ones left out)",
      description:
        "Readers get the visible explanations. The item's body's officials and moderators also get the " +
        'moderated ones, marked with `visibility` and `hiddenReason`.',
      request: { params: z.object({ itemId: Ulid }) },
      responses: {
        200: {
          description: 'The explanations, oldest first',
          content: { 'application/json': { schema: FlagExplanationList } },
        },
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      const { itemId } = c.req.valid('param');
      const { store } = c.var.deps;
      const user = c.var.user;
      // Only a signed-in caller costs the item read that tells whose body it is.
      const seesModerated =
        !!user &&
        (can(user, 'moderation.read') ||
          (user.bodies.length > 0 &&
            can(user, 'flags.explain', { bodyId: (await flaggedItemBody(store, itemId)) ?? '' })));
      return c.json(
        {
          explanations: seesModerated
            ? await flagExplanationsWithModeration(store, itemId)
            : await publicFlagExplanations(store, itemId),
        },
        200,
      );
    },
  )
  .openapi(
    defineCreate('flags.explain', {
      method: 'post',
      path: '/items/{itemId}/flags/{code}/explanations',
      tags: ['items'],
      summary: "An official of the item's body explains a risk flag on it, publicly; the flag stays",
      description:
        'Only a flag the item carries now (409 `flag_explanation.flag_not_on_item`). On the audit chain; ' +
        'moderated as content kind `flag_explanation`.',
      request: {
        params: z.object({ itemId: Ulid, code: FlagCodeParam }),
        body: { content: { 'application/json': { schema: FlagExplanationInput } }, required: true },
      },
      responses: {
        201: {
          description: 'The explanation, recorded',
          content: { 'application/json': { schema: FlagExplanationView } },
        },
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { itemId, code } = c.req.valid('param');
      const input = c.req.valid('json');
      const bodyId = await flaggedItemBody(store, itemId);
      if (!bodyId) throw new NotFoundError(`No item ${itemId}.`);
      authorize(c.var.user, 'flags.explain', { bodyId });
      const user = c.var.user!;
      await spendRatePolicy(c, 'POST /items/{itemId}/flags/{code}/explanations', user.sub);
      const r = await explainFlag(store, itemId, code, input, user, now(), (rec) =>
        completionOps(c, 201, toFlagExplanationView(rec)),
      );
      if (!r) throw new NotFoundError(`No item ${itemId}.`);
      return c.json(toFlagExplanationView(r), 201);
    },
  )
  .openapi(
    defineRoute('flags.explanationEdit', {
      method: 'patch',
      path: '/items/{itemId}/flag-explanations/{explanationId}',
      tags: ['items'],
      summary: 'An official of the body edits its explanation of a flag (the chain keeps the earlier one)',
      description:
        'The moderation state stays (an edit never un-hides). Two edits at once: the second gets 409 ' +
        '`flag_explanation.changed`.',
      request: {
        params: ExplanationParams,
        body: { content: { 'application/json': { schema: FlagExplanationInput } }, required: true },
      },
      responses: {
        200: {
          description: 'The explanation as edited',
          content: { 'application/json': { schema: FlagExplanationView } },
        },
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const current = await explanationToChange(c.var, c.req.valid('param'));
      const edited = await editFlagExplanation(store, current, c.req.valid('json'), c.var.user!, now());
      return c.json(toFlagExplanationView(edited), 200);
    },
  )
  .openapi(
    defineRoute('flags.explanationEdit', {
      method: 'delete',
      path: '/items/{itemId}/flag-explanations/{explanationId}',
      tags: ['items'],
      summary: 'An official of the body withdraws its explanation of a flag (the chain records it)',
      request: { params: ExplanationParams },
      responses: { 204: { description: 'Withdrawn' }, ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const current = await explanationToChange(c.var, c.req.valid('param'));
      await withdrawFlagExplanation(store, current, c.var.user!, now());
      return c.body(null, 204);
    },
  );

const plain = (s: Awaited<ReturnType<typeof readFlagOverview>>['contractors'][number]) => ({
  kind: s.kind,
  id: s.id,
  ...(s.name ? { name: s.name } : {}),
  items: s.items,
  flagged: s.flagged,
  byFlag: Object.fromEntries(Object.entries(s.byFlag).map(([k, v]) => [k, Number(v)])),
});
