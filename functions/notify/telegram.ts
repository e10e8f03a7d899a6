/**
 * The Telegram channel: a small client of the Bot API (https://core.telegram.org/bots/api) and the
 * `DeliveryChannel` the notifier sends through. The API base is configurable so tests and local runs
 * can point it at a stand-in (test/support/telegram-standin.ts) that speaks the same protocol.
 *
 * The bot token is part of every request path; it never appears in an error message or a log line.
 */

import type { ChannelResult, DeliveryChannel, OutgoingMessage } from './channel';

export type { ChannelResult, DeliveryChannel, OutgoingMessage };

export const DEFAULT_TELEGRAM_API_BASE = 'https://api.telegram.org';
/** Telegram refuses longer texts (after entity parsing); the body is cut well before. */
const MAX_TEXT_CHARS = 3500;

/** An `ok:false` answer of the Bot API, with its documented fields. */
export class TelegramApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Telegram ${errorCode}: ${description}`);
    this.name = 'TelegramApiError';
  }
}

export interface TelegramChat {
  id: number;
  type: string;
}
export interface TelegramMessage {
  message_id: number;
  chat: TelegramChat;
  text?: string;
  from?: { id: number; is_bot: boolean; language_code?: string };
}
export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
}

export interface TelegramClientOptions {
  token: string;
  /** Default https://api.telegram.org; a stand-in in tests (TELEGRAM_API_BASE). */
  apiBase?: string;
  fetch?: typeof fetch;
  /** How often a 429 is retried after its `retry_after` before giving up (default 2). */
  maxRetries?: number;
  /** A longer `retry_after` than this is not waited for in-process: the caller retries later. */
  maxRetryAfterSeconds?: number;
  /** Injected for tests that should not really wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Per request, beyond the long-poll timeout (default 10 s). */
  requestTimeoutMs?: number;
}

export interface SendOptions {
  parseMode?: 'HTML';
  disableLinkPreview?: boolean;
}

export interface TelegramClient {
  getMe(): Promise<{ id: number; username: string }>;
  sendMessage(chatId: string, text: string, opts?: SendOptions): Promise<TelegramMessage>;
  getUpdates(opts: {
    offset?: number;
    timeoutSeconds?: number;
    signal?: AbortSignal;
  }): Promise<TelegramUpdate[]>;
  deleteWebhook(): Promise<boolean>;
  setWebhook(url: string, secretToken: string): Promise<boolean>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createTelegramClient(opts: TelegramClientOptions): TelegramClient {
  const base = (opts.apiBase || DEFAULT_TELEGRAM_API_BASE).replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const maxRetries = opts.maxRetries ?? 2;
  const maxRetryAfter = opts.maxRetryAfterSeconds ?? 30;
  const sleep = opts.sleep ?? realSleep;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;

  async function call<T>(
    method: string,
    params: Record<string, unknown>,
    extra: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(extra.timeoutMs ?? requestTimeoutMs);
      const res = await doFetch(`${base}/bot${opts.token}/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(params),
        signal: extra.signal ? AbortSignal.any([timeout, extra.signal]) : timeout,
      });
      let body: {
        ok?: boolean;
        result?: T;
        error_code?: number;
        description?: string;
        parameters?: { retry_after?: number };
      };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        body = { ok: false, error_code: res.status, description: `HTTP ${res.status}` };
      }
      if (body.ok === true) return body.result as T;
      const code = body.error_code ?? res.status;
      const retryAfter = body.parameters?.retry_after;
      // Flood control: Telegram says how long to wait; waiting less only earns another 429.
      if (code === 429 && retryAfter !== undefined && attempt < maxRetries && retryAfter <= maxRetryAfter) {
        await sleep(retryAfter * 1000);
        continue;
      }
      throw new TelegramApiError(code, body.description ?? 'Unknown error', retryAfter);
    }
  }

  return {
    getMe: () => call('getMe', {}),
    sendMessage: (chatId, text, o = {}) =>
      call('sendMessage', {
        chat_id: chatId,
        text,
        ...(o.parseMode ? { parse_mode: o.parseMode } : {}),
        ...(o.disableLinkPreview ? { link_preview_options: { is_disabled: true } } : {}),
      }),
    getUpdates: ({ offset, timeoutSeconds = 25, signal }) =>
      call(
        'getUpdates',
        {
          ...(offset !== undefined ? { offset } : {}),
          timeout: timeoutSeconds,
          allowed_updates: ['message'],
        },
        { timeoutMs: timeoutSeconds * 1000 + requestTimeoutMs, ...(signal ? { signal } : {}) },
      ),
    deleteWebhook: () => call('deleteWebhook', {}),
    setWebhook: (url, secretToken) =>
      call('setWebhook', { url, secret_token: secretToken, allowed_updates: ['message'] }),
  };
}

