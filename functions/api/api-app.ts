/**
 * The HTTP API under `/api`: one sub-app per resource, every route described in the OpenAPI
 * document it serves. The cloud runs it in the API function (functions/api/cloud.ts) without Open311,
 * which has its own function (functions/api/open311-app.ts); locally `createApp` mounts both.
 */
import { bodyLimit } from 'hono/body-limit';
import type { LocalBlobStore } from '../blobs/local';
import { LOCAL_BLOBS_PATH } from '../blobs/local-path';
import { appShell, takesNoBody } from './app-shell';
import { authenticate } from './auth';
import { allowAnyOrigin, serveDocs } from './docs';
import type { AppDeps } from './env';
import { serveOpenApiDocument } from './openapi-file';
import { PayloadTooLargeError } from './problems';
import { adminRoutes } from './routes/admin';
import { agendaCandidateRoutes } from './routes/agenda-candidates';
import { atomFeedRoutes } from './routes/atom-feeds';
import { auditRoutes } from './routes/audit';
import { bodyContactRoutes } from './routes/body-contacts';
import { clubReportRoutes } from './routes/club-report';
import { contractorRoutes } from './routes/contractors';
import { dataRightsRoutes } from './routes/data-rights';
import { dataRunRoutes } from './routes/data-runs';
import { escalationRoutes } from './routes/escalations';
import { exportRoutes } from './routes/exports';
import { feedRoutes } from './routes/feed';
import { flagRoutes } from './routes/flags';
import { followUpRoutes } from './routes/follow-ups';
import { identityRoutes } from './routes/identity';
import { impactRoutes } from './routes/impact';
import { inboxRoutes } from './routes/inbox';
import { invitationRoutes } from './routes/invitations';
import { itemRoutes } from './routes/items';
import { mapRoutes } from './routes/map';
import { minutesRoutes } from './routes/minutes';
import { moderationRoutes } from './routes/moderation';
import { notificationRoutes } from './routes/notifications';
import { open311KeyRoutes } from './routes/open311-keys';
import { IMPORT_PATH, opendataRoutes } from './routes/opendata';
import { photoBlurRoutes } from './routes/photo-blur';
import { progressUpdateRoutes } from './routes/progress-updates';
import { questionRoutes } from './routes/questions';
import { responsivenessRoutes } from './routes/responsiveness';
import { sessionCancelRoutes, sessionRoutes } from './routes/sessions';
import { signInRoutes } from './routes/signin';
import { statsRoutes } from './routes/stats';
import { telegramRoutes } from './routes/telegram';
import { threadRoutes } from './routes/threads';
import { totpDeviceRoutes } from './routes/totp-device';
import { uploadRoutes } from './routes/uploads';
import { visitRoutes } from './routes/visits';

/** The OpenAPI document's header: scripts/api-types.ts generates the document with it. */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Open Budget Map & Club Hub API',
    version: '0.1.0',
    description: 'Budget-execution items of Zhambyl region, questions to government bodies, club sessions.',
  },
};

/** Largest JSON body any route takes; attachments go straight to object storage, not through here. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The app with every `/api` route (and, locally, the issuer, mail and blob routes); no Open311. */
export function createApiApp(deps: AppDeps) {
  const app = appShell(deps);
  const apiBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(undefined, MAX_BODY_BYTES);
    },
  });
  // Budget files are larger than any JSON body: the import route sets its own limit. A GET or HEAD
  // has no body a route reads, and asking for one is not free: on Node the body limit's look at
  // `req.body` turns the adapter's lightweight request into a full fetch Request with a stream
  // (about a tenth of GET /api/items/:id's CPU in a profile), so reads skip the limit.
  app.use('/api/*', (c, next) =>
    c.req.path === IMPORT_PATH || takesNoBody(c.req.method) ? next() : apiBodyLimit(c, next),
  );
  app.use('/api/*', authenticate);
  app.route('/api', identityRoutes);
  app.route('/api', dataRightsRoutes);
  app.route('/api', signInRoutes);
  app.route('/api', totpDeviceRoutes);
  app.route('/api', adminRoutes);
  // The local token issuer (npm start, browser tests); the cloud app is never given one.
  if (deps.local?.issuer) app.route(deps.local.issuer.mountPath, deps.local.issuer.routes());
  // Mail caught by npm start's embedded SMTP server; local only, like the demo sign-in.
  if (deps.local?.mail) app.route('/local/mail', deps.local.mail.routes);

  app.route('/api', itemRoutes);
  app.route('/api', contractorRoutes);
  app.route('/api', flagRoutes);
  app.route('/api', mapRoutes);
  app.route('/api', statsRoutes);
  app.route('/api', threadRoutes);
  app.route('/api', moderationRoutes);
  app.route('/api', photoBlurRoutes);
  app.route('/api', uploadRoutes);
  app.route('/api', feedRoutes);
  // The local blob store answers its own pre-signed URLs (in the cloud, S3 does).
  const localBlobs = deps.blobs as Partial<LocalBlobStore> | undefined;
  if (localBlobs?.routes) {
    app.route(LOCAL_BLOBS_PATH, localBlobs.routes);
    // Uploads landing in the folder are published into this app's table (as S3 notifies the publisher).
    localBlobs.publishInto?.(deps.store);
  }
  app.route('/api', sessionRoutes);
  app.route('/api', sessionCancelRoutes);
  app.route('/api', agendaCandidateRoutes);
  app.route('/api', invitationRoutes);
  app.route('/api', minutesRoutes);
  app.route('/api', questionRoutes);
  app.route('/api', inboxRoutes);
  app.route('/api', bodyContactRoutes);
  app.route('/api', visitRoutes);
  app.route('/api', progressUpdateRoutes);
  app.route('/api', escalationRoutes);
  app.route('/api', followUpRoutes);
  app.route('/api', impactRoutes);
  app.route('/api', clubReportRoutes);
  app.route('/api', notificationRoutes);
  app.route('/api', auditRoutes);
  app.route('/api', responsivenessRoutes);
  app.route('/api', opendataRoutes);
  app.route('/api', exportRoutes);
  app.route('/api', telegramRoutes);
  app.route('/api', atomFeedRoutes);
  app.route('/api', dataRunRoutes);
  app.route('/api', open311KeyRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.use('/api/openapi.json', allowAnyOrigin);
  // The document generated from these routes at development time (functions/api/openapi-file.ts).
  app.get('/api/openapi.json', serveOpenApiDocument);
  app.get('/api/docs', serveDocs('/api/openapi.json'));

  return app;
}
