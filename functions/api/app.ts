/**
 * The whole HTTP API as one Hono app: `/api` (functions/api/api-app.ts), the club
 * (functions/api/club-app.ts), the back office (functions/api/back-office-app.ts), the account
 * (functions/api/account-app.ts), monitoring (functions/api/monitoring-app.ts) and Open311
 * (functions/api/open311-app.ts). The local server and the tests run this one; the cloud runs the
 * six parts in six functions behind the same HTTP API (infra/constructs/api.ts), so each bundle
 * loads only its own routes. Built by a factory so each caller passes its own dependencies.
 */
import { mountAccount } from './account-app';
import { createApiApp } from './api-app';
import { mountBackOffice } from './back-office-app';
import { mountClub } from './club-app';
import type { AppDeps } from './env';
import { mountMonitoring } from './monitoring-app';
import { mountOpen311 } from './open311-app';

export { createAccountApp } from './account-app';
export { createApiApp, MAX_BODY_BYTES, OPENAPI_CONFIG } from './api-app';
export { issueCode, issuesToFields } from './app-shell';
export { createBackOfficeApp } from './back-office-app';
export { createClubApp } from './club-app';
export { createMonitoringApp } from './monitoring-app';
export { createOpen311App, OPEN311_MAX_BODY_BYTES } from './open311-app';

/**
 * Every route: the API's `/api` app (its shell's middleware runs once for every `/api` route), the
 * club's, the back office's, the account's and the monitoring routes on it, then Open311 (paths
 * apart, so the order is free).
 */
export function createApp(deps: AppDeps) {
  return mountOpen311(mountMonitoring(mountAccount(mountBackOffice(mountClub(createApiApp(deps))))));
}

export type App = ReturnType<typeof createApp>;
