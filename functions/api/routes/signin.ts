/**
 * How to sign in here, and the code exchange of the managed-login flow (functions/auth/oauth.ts).
 * Both are public: they are what someone not signed in yet calls.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { AuthConfig, type AuthConfig as Config, SignInToken, TokenExchange } from '../../../shared/signin';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';

export const signInRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('auth.config', {
      method: 'get',
      path: '/auth/config',
      tags: ['identity'],
      summary: 'How to sign in here: local demo users, the provider’s managed login, or not at all',
      responses: {
        200: { description: 'The sign-in mode', content: { 'application/json': { schema: AuthConfig } } },
        ...problemResponses(401),
      },
    }),
    (c) => {
      const { local, oauth } = c.var.deps;
      // The local issuer wins: a hub on this machine signs in with its demo users.
      const config: Config = local?.issuer
        ? { mode: 'local' }
        : oauth
          ? { mode: 'oauth', ...oauth.config }
          : { mode: 'none' };
      c.header('Cache-Control', 'no-cache');
      return c.json(config, 200);
    },
  )
  .openapi(
    defineRoute('auth.signIn', {
      method: 'post',
      path: '/auth/token',
      tags: ['identity'],
      summary: 'Exchange the code from the managed login (with its PKCE verifier) for a verified id token',
      request: { body: { required: true, content: { 'application/json': { schema: TokenExchange } } } },
      responses: {
        200: {
          description: 'A verified id token',
          content: { 'application/json': { schema: SignInToken } },
        },
        ...problemResponses(400, 401, 404),
        502: {
          description: 'The sign-in service answered with something this app cannot use',
          content: problemResponses(502)[502].content,
        },
        503: {
          description: 'The sign-in service is not answering; see Retry-After',
          content: problemResponses(503)[503].content,
        },
      },
    }),
    async (c) => {
      const oauth = c.var.deps.oauth;
      if (!oauth) throw new NotFoundError('Sign-in with a code is not available here.');
      const token = await oauth.exchange(c.req.valid('json'));
      // RFC 6749 §5.1: responses carrying tokens must not be cached.
      c.header('Cache-Control', 'no-store');
      return c.json(token, 200);
    },
  );
