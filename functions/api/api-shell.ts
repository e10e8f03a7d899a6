/**
 * What every function that serves `/api` routes puts in front of them: the shared shell
 * (functions/api/app-shell.ts), the JSON body limit and authentication. The API
 * (functions/api/api-app.ts), the club (functions/api/club-app.ts) and the back office
 * (functions/api/back-office-app.ts) each mount their routes on one; `createApp` (functions/api/app.ts)
 * builds one and mounts all three, so locally the middleware runs once per request, as before.
 */
import { bodyLimit } from 'hono/body-limit';
import { appShell, takesNoBody } from './app-shell';
import { authenticate } from './auth';
import type { AppDeps } from './env';
import { PayloadTooLargeError } from './problems';

/** Largest JSON body any route takes; attachments go straight to object storage, not through here. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The shell with the `/api` middleware and no routes yet. `bodyLimitExempt`: paths that set their own
 * body limit (the API's budget-file import).
 */
export function apiShell(deps: AppDeps, opts: { bodyLimitExempt?: readonly string[] } = {}) {
  const app = appShell(deps);
  const exempt = new Set(opts.bodyLimitExempt ?? []);
  const apiBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(undefined, MAX_BODY_BYTES);
    },
  });
  // A GET or HEAD has no body a route reads, and asking for one is not free: on Node the body
  // limit's look at `req.body` turns the adapter's lightweight request into a full fetch Request
  // with a stream (about a tenth of GET /api/items/:id's CPU in a profile), so reads skip the limit.
  app.use('/api/*', (c, next) =>
    exempt.has(c.req.path) || takesNoBody(c.req.method) ? next() : apiBodyLimit(c, next),
  );
  app.use('/api/*', authenticate);
  return app;
}

/** The app type every `/api` group mounts its routes on. */
export type ApiShell = ReturnType<typeof apiShell>;
