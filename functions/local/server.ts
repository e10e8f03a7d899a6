/**
 * The hub on one machine: DynamoDB Local (or DYNAMODB_ENDPOINT), the API and the built web app on
 * one port. Used by `npm start` and by the e2e tests.
 *
 * Served as CloudFront serves it (infra/constructs/web.ts): compressed (the build's brotli/gzip
 * copies for files, gzip on the fly for the API), hashed assets cached for a year as immutable,
 * everything else revalidated on each visit.
 */
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { createApp } from '../api/app';
import type { AppDeps } from '../api/env';

export const WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

/** Vite puts a content hash in every file name under /assets/: such a name never changes content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|geo\+json)|image\/svg)/;

/** The API app plus the static web app with SPA fallback, compression and security headers. */
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
    // Only the files below reach this far (routes answer without calling on).
    if (c.res.ok && !c.res.headers.has('Cache-Control'))
      c.header('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    // A cache must keep the encodings apart even when this answer was not compressed.
    if (COMPRESSIBLE.test(c.res.headers.get('Content-Type') ?? '') && !c.res.headers.get('Vary'))
      c.header('Vary', 'Accept-Encoding');
  });
  app.use('/*', serveStatic({ root: webDist, precompressed: true }));
  // Deep links (/items/:id, /list?area=…) are client routes: any other GET gets the app shell.
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    return serveStatic({ root: webDist, path: 'index.html', precompressed: true })(c, next);
  });
  // Outside the app, so its own not-found and error answers are compressed too. Files already
  // encoded (the build's copies) and answers under 1 KB pass untouched.
  const compressed = new Hono();
  compressed.use('*', compress());
  compressed.all('*', (c) => app.fetch(c.req.raw, c.env));
  return compressed;
}

export function listen(app: ReturnType<typeof createLocalApp>, port: number): Promise<Server> {
  return new Promise((resolvePromise) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () =>
      resolvePromise(server as Server),
    );
  });
}
