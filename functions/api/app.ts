/**
 * The whole HTTP API as one Hono app: `/api` (functions/api/api-app.ts), the club
 * (functions/api/club-app.ts), the back office (functions/api/back-office-app.ts) and Open311
 * (functions/api/open311-app.ts). The local server and the tests run this one; the cloud runs the
 * four parts in four functions behind the same HTTP API (infra/constructs/api.ts), so each bundle
 * loads only its own routes. Built by a factory so each caller passes its own dependencies.
 */
import { createApiApp } from './api-app';
import { mountBackOffice } from './back-office-app';
import { mountClub } from './club-app';
import type { AppDeps } from './env';
import { mountOpen311 } from './open311-app';

export { createApiApp, MAX_BODY_BYTES, OPENAPI_CONFIG } from './api-app';
export { issueCode, issuesToFields } from './app-shell';
export { createBackOfficeApp } from './back-office-app';
export { createClubApp } from './club-app';
export { createOpen311App, OPEN311_MAX_BODY_BYTES } from './open311-app';

/**
 * Every route: the API's `/api` app (its shell's middleware runs once for every `/api` route), the
 * club's and the back office's routes on it, then Open311 (paths apart, so the order is free).
 */
export function createApp(deps: AppDeps) {
  return mountOpen311(mountBackOffice(mountClub(createApiApp(deps))));
}

export type App = ReturnType<typeof createApp>;
