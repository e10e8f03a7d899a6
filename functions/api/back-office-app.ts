/**
 * The back office: admins' bodies, users, roles and changes, Open311 keys, moderation (queues,
 * decisions, blocks, photo blurs), the audit log's reads, the data runs, and the officials' desk
 * (a body's answer templates, officials, assignments and internal notes). In the cloud they are a
 * function of their own behind the same HTTP API (infra/constructs/api.ts): few callers, and their
 * code stays out of the bundle every map and item request loads cold. Some paths lie outside
 * `/api/admin`, `/api/moderation` and `/api/audit` (`/api/bodies`, `/api/me/block`,
 * `/api/content/{kind}/{id}/flags`, `/api/data-freshness`, `/api/items/{itemId}/questions/{id}/notes`): the HTTP API gets a route for each path
 * mounted here. Locally `createApp` (functions/api/app.ts) mounts them beside the rest.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiShell } from './api-shell';
import type { AppDeps, AppEnv } from './env';
import { adminRoutes } from './routes/admin';
import { auditRoutes } from './routes/audit';
import { dataRunRoutes } from './routes/data-runs';
import { inboxRoutes } from './routes/inbox';
import { moderationRoutes } from './routes/moderation';
import { open311KeyRoutes } from './routes/open311-keys';
import { photoBlurRoutes } from './routes/photo-blur';

/** Mounts the back office's routes under `/api` on `app`, which already has the `/api` middleware. */
export function mountBackOffice<A extends OpenAPIHono<AppEnv>>(app: A): A {
  app.route('/api', adminRoutes);
  app.route('/api', moderationRoutes);
  app.route('/api', photoBlurRoutes);
  app.route('/api', auditRoutes);
  app.route('/api', dataRunRoutes);
  app.route('/api', open311KeyRoutes);
  app.route('/api', inboxRoutes);
  return app;
}

/** The back-office function's app: the `/api` shell and the back office's routes alone. */
export function createBackOfficeApp(deps: AppDeps) {
  return mountBackOffice(apiShell(deps));
}
