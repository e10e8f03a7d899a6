/**
 * Government bodies (public to read, admins manage them) and user administration: admins grant and
 * revoke roles and body bindings; every change is recorded with who and when, and admins read that
 * record. In the cloud a grant goes to Cognito groups first (the truth tokens are made from) and is
 * mirrored in the user store; locally the user store is the truth the local issuer reads.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Principal, Role } from '../../../shared/users';
import { type Body, getBody, listBodies } from '../../data/bodies';
import {
  type Actor,
  type Grant,
  getProfile,
  listChanges,
  listChangesOf,
  pageProfiles,
} from '../../data/users';
import { createBody, updateBody } from '../../services/bodies';
import { GrantRefusedError, applyGrant as runGrant } from '../../services/grants';
import { defineRoute } from '../auth';
import type { AppDeps, AppEnv } from '../env';
import { defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { ConflictError, NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import {
  BodyCreate,
  BodyId,
  BodyUpdate,
  BodyView,
  ChangePage,
  ChangeView,
  GrantableRole,
  UserSub,
  UserView,
} from '../schemas/identity';

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const jsonBody = <S extends z.ZodType>(schema: S) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/** Searching and paging users (issue 20): bounded reads, never the whole user table at once. */
const UserSearch = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().min(1).max(200).optional(),
});

const actorOf = (user: Principal | null): Actor => ({ sub: user?.sub ?? '', name: user?.name ?? '' });

/** The grant workflow (functions/services/grants.ts), its refusals as problems. */
async function applyGrant(
  deps: AppDeps,
  actor: Actor,
  sub: string,
  grant: Grant,
  revoke: boolean,
): Promise<z.infer<typeof UserView>> {
  try {
    return await runGrant(deps, actor, sub, grant, revoke);
  } catch (err) {
    if (err instanceof GrantRefusedError)
      throw err.kind === 'self_revoke'
        ? new ConflictError(err.message, { code: 'admin.self_revoke' })
        : err.kind === 'last_admin'
          ? new ConflictError(err.message, { code: 'admin.last_admin' })
          : new NotFoundError(err.message);
    throw err;
  }
}

const UserParams = z.object({ sub: UserSub });
const RoleParams = z.object({ sub: UserSub, role: GrantableRole });
const BindingParams = z.object({ sub: UserSub, bodyId: BodyId });
const grantResponses = {
  200: json(UserView, 'The user after the change'),
  ...problemResponses(400, 401, 403, 404, 409, 503),
};

