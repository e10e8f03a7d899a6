/** Who am I: the signed-in user's name and role badges (an official's badge names the body). */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '../../../shared/users';
import { getBody } from '../../data/bodies';
import type { Store } from '../../data/client';
import { getProfile, setDisplayName } from '../../data/users';
import { signUpStateOf } from '../../services/consents';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { type MeView as Me, MeView, ProfileUpdate } from '../schemas/identity';

export async function describeUser(store: Store, user: Principal): Promise<Me> {
  const [profile, signUp, ...bodies] = await Promise.all([
    getProfile(store, user.sub),
    signUpStateOf(store, user.sub),
    ...user.bodies.map((id) => getBody(store, id)),
  ]);
  const badges: Me['badges'] = [];
  for (const role of user.roles) {
    if (role !== 'official') badges.push({ role });
    else
      for (const [i, id] of user.bodies.entries())
        badges.push({ role, body: { id, name: bodies[i]?.name ?? { en: id } } });
  }
  // The token decides roles; a stored display name (set locally or mirrored) wins over the token's.
  return {
    sub: user.sub,
    name: profile?.name ?? user.name,
    roles: user.roles,
    bodies: user.bodies,
    badges,
    signUp,
  };
}

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
      await setDisplayName(store, user.sub, c.req.valid('json').name, now());
      return c.json(await describeUser(store, user), 200);
    },
  );