/** Escapes text for Telegram's HTML parse mode (it knows only these three entities plus &quot;). */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const OPEN_LINK: Record<OutgoingMessage['lang'], string> = {
  kk: 'Сайтта ашу',
  ru: 'Открыть на сайте',
  en: 'Open on the site',
};

/** The message as Telegram HTML: the subject in bold, the plain text, and the link back. */
export function renderTelegramMessage(message: OutgoingMessage): string {
  const chars = [...message.text];
  const text = chars.length > MAX_TEXT_CHARS ? `${chars.slice(0, MAX_TEXT_CHARS).join('')}…` : message.text;
  const parts = [`<b>${escapeTelegramHtml(message.subject)}</b>`, escapeTelegramHtml(text)];
  if (/^https?:\/\//.test(message.link))
    parts.push(`<a href="${escapeTelegramHtml(message.link)}">${OPEN_LINK[message.lang]}</a>`);
  return parts.join('\n\n');
}

/**
 * Telegram answers these when the chat can never receive from the bot again: the user blocked it,
 * deleted their account, or the chat is gone. The notifier stops trying that chat.
 */
export function isPermanentTelegramFailure(err: TelegramApiError): boolean {
  if (err.errorCode === 403) return true;
  return (
    err.errorCode === 400 && /chat not found|user is deactivated|chat_id is empty/i.test(err.description)
  );
}

export type TelegramChannelOptions = TelegramClientOptions | { client: TelegramClient };

/** The `DeliveryChannel` of kind 'telegram'; `to` is the recipient's chat id (see services/telegram-link.ts). */
export function createTelegramChannel(opts: TelegramChannelOptions): DeliveryChannel {
  const client = 'client' in opts ? opts.client : createTelegramClient(opts);
  return {
    kind: 'telegram',
    async send(to, message) {
      try {
        const sent = await client.sendMessage(to, renderTelegramMessage(message), { parseMode: 'HTML' });
        return { delivered: true, providerId: String(sent.message_id) };
      } catch (err) {
        if (err instanceof TelegramApiError)
          return {
            delivered: false,
            error: `${err.errorCode}: ${err.description}`,
            ...(isPermanentTelegramFailure(err) ? { permanentFailure: true } : {}),
          };
        // Network trouble, a timeout: worth another try later.
        return { delivered: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}

/**
 * The local way the bot hears of messages (`npm start`): long-polls getUpdates and hands each
 * update on; in the cloud the webhook does this. Returns a stop function.
 */
export function startTelegramPolling(opts: {
  client: TelegramClient;
  onUpdate: (update: TelegramUpdate) => Promise<void>;
  timeoutSeconds?: number;
  onError?: (err: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
}): { stop(): Promise<void> } {
  const abort = new AbortController();
  const sleep = opts.sleep ?? realSleep;
  let offset: number | undefined;
  const loop = (async () => {
    while (!abort.signal.aborted) {
      try {
        const updates = await opts.client.getUpdates({
          ...(offset !== undefined ? { offset } : {}),
          timeoutSeconds: opts.timeoutSeconds ?? 25,
          signal: abort.signal,
        });
        for (const u of updates) {
          // Confirmed by asking for the next offset: an update that throws is not handled twice.
          offset = u.update_id + 1;
          try {
            await opts.onUpdate(u);
          } catch (err) {
            opts.onError?.(err);
          }
        }
      } catch (err) {
        if (abort.signal.aborted) break;
        opts.onError?.(err);
        // 409: a webhook is set for this bot; polling cannot work until it is removed.
        if (err instanceof TelegramApiError && err.errorCode === 409) break;
        await sleep(
          err instanceof TelegramApiError && err.retryAfterSeconds ? err.retryAfterSeconds * 1000 : 2000,
        );
      }
    }
  })();
  return {
    stop: async () => {
      abort.abort();
      await loop;
    },
  };
}