export const adminRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('bodies.read', {
      method: 'get',
      path: '/bodies',
      tags: ['bodies'],
      summary: 'All government bodies',
      responses: {
        200: json(z.object({ bodies: z.array(BodyView) }), 'The bodies'),
        ...problemResponses(503),
      },
    }),
    async (c) => c.json({ bodies: await listBodies(c.var.deps.store) }, 200),
  )
  .openapi(
    defineRoute('bodies.read', {
      method: 'get',
      path: '/bodies/{id}',
      tags: ['bodies'],
      summary: 'One government body',
      request: { params: z.object({ id: BodyId }) },
      responses: { 200: json(BodyView, 'The body'), ...problemResponses(400, 404, 503) },
    }),
    async (c) => {
      const body = await getBody(c.var.deps.store, c.req.valid('param').id);
      if (!body) throw new NotFoundError('No such body.');
      return c.json(body, 200);
    },
  )
  .openapi(
    defineCreate('bodies.manage', {
      method: 'post',
      path: '/admin/bodies',
      tags: ['admin'],
      summary: 'Create a government body (admin)',
      request: jsonBody(BodyCreate),
      responses: { 201: json(BodyView, 'The new body'), ...problemResponses(400, 401, 403, 409, 429, 503) },
    }),
    async (c) => {
      const input = c.req.valid('json') as Body;
      const { store, now } = c.var.deps;
      await spendRatePolicy(c, 'POST /admin/bodies', c.var.user!.sub);
      await createBody(store, input, actorOf(c.var.user), now());
      return c.json(input, 201);
    },
  )
  .openapi(
    defineRoute('bodies.manage', {
      method: 'patch',
      path: '/admin/bodies/{id}',
      tags: ['admin'],
      summary: 'Rename a body, move it under another, change its area, or bind it to its BIN (admin)',
      request: { params: z.object({ id: BodyId }), ...jsonBody(BodyUpdate) },
      responses: {
        200: json(BodyView, 'The body after the change'),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const { store, now } = c.var.deps;
      const after = await updateBody(store, id, patch, actorOf(c.var.user), now());
      return c.json(after, 200);
    },
  )
  .openapi(
    defineRoute('users.manage', {
      method: 'get',
      path: '/admin/users',
      tags: ['admin'],
      summary:
        'Users with a stored profile and their grants, a page at a time in account-id order, optionally only those whose name or id contains q (admin)',
      request: { query: UserSearch },
      responses: {
        200: json(
          z.object({
            users: z.array(UserView),
            /** The cursor of the next page; absent on the last. A search page may hold fewer than `limit`. */
            next: z.string().optional(),
          }),
          'A page of users',
        ),
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => c.json(await pageProfiles(c.var.deps.store, c.req.valid('query')), 200),
  )
  .openapi(
    defineRoute('users.manage', {
      method: 'get',
      path: '/admin/users/{sub}',
      tags: ['admin'],
      summary: "A user's grants and the history of changes to them (admin)",
      request: { params: UserParams },
      responses: {
        200: json(UserView.extend({ changes: z.array(ChangeView) }), 'The user'),
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { sub } = c.req.valid('param');
      const { store } = c.var.deps;
      const [profile, changes] = await Promise.all([
        getProfile(store, sub),
        listChangesOf(store, { type: 'user', id: sub }),
      ]);
      if (!profile) throw new NotFoundError('No such user.');
      return c.json({ ...profile, changes }, 200);
    },
  )
  .openapi(
    defineRoute('users.manage', {
      method: 'put',
      path: '/admin/users/{sub}/roles/{role}',
      tags: ['admin'],
      summary: 'Grant a role (admin)',
      request: { params: RoleParams },
      responses: grantResponses,
    }),
    async (c) => {
      const { sub, role } = c.req.valid('param');
      return c.json(
        await applyGrant(c.var.deps, actorOf(c.var.user), sub, { role: role as Role }, false),
        200,
      );
    },
  )
  .openapi(
    defineRoute('users.manage', {
      method: 'delete',
      path: '/admin/users/{sub}/roles/{role}',
      tags: ['admin'],
      summary: 'Revoke a role (admin)',
      request: { params: RoleParams },
      responses: grantResponses,
    }),
    async (c) => {
      const { sub, role } = c.req.valid('param');
      return c.json(
        await applyGrant(c.var.deps, actorOf(c.var.user), sub, { role: role as Role }, true),
        200,
      );
    },
  )
  .openapi(
    defineRoute('users.manage', {
      method: 'put',
      path: '/admin/users/{sub}/bodies/{bodyId}',
      tags: ['admin'],
      summary: 'Bind a user to a body they act for as an official (admin)',
      request: { params: BindingParams },
      responses: grantResponses,
    }),
    async (c) => {
      const { sub, bodyId } = c.req.valid('param');
      return c.json(await applyGrant(c.var.deps, actorOf(c.var.user), sub, { bodyId }, false), 200);
    },
  )
  .openapi(
    defineRoute('users.manage', {
      method: 'delete',
      path: '/admin/users/{sub}/bodies/{bodyId}',
      tags: ['admin'],
      summary: 'Unbind a user from a body (admin)',
      request: { params: BindingParams },
      responses: grantResponses,
    }),
    async (c) => {
      const { sub, bodyId } = c.req.valid('param');
      return c.json(await applyGrant(c.var.deps, actorOf(c.var.user), sub, { bodyId }, true), 200);
    },
  )
  .openapi(
    defineRoute('changes.read', {
      method: 'get',
      path: '/admin/changes',
      tags: ['admin'],
      summary: 'Every administrative change, newest first: who, when, what (admin)',
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z
            .string()
            .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)
            .optional(),
        }),
      },
      responses: { 200: json(ChangePage, 'A page of changes'), ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      return c.json(await listChanges(c.var.deps.store, { limit, cursor }), 200);
    },
  );
