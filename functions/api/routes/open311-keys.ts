/**
 * Open311 API keys, administered (issue 22, item 6): an admin issues a key for a named client (the
 * answer holds the whole key, this once), lists the keys by prefix and revokes one. The Open311 POST
 * checks keys through functions/services/open311-keys.ts.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { issueOpen311Key, open311Keys, revokeOpen311Key } from '../../services/open311-keys';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { spendRatePolicy } from '../rate-policy';
import { Open311KeyCreate, Open311KeyCreated, Open311KeyId, Open311KeyView } from '../schemas/open311-keys';

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const open311KeyRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('open311.keys', {
      method: 'get',
      path: '/admin/open311-keys',
      tags: ['admin'],
      summary: 'The Open311 API keys issued, newest first, by prefix (admin)',
      responses: {
        200: json(z.object({ keys: z.array(Open311KeyView) }), 'The keys'),
        ...problemResponses(401, 403, 503),
      },
    }),
    async (c) => c.json({ keys: await open311Keys(c.var.deps.store) }, 200),
  )
  .openapi(
    defineCreate('open311.keys', {
      method: 'post',
      path: '/admin/open311-keys',
      tags: ['admin'],
      summary: 'Issue an Open311 API key for a named client (admin)',
      description:
        'The answer holds the whole key in `key`, this once: only its hash is stored. A retry with the same ' +
        'Idempotency-Key answers the record without `key`; if the first answer was lost, revoke the key and issue another.',
      request: { body: { required: true, content: { 'application/json': { schema: Open311KeyCreate } } } },
      responses: {
        201: json(Open311KeyCreated, 'The new key'),
        ...problemResponses(400, 401, 403, 429, 503),
      },
    }),
    async (c) => {
      const { name } = c.req.valid('json');
      const { store, now } = c.var.deps;
      await spendRatePolicy(c, 'POST /admin/open311-keys', c.var.user!.sub);
      const created = await issueOpen311Key(store, c.var.user!, name, now(), (view) =>
        completionOps(c, 201, view),
      );
      return c.json(created, 201);
    },
  )
  .openapi(
    defineRoute('open311.keys', {
      method: 'delete',
      path: '/admin/open311-keys/{id}',
      tags: ['admin'],
      summary: 'Revoke an Open311 API key: calls with it are refused from now on (admin)',
      request: { params: z.object({ id: Open311KeyId }) },
      responses: {
        200: json(Open311KeyView, 'The key, revoked'),
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await revokeOpen311Key(c.var.deps.store, c.var.user!, id, c.var.deps.now()), 200);
    },
  );
