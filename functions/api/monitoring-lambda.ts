// The monitoring function's entry (infra/constructs/api.ts): site visits, progress updates, red flags
// and their explanations, bodies' responsiveness, paths of the same HTTP API as the rest of `/api` in
// a function of their own so their code stays out of the API bundle (functions/api/monitoring-app.ts).

import { httpEntry } from './http-entry';
import { createMonitoringApp } from './monitoring-app';
import { staffCloudDeps } from './staff-cloud';

// Officials and citizens write here, no admin grant: no pool directory.
const deps = await staffCloudDeps('monitoring');

export const handler = httpEntry(createMonitoringApp(deps));
