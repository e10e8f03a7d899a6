/**
 * The notifier as the cloud's sender function runs it: the same `drainOutbox` as `npm start`, with
 * e-mail through SES (functions/notify/ses.ts) and Telegram when its bot token is configured.
 *
 *   SITE_URL                 the hub's public origin (links in messages)
 *   MAIL_FROM                the sender address (a verified SES identity); unset: no e-mail channel
 *   SES_CONFIGURATION_SET    the configuration set that publishes bounces and complaints
 *   MAIL_DOMAIN              the domain of Message-IDs
 *   NOTIFY_CONCURRENCY       parallel sends per function instance (keeps within the SES send rate)
 *   TELEGRAM_*               see functions/notify/telegram-env.ts
 */
import type { Store } from '../data/client';
import type { NotifierDeps } from '../services/notifications';
import { telegramChatIdOf } from '../services/telegram-link';
import { createSesChannel, type SesChannelOptions } from './ses';
import { createTelegramChannel } from './telegram';
import { telegramDepsFromEnv } from './telegram-env';

export async function senderDepsFromEnv(
  store: Store,
  env: Record<string, string | undefined>,
  ses?: SesChannelOptions['client'],
): Promise<NotifierDeps> {
  if (!env.SITE_URL) throw new Error('SITE_URL must be set: every message links back to the hub');
  const telegram = await telegramDepsFromEnv(env);
  const concurrency = Number(env.NOTIFY_CONCURRENCY ?? '4');
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`NOTIFY_CONCURRENCY must be a positive integer, got "${env.NOTIFY_CONCURRENCY}"`);
  return {
    store,
    channels: {
      ...(env.MAIL_FROM && env.SES_CONFIGURATION_SET
        ? {
            email: createSesChannel({
              from: env.MAIL_FROM,
              configurationSet: env.SES_CONFIGURATION_SET,
              ...(ses ? { client: ses } : {}),
            }),
          }
        : {}),
      ...(telegram?.client ? { telegram: createTelegramChannel({ client: telegram.client }) } : {}),
    },
    telegramChatOf: (sub) => telegramChatIdOf(store, sub),
    baseUrl: env.SITE_URL.replace(/\/+$/, ''),
    ...(env.MAIL_DOMAIN ? { mailDomain: env.MAIL_DOMAIN } : {}),
    concurrency,
  };
}
