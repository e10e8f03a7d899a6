/**
 * How to sign in here, the code exchange of the managed-login flow (functions/auth/oauth.ts), and
 * the silent refresh and sign-out of the refresh-token cookie (functions/auth/refresh.ts). All are
 * public: they are what someone not signed in yet (or whose id token ran out) calls.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { MfaEnrolmentRequired } from '../../auth/mfa';
import { clearRefreshCookie, RefreshRefusedError, refreshCookie, refreshTokenFrom } from '../../auth/refresh';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { ProblemSchema, problemResponses } from '../openapi';
import { NotFoundError } from '../problems';
import { AuthConfig, type AuthConfig as Config, SignInToken, TokenExchange } from '../schemas/signin';

/** The refresh and sign-out take an empty JSON object: a cross-site form cannot send JSON without a preflight. */
const NoFields = z.object({}).strict();

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
        ...problemResponses(400, 404),
        401: {
          description:
            'Refused; staff without TOTP (`auth.mfa_required`) also get `enrolment`: their own access token and the user pool’s API, to set TOTP up there',
          content: {
            'application/problem+json': {
              schema: ProblemSchema.extend({
                enrolment: z
                  .object({ accessToken: z.string(), identityUrl: z.url(), account: z.string() })
                  .optional(),
              }),
            },
          },
        },
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
      let exchanged: Awaited<ReturnType<typeof oauth.exchange>>;
      try {
        exchanged = await oauth.exchange(c.req.valid('json'));
      } catch (err) {
        if (!(err instanceof MfaEnrolmentRequired)) throw err;
        // The 401 problem plus how to set TOTP up (web/src/auth/totpEnrolmentPage.tsx); it holds a token.
        return c.json(
          {
            type: err.type,
            title: err.title,
            status: err.status,
            detail: err.message,
            instance: new URL(c.req.url).pathname,
            code: err.code,
            enrolment: err.enrolment,
          },
          401,
          { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' },
        );
      }
      // No profile is written here: the name and roles are stored only once the account accepts the
      // account text at sign-up (PUT /api/me/sign-up, which also puts it in the admin's user list).
      const { user: _user, refreshToken, ...token } = exchanged;
      // RFC 6749 §5.1: responses carrying tokens must not be cached.
      c.header('Cache-Control', 'no-store');
      if (refreshToken) c.header('Set-Cookie', refreshCookie(refreshToken, c.req.url));
      return c.json(token, 200);
    },
  )
  .openapi(
    defineRoute('auth.signIn', {
      method: 'post',
      path: '/auth/refresh',
      tags: ['identity'],
      summary: 'A new id token for the refresh-token cookie, which is rotated (the old one is used up)',
      request: { body: { required: true, content: { 'application/json': { schema: NoFields } } } },
      responses: {
        200: {
          description: 'A verified id token; the response sets the next refresh-token cookie',
          content: { 'application/json': { schema: SignInToken } },
        },
        ...problemResponses(401, 404),
        503: {
          description: 'The sign-in service is not answering; see Retry-After',
          content: problemResponses(503)[503].content,
        },
      },
    }),
    async (c) => {
      const { local, oauth } = c.var.deps;
      if (!local?.issuer && !oauth) throw new NotFoundError('Sign-in is not available here.');
      c.header('Cache-Control', 'no-store');
      const presented = refreshTokenFrom(c.req.header('Cookie'));
      try {
        if (!presented) throw new RefreshRefusedError();
        if (local?.issuer) {
          const { token, expiresIn, refreshToken } = await local.issuer.refresh(presented);
          c.header('Set-Cookie', refreshCookie(refreshToken, c.req.url));
          return c.json({ idToken: token, expiresIn }, 200);
        }
        const {
          user: _user,
          refreshToken,
          ...token
        } = await (oauth as NonNullable<typeof oauth>).refresh(presented);
        c.header('Set-Cookie', refreshCookie(refreshToken, c.req.url));
        return c.json(token, 200);
      } catch (err) {
        // A refused token is gone for good: drop the cookie so the browser stops sending it.
        if (err instanceof RefreshRefusedError) c.header('Set-Cookie', clearRefreshCookie(c.req.url));
        throw err;
      }
    },
  )
  .openapi(
    defineRoute('auth.signIn', {
      method: 'post',
      path: '/auth/signout',
      tags: ['identity'],
      summary:
        'Ends the sign-in of the refresh-token cookie (revoked at the provider) and removes the cookie',
      request: { body: { required: true, content: { 'application/json': { schema: NoFields } } } },
      responses: { 204: { description: 'Signed out here; the id token in the page is the page’s to drop' } },
    }),
    async (c) => {
      const presented = refreshTokenFrom(c.req.header('Cookie'));
      const { local, oauth } = c.var.deps;
      if (presented) {
        if (local?.issuer) local.issuer.revoke(presented);
        else if (oauth) await oauth.revoke(presented);
      }
      c.header('Set-Cookie', clearRefreshCookie(c.req.url));
      c.header('Cache-Control', 'no-store');
      return c.body(null, 204);
    },
  );
