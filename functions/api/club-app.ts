/**
 * The club's routes: sessions and their agenda, invitations to bodies, minutes and their
 * corrections, agenda candidates, the club's settings and report, and what follows a session's
 * recommendations and citizens' questions: follow-ups, escalations and the club's impact. In the cloud they are a function
 * of their own behind the same HTTP API (infra/constructs/api.ts): a secretary's and members' work,
 * not the map's, so their code stays out of the bundle every map and item request loads cold.
 * Most paths lie outside `/api/sessions` and `/api/club` (`/api/items/{id}/recommendations`,
 * `/api/items/{itemId}/questions/{id}/escalations`, `/api/bodies/{bodyId}/impact`, `/api/me/sessions`): the HTTP API gets a route for each path mounted here.
 * Locally `createApp` (functions/api/app.ts) mounts them beside the rest.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiShell } from './api-shell';
import type { AppDeps, AppEnv } from './env';
import { agendaCandidateRoutes } from './routes/agenda-candidates';
import { clubReportRoutes } from './routes/club-report';
import { escalationRoutes } from './routes/escalations';
import { followUpRoutes } from './routes/follow-ups';
import { impactRoutes } from './routes/impact';
import { invitationRoutes } from './routes/invitations';
import { minutesRoutes } from './routes/minutes';
import { sessionCancelRoutes, sessionRoutes } from './routes/sessions';

/** Mounts the club's routes under `/api` on `app`, which already has the `/api` middleware. */
export function mountClub<A extends OpenAPIHono<AppEnv>>(app: A): A {
  app.route('/api', sessionRoutes);
  app.route('/api', sessionCancelRoutes);
  app.route('/api', agendaCandidateRoutes);
  app.route('/api', invitationRoutes);
  app.route('/api', minutesRoutes);
  app.route('/api', escalationRoutes);
  app.route('/api', followUpRoutes);
  app.route('/api', impactRoutes);
  app.route('/api', clubReportRoutes);
  return app;
}

/** The club function's app: the `/api` shell and the club's routes alone. */
export function createClubApp(deps: AppDeps) {
  return mountClub(apiShell(deps));
}
