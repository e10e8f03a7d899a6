// The account function's entry (infra/constructs/api.ts): a citizen's own paths of the same HTTP API
// as the rest of `/api` (who they are, data rights, sign-in, TOTP devices, notifications, the Telegram
// link, their feed, the Atom feeds), in a function of its own so their code and the secrets they read
// stay out of the API bundle (functions/api/account-app.ts).

import { oauthSignInFrom } from '../auth/oauth';
import { notifySecretsEnv } from '../cloud-secrets';
import { telegramDepsFromEnv } from '../notify/telegram-env';
import { createAccountApp } from './account-app';
import { httpEntry } from './http-entry';
import { staffCloudDeps } from './staff-cloud';

// Erasure deletes the account's user from the pool (functions/services/data-rights.ts).
const deps = await staffCloudDeps('account', { writesPool: true });
// The managed-login code flow, when the stack has a site origin and a hosted domain (infra/constructs/api.ts).
const oauth = oauthSignInFrom(process.env, deps.auth);

// The unsubscribe-link key and the Telegram bot (token, webhook secret) live in Secrets Manager
// (infra/constructs/notifications.ts); read once per instance, they are set where the notifier's
// readers look (NOTIFY_LINK_SECRET, TELEGRAM_*). The unsubscribe route and the webhook use them.
Object.assign(process.env, await notifySecretsEnv(process.env));
// A bot the function cannot reach must not keep sign-in down: the webhook just stays closed.
const telegram = await telegramDepsFromEnv(process.env).catch((err: unknown) => {
  console.error(`Telegram is off: ${err instanceof Error ? err.message : String(err)}`);
  return undefined;
});

export const handler = httpEntry(
  createAccountApp({ ...deps, ...(oauth ? { oauth } : {}), ...(telegram ? { telegram } : {}) }),
);
