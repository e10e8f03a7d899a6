/**
 * The whole HTTP API as one Hono app: `/api` (functions/api/api-app.ts) and Open311
 * (functions/api/open311-app.ts). The local server and the tests run this one; the cloud runs the two
 * parts in two functions behind the same HTTP API (infra/constructs/api.ts), so each bundle loads
 * only its own routes. Built by a factory so each caller passes its own dependencies.
 */
import { createApiApp } from './api-app';
import type { AppDeps } from './env';
import { mountOpen311 } from './open311-app';

export { createApiApp, MAX_BODY_BYTES, OPENAPI_CONFIG } from './api-app';
export { issueCode, issuesToFields } from './app-shell';
export { createOpen311App, OPEN311_MAX_BODY_BYTES } from './open311-app';

/** Every route: `/api` first, then Open311 (paths apart, so the order of their middleware is free). */
export function createApp(deps: AppDeps) {
  return mountOpen311(createApiApp(deps));
}

export type App = ReturnType<typeof createApp>;
