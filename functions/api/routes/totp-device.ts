/**
 * A new authenticator app for a signed-in staff member (issue 22): a new phone, or a lost one while
 * still signed in. The page (/sign-in/totp) needs the member's own Cognito access token to call the
 * pool (AssociateSoftwareToken, then VerifySoftwareToken with the new app's code). The web keeps only
 * the id token, so this route trades the refresh-token cookie (HttpOnly, path /api/auth: it reaches
 * only these routes) for a fresh access token through the provider's refresh grant, rotating the
 * cookie as a refresh does. Cognito keeps the old app working until the new one is verified
 * (AssociateSoftwareToken: "Amazon Cognito disassociates an existing software token when you verify
 * the new token in a VerifySoftwareToken API request"), so an abandoned attempt locks nobody out.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { clearRefreshCookie, RefreshRefusedError, refreshCookie, refreshTokenFrom } from '../../auth/refresh';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { ForbiddenError, NotFoundError } from '../problems';

const Enrolment = z.object({
  enrolment: z.object({ accessToken: z.string(), identityUrl: z.url(), account: z.string() }),
});

export const totpDeviceRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>().openapi(
  defineRoute('auth.totpRenew', {
    method: 'post',
    path: '/auth/totp-device',
    tags: ['identity'],
    summary: 'Start setting up a new authenticator app (staff): the own access token for the user pool’s API',
    description:
      'Uses the refresh-token cookie (rotated, as on /auth/refresh). The old app keeps working until the pool has ' +
      'verified a code of the new one.',
    request: {
      body: { required: true, content: { 'application/json': { schema: z.object({}).strict() } } },
    },
    responses: {
      200: { description: 'How to reach the pool', content: { 'application/json': { schema: Enrolment } } },
      ...problemResponses(401, 403, 404, 503),
    },
  }),
  async (c) => {
    const renewAccess = c.var.deps.oauth?.renewAccess;
    if (!renewAccess)
      throw new NotFoundError('Authenticator apps are set up with the provider’s sign-in only.');
    c.header('Cache-Control', 'no-store');
    const presented = refreshTokenFrom(c.req.header('Cookie'));
    try {
      if (!presented) throw new RefreshRefusedError();
      const renewed = await renewAccess(presented);
      c.header('Set-Cookie', refreshCookie(renewed.refreshToken, c.req.url));
      // The cookie must be the bearer's own sign-in: one browser, one account.
      if (renewed.user.sub !== c.var.user?.sub)
        throw new ForbiddenError('The sign-in cookie is another account’s.');
      const { accessToken, identityUrl, account } = renewed;
      return c.json({ enrolment: { accessToken, identityUrl, account } }, 200);
    } catch (err) {
      if (err instanceof RefreshRefusedError) c.header('Set-Cookie', clearRefreshCookie(c.req.url));
      throw err;
    }
  },
);
