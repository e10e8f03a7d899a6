/**
 * Open311 GeoReport v2 at `/open311/v2` (functions/api/routes/open311.ts). In the cloud it is a
 * function of its own behind the same HTTP API (infra/constructs/api.ts): its clients are a few
 * integrations, and its routes, XML writer and key checks stay out of the API bundle that every
 * map and item request loads cold. Locally `createApp` (functions/api/app.ts) mounts it beside `/api`.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { appShell, takesNoBody } from './app-shell';
import type { AppDeps, AppEnv } from './env';
import { PayloadTooLargeError } from './problems';
import { open311Routes } from './routes/open311';

/** An Open311 request is a form with a description and a few ids. */
export const OPEN311_MAX_BODY_BYTES = 16 * 1024;

/** Mounts Open311 on `app`, with its own body limit. */
export function mountOpen311<A extends OpenAPIHono<AppEnv>>(app: A): A {
  // Open311 takes small forms; without a limit here a client could stream any size at the API.
  const open311BodyLimit = bodyLimit({
    maxSize: OPEN311_MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(undefined, OPEN311_MAX_BODY_BYTES);
    },
  });
  app.use('/open311/*', (c, next) => (takesNoBody(c.req.method) ? next() : open311BodyLimit(c, next)));
  app.route('/open311/v2', open311Routes);
  return app;
}

/** The Open311 function's app: the shared middleware and fallbacks, and Open311 alone. */
export function createOpen311App(deps: AppDeps) {
  return mountOpen311(appShell(deps));
}
