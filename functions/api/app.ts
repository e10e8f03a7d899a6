/**
 * The HTTP API: one Hono app, one sub-app per resource, every route described in the OpenAPI
 * document it serves. Built by a factory so the local server, the Lambda entry and the tests
 * each pass their own dependencies.
 */

import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_TYPES, type ProblemField } from '../../shared/problem';
import { isProblemCode, type ProblemCode, type ProblemParams } from '../../shared/problem-codes';
import type { LocalBlobStore } from '../blobs/local';
import { LOCAL_BLOBS_PATH } from '../blobs/local-path';
import { authenticate } from './auth';
import { allowAnyOrigin, serveDocs } from './docs';
import type { AppDeps, AppEnv } from './env';
import { serveOpenApiDocument } from './openapi-file';
import { requireOriginSecret } from './origin-secret';
import {
  isStorageTrouble,
  PayloadTooLargeError,
  ProblemError,
  problemResponse,
  StorageUnavailableError,
  ValidationError,
} from './problems';
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
import { open311Routes } from './routes/open311';
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
/** An Open311 request is a form with a description and a few ids. */
export const OPEN311_MAX_BODY_BYTES = 16 * 1024;

type ZodIssueLike = { path: PropertyKey[]; message: string; code?: string };

const num = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined);

/**
 * The machine code of one schema issue. A refinement names its own code with
 * `{ params: { code: 'date.invalid', ... } }`; zod's built-in checks map onto `field.*` codes.
 */
export function issueCode(zodIssue: ZodIssueLike): { code: ProblemCode; params?: ProblemParams } {
  const issue = zodIssue as ZodIssueLike & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { code: 'field.required' }
        : { code: 'field.invalid_type', params: { expected: String(issue.expected) } };
    case 'too_small': {
      const minimum = num(issue.minimum);
      return { code: 'field.too_small', ...(minimum === undefined ? {} : { params: { minimum } }) };
    }
    case 'too_big': {
      const maximum = num(issue.maximum);
      return { code: 'field.too_big', ...(maximum === undefined ? {} : { params: { maximum } }) };
    }
    case 'invalid_format':
      return { code: 'field.invalid_format', params: { format: String(issue.format) } };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'field.invalid_value' };
    case 'unrecognized_keys':
      return { code: 'field.unknown_keys', params: { keys: ((issue.keys as string[]) ?? []).join(',') } };
    case 'custom': {
      const { code, ...rest } = (issue.params ?? {}) as { code?: string } & ProblemParams;
      if (code && isProblemCode(code)) return { code, ...(Object.keys(rest).length ? { params: rest } : {}) };
      return { code: 'field.invalid' };
    }
    default:
      return { code: 'field.invalid' };
  }
}

export function issuesToFields(target: string, issues: readonly ZodIssueLike[]): ProblemField[] {
  return issues.map((i) => ({
    in: target,
    field: i.path.map(String).join('.') || '(body)',
    message: i.message,
    ...issueCode(i),
  }));
}

/** Methods whose body no route reads (the body limit leaves them alone). */
const takesNoBody = (method: string) => method === 'GET' || method === 'HEAD';

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const target = (result as { target?: string }).target ?? 'request';
        return problemResponse(c, new ValidationError(issuesToFields(target, result.error.issues)));
      }
    },
  });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  // Before anything else reads the request: a direct call to the execute-api address is refused.
  if (deps.originSecrets) app.use('*', requireOriginSecret(deps.originSecrets));
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
  // Open311 takes small forms; without a limit here a client could stream any size at the API.
  const open311BodyLimit = bodyLimit({
    maxSize: OPEN311_MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(undefined, OPEN311_MAX_BODY_BYTES);
    },
  });
  app.use('/open311/*', (c, next) => (takesNoBody(c.req.method) ? next() : open311BodyLimit(c, next)));
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
  app.route('/open311/v2', open311Routes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.use('/api/openapi.json', allowAnyOrigin);
  // The document generated from these routes at development time (functions/api/openapi-file.ts).
  app.get('/api/openapi.json', serveOpenApiDocument);
  app.get('/api/docs', serveDocs('/api/openapi.json'));

  app.notFound((c) =>
    problemResponse(c, {
      type: PROBLEM_TYPES.notFound,
      title: 'Not found',
      status: 404,
      detail: 'No such route.',
      code: 'route.not_found',
    }),
  );
  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(c, err);
    if (isStorageTrouble(err)) {
      // Every 503 is logged: it means a client was told to retry.
      console.error(
        JSON.stringify({
          level: 'warn',
          msg: 'storage-unavailable',
          status: 503,
          method: c.req.method,
          path: c.req.path,
          error: String(err),
        }),
      );
      return problemResponse(c, new StorageUnavailableError());
    }
    // Hono's own refusals (a body limit, a validator's media-type gate): the client's fault, so a 4xx
    // problem. Anything else unexpected, even a SyntaxError from deep inside, is ours: 500, logged.
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(
        c,
        new ProblemError(
          err.status as ContentfulStatusCode,
          PROBLEM_TYPES.validation,
          'Bad request',
          err.message,
        ),
      );
    }
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'unhandled',
        path: c.req.path,
        error: String(err),
        stack: (err as Error).stack,
      }),
    );
    return problemResponse(c, {
      type: PROBLEM_TYPES.internal,
      title: 'Internal error',
      status: 500,
      code: 'internal.error',
    });
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
