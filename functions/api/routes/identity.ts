/** Who am I: the signed-in user's name and role badges (an official's badge names the body). */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '../../../shared/users';
import { describeUser, renameUser } from '../../services/identity';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { MeView, ProfileUpdate } from '../schemas/identity';

export const identityRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('me.read', {
      method: 'get',
      path: '/me',
      tags: ['identity'],
      summary: 'The signed-in user: display name, roles and badges',
      responses: {
        200: { description: 'The signed-in user', content: { 'application/json': { schema: MeView } } },
        ...problemResponses(401, 503),
      },
    }),
    async (c) => {
      // defineRoute('me.read') has refused anonymous callers already.
      const user = c.var.user as Principal;
      return c.json(await describeUser(c.var.deps.store, user), 200);
    },
  )
  .openapi(
    defineRoute('me.update', {
      method: 'patch',
      path: '/me',
      tags: ['identity'],
      summary: 'Change the name you are shown by (roles and badges are granted, not chosen)',
      request: { body: { required: true, content: { 'application/json': { schema: ProfileUpdate } } } },
      responses: {
        200: { description: 'The signed-in user', content: { 'application/json': { schema: MeView } } },
        ...problemResponses(400, 401, 503),
      },
    }),
    async (c) => {
      const user = c.var.user as Principal;
      const { store, now } = c.var.deps;
      return c.json(await renameUser(store, user, c.req.valid('json').name, now()), 200);
    },
  );
