/**
 * A local stand-in of the Telegram Bot API (https://core.telegram.org/bots/api), enough of it to
 * exercise the real client over HTTP: `POST|GET /bot<token>/<method>` with JSON or query
 * parameters, answers `{ok:true,result}` or `{ok:false,error_code,description,parameters?}`.
 *   getMe, sendMessage (HTML parse mode checked like Telegram: only its tags, entities escaped),
 *   getUpdates (offset confirms, timeout long-polls; 409 while a webhook is set),
 *   setWebhook (url + secret_token) / deleteWebhook.
 * Tests play the user with `userSends(chatId, text)`: with a webhook set, the stand-in POSTs the
 * update there with `X-Telegram-Bot-Api-Secret-Token`, as Telegram does; otherwise it is queued.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  chatId: string;
  text: string;
  parseMode?: string;
}

interface Update {
  update_id: number;
  message: {
    message_id: number;
    date: number;
    chat: { id: number; type: 'private' };
    from: { id: number; is_bot: false; first_name: string; language_code?: string };
    text: string;
  };
}

type Failure = { error_code: number; description: string; retry_after?: number };

export interface TelegramStandIn {
  apiBase: string;
  token: string;
  botUsername: string;
  sent: SentMessage[];
  /** Every method call, in order (method name and the time it arrived). */
  calls: Array<{ method: string; at: number }>;
  /** The next `n` calls of `method` fail with this answer (e.g. a 429 with retry_after). */
  failNext(method: string, failure: Failure, n?: number): void;
  /** The user of this chat blocks the bot: sendMessage answers 403 from now on. */
  block(chatId: string): void;
  /** The user types `text` in their private chat with the bot. Resolves with the webhook's status, if any. */
  userSends(chatId: number, text: string, languageCode?: string): Promise<number | undefined>;
  /** Calls the webhook as a forger would: same URL, chosen secret header (or none). */
  postToWebhook(body: unknown, secret?: string): Promise<number>;
  stop(): Promise<void>;
}

const TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'tg-spoiler',
  'blockquote',
]);

/** Telegram's HTML mode: known tags only, `&` only as an entity, `<` only opening a tag. */
export function telegramHtmlError(text: string): string | null {
  const stack: string[] = [];
  const re = /<(\/?)([a-z-]+)((?:\s+[a-z]+="[^"<>]*")*)\s*>|<|&(?:(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)?/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [all, closing, tag] = m;
    if (all === '<') return "Bad Request: can't parse entities: unexpected '<'";
    if (all.startsWith('&')) {
      if (all === '&') return "Bad Request: can't parse entities: unescaped '&'";
      continue;
    }
    const name = (tag ?? '').toLowerCase();
    if (!TAGS.has(name)) return `Bad Request: can't parse entities: unsupported start tag "${name}"`;
    if (closing) {
      if (stack.pop() !== name) return `Bad Request: can't parse entities: unmatched end tag "${name}"`;
    } else stack.push(name);
  }
  return stack.length ? "Bad Request: can't parse entities: unclosed tag" : null;
}

export async function startTelegramStandIn(
  opts: { token?: string; botUsername?: string } = {},
): Promise<TelegramStandIn> {
  const token = opts.token ?? '123456:TEST-standin-token';
  const botUsername = opts.botUsername ?? 'obm_test_bot';
  const sent: SentMessage[] = [];
  const calls: Array<{ method: string; at: number }> = [];
  const failures = new Map<string, Failure[]>();
  const blocked = new Set<string>();
  const queue: Update[] = [];
  const waiters = new Set<() => void>();
  let webhook: { url: string; secret?: string } | undefined;
  let nextUpdateId = 1000;
  let nextMessageId = 1;

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, f: Failure) =>
    reply(res, f.error_code, {
      ok: false,
      error_code: f.error_code,
      description: f.description,
      ...(f.retry_after !== undefined ? { parameters: { retry_after: f.retry_after } } : {}),
    });

  async function params(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const out: Record<string, unknown> = Object.fromEntries(url.searchParams);
    if (raw && (req.headers['content-type'] ?? '').includes('json')) Object.assign(out, JSON.parse(raw));
    return out;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://standin');
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!m) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2] ?? '';
    calls.push({ method, at: Date.now() });
    const p = await params(req, url);
    const injected = failures.get(method)?.shift();
    if (injected) return fail(res, injected);
    switch (method) {
      case 'getMe':
        return reply(res, 200, {
          ok: true,
          result: { id: 123456, is_bot: true, first_name: 'OBM', username: botUsername },
        });
      case 'sendMessage': {
        const chatId = String(p.chat_id ?? '');
        const text = typeof p.text === 'string' ? p.text : '';
        if (!chatId) return fail(res, { error_code: 400, description: 'Bad Request: chat_id is empty' });
        if (!text) return fail(res, { error_code: 400, description: 'Bad Request: message text is empty' });
        if (blocked.has(chatId))
          return fail(res, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
        if (p.parse_mode === 'HTML') {
          const error = telegramHtmlError(text);
          if (error) return fail(res, { error_code: 400, description: error });
        }
        sent.push({ chatId, text, ...(typeof p.parse_mode === 'string' ? { parseMode: p.parse_mode } : {}) });
        return reply(res, 200, {
          ok: true,
          result: {
            message_id: nextMessageId++,
            date: Math.floor(Date.now() / 1000),
            chat: { id: Number(chatId), type: 'private' },
            text,
          },
        });
      }
      case 'getUpdates': {
        if (webhook)
          return fail(res, {
            error_code: 409,
            description:
              "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          });
        const offset = p.offset !== undefined ? Number(p.offset) : undefined;
        // An offset confirms every update before it: they are gone for good.
        if (offset !== undefined) while (queue.length && (queue[0]?.update_id ?? 0) < offset) queue.shift();
        const timeout = Math.min(Number(p.timeout ?? 0), 50);
        if (!queue.length && timeout > 0) {
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              waiters.delete(done);
              resolve();
            };
            const timer = setTimeout(done, timeout * 1000);
            waiters.add(done);
            req.on('close', done);
          });
        }
        return reply(res, 200, { ok: true, result: queue.slice(0, 100) });
      }
      case 'setWebhook':
        webhook = { url: String(p.url), ...(p.secret_token ? { secret: String(p.secret_token) } : {}) };
        return reply(res, 200, { ok: true, result: true, description: 'Webhook was set' });
      case 'deleteWebhook':
        webhook = undefined;
        return reply(res, 200, { ok: true, result: true, description: 'Webhook was deleted' });
      default:
        return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  async function postToWebhook(body: unknown, secret?: string): Promise<number> {
    if (!webhook) throw new Error('no webhook set');
    const res = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(secret !== undefined ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}),
      },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  }

  return {
    apiBase: `http://127.0.0.1:${port}`,
    token,
    botUsername,
    sent,
    calls,
    failNext(method, failure, n = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: n }, () => failure)]);
    },
    block(chatId) {
      blocked.add(chatId);
    },
    async userSends(chatId, text, languageCode) {
      const update: Update = {
        update_id: nextUpdateId++,
        message: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private' },
          from: {
            id: chatId,
            is_bot: false,
            first_name: 'Test',
            ...(languageCode ? { language_code: languageCode } : {}),
          },
          text,
        },
      };
      if (webhook) return postToWebhook(update, webhook.secret);
      queue.push(update);
      for (const w of [...waiters]) w();
      return undefined;
    },
    postToWebhook,
    stop: async () => {
      for (const w of [...waiters]) w();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
