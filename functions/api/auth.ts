/**
 * Authentication (who is calling) and the route-level authorization hook (may they call this).
 * Every route is built with `defineRoute`, which records the action it needs; the authorization
 * matrix test reads that registry, so a route without a declared action cannot exist.
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { type Action, can, isPublic, needsSignUp, type PolicyResource, RULES } from '../../shared/policy';
import { hasAcceptedSignUp } from '../services/consents';
import type { AppEnv } from './env';
import { jsonBody } from './json-body';
import { problemResponses } from './openapi';
import { ForbiddenError, UnauthorizedError } from './problems';

/** Reads the bearer token, if any, and sets `c.var.user`. A bad token is a 401, never "anonymous". */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Authorization');
  if (!header) {
    c.set('user', null);
    return next();
  }
  const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
  if (!m?.[1]) throw new UnauthorizedError('The Authorization header must be "Bearer <token>".');
  c.set('user', await c.var.deps.auth.verify(m[1]));
  return next();
};

/** Throws 401 (anonymous) or 403 (signed in) unless the policy allows `action` on `resource`. */
export function authorize(
  user: AppEnv['Variables']['user'],
  action: Action,
  resource?: PolicyResource,
): void {
  if (can(user, action, resource)) return;
  throw user ? new ForbiddenError() : new UnauthorizedError();
}

export function requires(action: Action): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Resource-scoped rules (own body, own comment) are checked again in the handler with the
    // resource; here only the role part can be known, so a resource-scoped action passes for
    // anyone signed in and the handler decides.
    const user = c.var.user;
    if (isResourceScoped(action)) {
      if (!user) throw new UnauthorizedError();
    } else {
      authorize(user, action);
    }
    if (user && needsSignUp(action, c.req.method)) await requireSignUp(c.var.deps.store, user.sub);
    return next();
  };
}

/**
 * An account changes nothing until it has accepted the current account text at sign-up (the web
 * app sends a new account to /sign-in/welcome; this refuses any other client too). One read per
 * write; reads, sign-up itself, export, erasure and withdrawals pass (shared/policy.ts, needsSignUp).
 */
async function requireSignUp(store: AppEnv['Variables']['deps']['store'], sub: string): Promise<void> {
  if (await hasAcceptedSignUp(store, sub)) return;
  throw new ForbiddenError('Accept the account text first (PUT /api/me/sign-up).', {
    code: 'account.sign_up_required',
  });
}

function isResourceScoped(action: Action): boolean {
  return typeof RULES[action] === 'function';
}

/** Every route's declared action, by "METHOD /openapi/path". Read by the authorization matrix. */
export const routeActions = new Map<string, Action>();

/** Routes that take a JSON body, by "METHOD /openapi/path": each gets the `jsonBody` edge. */
export const jsonBodyRoutes = new Set<string>();

export function defineRoute<R extends RouteConfig>(action: Action, config: R) {
  const key = `${config.method.toUpperCase()} ${config.path}`;
  routeActions.set(key, action);
  const body = config.request?.body;
  // A JSON document checked by a schema; file uploads that may also be JSON (the import) read their own bytes.
  const mediaTypes = Object.keys(body?.content ?? {});
  const takesJson = mediaTypes.length === 1 && mediaTypes[0] === 'application/json';
  if (takesJson) jsonBodyRoutes.add(key);
  return createRoute({
    ...config,
    middleware: [
      requires(action),
      // After authorization: an anonymous caller learns nothing about the body's shape. Before the
      // route's own middleware (the Idempotency-Key wrapper of a create): bad input is refused as
      // such (400/415) whether or not the request carries a key, and no key is claimed for it.
      ...(takesJson ? [jsonBody(body?.required === true)] : []),
      ...((config.middleware as MiddlewareHandler[] | undefined) ?? []),
    ],
    // Every JSON route can answer 400 (malformed), 413 (too large) and 415 (not JSON), and every write
    // of an account 403 until it has signed up (account.sign_up_required): documented once, here.
    responses: {
      ...(takesJson ? problemResponses(400, 413, 415) : {}),
      ...(needsSignUp(action, config.method) ? problemResponses(403) : {}),
      ...config.responses,
    },
    ...(isPublic(action) ? {} : { security: [{ bearerAuth: [] }] }),
  } as R);
}
