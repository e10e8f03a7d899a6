/**
 * A citizen's own account: who they are (`/api/me`), their data rights (consents, export, erasure),
 * sign-in and the token exchange, staff TOTP devices, notification settings and subscriptions, the
 * Telegram link and its webhook, their feed and the public Atom feeds. In the cloud they are a
 * function of their own behind the same HTTP API (infra/constructs/api.ts): they hold the sign-in,
 * Telegram and unsubscribe-link secrets, and their code stays out of the bundle every map and item
 * request loads cold. Some paths lie outside `/api/me` and `/api/auth` (`/api/feeds/*`,
 * `/api/notifications/unsubscribe`, `/api/telegram/webhook`,
 * `/api/items/{itemId}/questions/{id}/notices`): the HTTP API gets a route for each path mounted here.
 * Locally `createApp` (functions/api/app.ts) mounts them beside the rest.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiShell } from './api-shell';
import type { AppDeps, AppEnv } from './env';
import { atomFeedRoutes } from './routes/atom-feeds';
import { dataRightsRoutes } from './routes/data-rights';
import { feedRoutes } from './routes/feed';
import { identityRoutes } from './routes/identity';
import { notificationRoutes } from './routes/notifications';
import { signInRoutes } from './routes/signin';
import { telegramRoutes } from './routes/telegram';
import { totpDeviceRoutes } from './routes/totp-device';

/** Mounts the account's routes under `/api` on `app`, which already has the `/api` middleware. */
export function mountAccount<A extends OpenAPIHono<AppEnv>>(app: A): A {
  app.route('/api', identityRoutes);
  app.route('/api', dataRightsRoutes);
  app.route('/api', signInRoutes);
  app.route('/api', totpDeviceRoutes);
  app.route('/api', feedRoutes);
  app.route('/api', notificationRoutes);
  app.route('/api', telegramRoutes);
  app.route('/api', atomFeedRoutes);
  return app;
}

/** The account function's app: the `/api` shell and the account's routes alone. */
export function createAccountApp(deps: AppDeps) {
  return mountAccount(apiShell(deps));
}
