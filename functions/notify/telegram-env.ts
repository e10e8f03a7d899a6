/**
 * The Telegram bot from the environment, for `npm start` (getUpdates) and for the cloud entry
 * (webhook). TELEGRAM_BOT_TOKEN turns it on; in the cloud the token comes from Secrets Manager and
 * is put into the environment by the stack (see README "Telegram").
 *   TELEGRAM_BOT_TOKEN       the bot's token from @BotFather
 *   TELEGRAM_API_BASE        default https://api.telegram.org (a stand-in in tests)
 *   TELEGRAM_BOT_USERNAME    optional; asked of the API (getMe) when unset
 *   TELEGRAM_WEBHOOK_SECRET  the secret_token given to setWebhook (cloud); the webhook is closed without it
 */
import type { Store } from '../data/client';
import { handleTelegramUpdate, type TelegramDeps } from '../services/telegram-link';
import { createTelegramClient, startTelegramPolling } from './telegram';

export async function telegramDepsFromEnv(
  env: Record<string, string | undefined> = process.env,
): Promise<TelegramDeps | undefined> {
  const token = env.TELEGRAM_BOT_TOKEN;
  if (!token) return undefined;
  const client = createTelegramClient({
    token,
    ...(env.TELEGRAM_API_BASE ? { apiBase: env.TELEGRAM_API_BASE } : {}),
  });
  const botUsername = env.TELEGRAM_BOT_USERNAME || (await client.getMe()).username;
  return {
    botUsername,
    client,
    ...(env.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: env.TELEGRAM_WEBHOOK_SECRET } : {}),
  };
}

/** `npm start`: the bot hears /start by long-polling getUpdates (no public URL needed). */
export function pollTelegramLocally(store: Store, telegram: TelegramDeps): { stop(): Promise<void> } {
  if (!telegram.client) throw new Error('pollTelegramLocally needs a Telegram client');
  return startTelegramPolling({
    client: telegram.client,
    onUpdate: async (update) => {
      await handleTelegramUpdate(store, telegram, update, new Date());
    },
    onError: (err) => console.error(`Telegram: ${err instanceof Error ? err.message : String(err)}`),
  });
}
