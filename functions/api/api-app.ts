/**
 * The HTTP API under `/api`: one sub-app per resource, every route described in the OpenAPI
 * document it serves. The cloud runs it in the API function (functions/api/cloud.ts) without the
 * club's routes (functions/api/club-app.ts), the back office's (functions/api/back-office-app.ts),
 * the account's (functions/api/account-app.ts), the monitoring routes
 * (functions/api/monitoring-app.ts) and Open311 (functions/api/open311-app.ts), which have functions
 * of their own; locally `createApp` mounts them all.
 */
import type { LocalBlobStore } from '../blobs/local';
import { LOCAL_BLOBS_PATH } from '../blobs/local-path';
import { apiShell } from './api-shell';
import { allowAnyOrigin, serveDocs } from './docs';
import type { AppDeps } from './env';
import { serveOpenApiDocument } from './openapi-file';
import { bodyContactRoutes } from './routes/body-contacts';
import { contractorRoutes } from './routes/contractors';
import { exportRoutes } from './routes/exports';
import { itemRoutes } from './routes/items';
import { mapRoutes } from './routes/map';
import { IMPORT_PATH, opendataRoutes } from './routes/opendata';
import { questionRoutes } from './routes/questions';
import { statsRoutes } from './routes/stats';
import { threadRoutes } from './routes/threads';
import { uploadRoutes } from './routes/uploads';

/** The OpenAPI document's header: scripts/api-types.ts generates the document with it. */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Open Budget Map & Club Hub API',
    version: '0.1.0',
    description: 'Budget-execution items of Zhambyl region, questions to government bodies, club sessions.',
  },
};

export { MAX_BODY_BYTES } from './api-shell';

/**
 * The app with the `/api` routes of the API function (and, locally, the issuer, mail and blob
 * routes); no club, back office, account, monitoring or Open311.
 */
export function createApiApp(deps: AppDeps) {
  // Budget files are larger than any JSON body: the import route sets its own limit.
  const app = apiShell(deps, { bodyLimitExempt: [IMPORT_PATH] });
  // The local token issuer (npm start, browser tests); the cloud app is never given one.
  if (deps.local?.issuer) app.route(deps.local.issuer.mountPath, deps.local.issuer.routes());
  // Mail caught by npm start's embedded SMTP server; local only, like the demo sign-in.
  if (deps.local?.mail) app.route('/local/mail', deps.local.mail.routes);

  app.route('/api', itemRoutes);
  app.route('/api', contractorRoutes);
  app.route('/api', mapRoutes);
  app.route('/api', statsRoutes);
  app.route('/api', threadRoutes);
  app.route('/api', uploadRoutes);
  // The local blob store answers its own pre-signed URLs (in the cloud, S3 does).
  const localBlobs = deps.blobs as Partial<LocalBlobStore> | undefined;
  if (localBlobs?.routes) {
    app.route(LOCAL_BLOBS_PATH, localBlobs.routes);
    // Uploads landing in the folder are published into this app's table (as S3 notifies the publisher).
    localBlobs.publishInto?.(deps.store);
  }
  app.route('/api', questionRoutes);
  app.route('/api', bodyContactRoutes);
  app.route('/api', opendataRoutes);
  app.route('/api', exportRoutes);

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
