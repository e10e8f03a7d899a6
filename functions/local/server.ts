/**
 * The hub on one machine: DynamoDB Local (or DYNAMODB_ENDPOINT), the API and the built web app on
 * one port. Used by `npm start` and by the e2e tests.
 */
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { createApp } from '../api/app';
import type { AppDeps } from '../api/env';

export const WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

/** The API app plus the static web app with SPA fallback and security headers. */
export function createLocalApp(deps: AppDeps, webDist = WEB_DIST) {
  const app = createApp(deps);
  app.use('*', async (c, next) => {
    await next();
    // A route with its own, stricter-in-kind policy keeps it (the sandboxed API docs page).
    if (!c.res.headers.has('Content-Security-Policy'))
      c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('X-Frame-Options', 'DENY');
  });
  app.use('/*', serveStatic({ root: webDist }));
  // Deep links (/items/:id, /list?area=…) are client routes: any other GET gets the app shell.
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    return serveStatic({ root: webDist, path: 'index.html' })(c, next);
  });
  return app;
}

export function listen(app: ReturnType<typeof createLocalApp>, port: number): Promise<Server> {
  return new Promise((resolvePromise) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () =>
      resolvePromise(server as Server),
    );
  });
}
