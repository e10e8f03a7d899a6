/**
 * Public monitoring of how the money is spent and how bodies answer: citizens' site visits, officials'
 * progress updates, the flag run's red flags and their explanations, and each body's record on the
 * legal clock (responsiveness). In the cloud they are a function of their own behind the same HTTP
 * API (infra/constructs/api.ts), so their code stays out of the bundle every map and item request
 * loads cold. Their paths lie under `/api/items/{itemId}` beside the API's (`/visits`,
 * `/progress-updates`, `/flag-explanations`, `/flags/{code}/explanations`), plus `/api/flags` and
 * `/api/responsiveness`: the HTTP API gets a route for each path mounted here. Locally `createApp`
 * (functions/api/app.ts) mounts them beside the rest.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiShell } from './api-shell';
import type { AppDeps, AppEnv } from './env';
import { flagRoutes } from './routes/flags';
import { progressUpdateRoutes } from './routes/progress-updates';
import { responsivenessRoutes } from './routes/responsiveness';
import { visitRoutes } from './routes/visits';

/** Mounts the monitoring routes under `/api` on `app`, which already has the `/api` middleware. */
export function mountMonitoring<A extends OpenAPIHono<AppEnv>>(app: A): A {
  app.route('/api', flagRoutes);
  app.route('/api', visitRoutes);
  app.route('/api', progressUpdateRoutes);
  app.route('/api', responsivenessRoutes);
  return app;
}

/** The monitoring function's app: the `/api` shell and the monitoring routes alone. */
export function createMonitoringApp(deps: AppDeps) {
  return mountMonitoring(apiShell(deps));
}
