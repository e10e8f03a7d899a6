/**
 * Telegram, against a local stand-in of the Bot API speaking its documented protocol: linking an
 * account by a one-time deep link (via the webhook with its secret token, and via getUpdates),
 * sending through the channel (HTML escaping, 429 retry_after, a blocked bot), and the chat id
 * never leaving the server.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { freePort } from '../../functions/local/dynamodb-local';
import {
  createTelegramChannel,
  createTelegramClient,
  type OutgoingMessage,
  startTelegramPolling,
  type TelegramClient,
} from '../../functions/notify/telegram';
import { telegramDepsFromEnv } from '../../functions/notify/telegram-env';
import { giveConsent } from '../../functions/services/consents';
import {
  handleTelegramUpdate,
  LINK_TTL_SECONDS,
  type TelegramDeps,
  telegramChatIdOf,
} from '../../functions/services/telegram-link';
import { CONSENT_VERSIONS } from '../../shared/consent-versions';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { createTestStore } from '../support/store';
import { startTelegramStandIn, type TelegramStandIn } from '../support/telegram-standin';

const SECRET = 'webhook-secret-3f9a1c';
let store: Store;
let auth: TestAuth;
let standin: TelegramStandIn;
let client: TelegramClient;
let telegram: TelegramDeps;
let server: Server;
let baseUrl: string;
let clock = new Date('2026-03-20T07:00:00Z');
let chatSeq = 770_000_001;
let userSeq = 0;
/** A citizen of their own: each test links and unlinks a different account. */
const citizen = () => user('citizen', { sub: `tg-citizen-${userSeq++}` });

beforeAll(async () => {
  store = await createTestStore('telegram');
  auth = await testAuth();
  standin = await startTelegramStandIn();
  client = createTelegramClient({ token: standin.token, apiBase: standin.apiBase });
  telegram = { botUsername: standin.botUsername, webhookSecret: SECRET, client };
  const app = createApp({ store, auth: auth.verifier, now: () => clock, telegram });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = await new Promise<Server>((r) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => r(s as Server));
  });
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await standin.stop();
  store.raw.destroy();
});

async function call(who: Principal, method: string, path: string) {
  const res = await fetch(`${baseUrl}/api${path}`, { method, headers: await auth.bearer(who) });
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function deepLinkToken(who: Principal): Promise<string> {
  // Linking a chat needs consent first (issue 20; data-rights.test.ts tests the refusal).
  await giveConsent(store, who.sub, 'telegram', CONSENT_VERSIONS.telegram, clock);
  const res = await call(who, 'POST', '/me/telegram/link');
  expect(res.status, res.text).toBe(200);
  const url = new URL(String(res.json.url));
  expect(`${url.origin}${url.pathname}`).toBe(`https://t.me/${standin.botUsername}`);
  return url.searchParams.get('start') ?? '';
}

async function linked(who: Principal): Promise<boolean> {
  return (await call(who, 'GET', '/me/telegram')).json.linked === true;
}

function startUpdate(chatId: number, text: string) {
  return {
    update_id: 1,
    message: { message_id: 1, date: 0, chat: { id: chatId, type: 'private' }, text },
  };
}

describe('linking by webhook', () => {
  beforeAll(async () => {
    await client.setWebhook(`${baseUrl}/api/telegram/webhook`, SECRET);
  });
  afterAll(async () => {
    await client.deleteWebhook();
  });

  it('links the chat that opens the deep link and tells the user so', async () => {
    const who = citizen();
    const chat = chatSeq++;
    expect(await linked(who)).toBe(false);
    const token = await deepLinkToken(who);
    expect(await standin.userSends(chat, `/start ${token}`, 'en')).toBe(200);
    expect(await linked(who)).toBe(true);
    expect(await telegramChatIdOf(store, who.sub)).toBe(String(chat));
    expect(standin.sent.at(-1)).toMatchObject({
      chatId: String(chat),
      text: expect.stringMatching(/linked/),
    });
  });

  it('refuses a forged or missing secret with a bare 401 and links nothing', async () => {
    const who = citizen();
    const token = await deepLinkToken(who);
    for (const secret of ['wrong-secret', `${SECRET}x`, '', undefined]) {
      const res = await fetch(`${baseUrl}/api/telegram/webhook`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(secret !== undefined ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}),
        },
        body: JSON.stringify(startUpdate(chatSeq, `/start ${token}`)),
      });
      const body = (await res.json()) as Record<string, unknown>;
      expect(res.status).toBe(401);
      // Nothing says what was wrong, nor whether a bot is configured at all.
      expect(body).toMatchObject({ title: 'Unauthorized', detail: 'Unauthorized' });
      expect(body.errors).toBeUndefined();
    }
    expect(await linked(who)).toBe(false);
    // The forgeries did not spend the token: the real user can still use it.
    expect(await standin.userSends(chatSeq++, `/start ${token}`)).toBe(200);
    expect(await linked(who)).toBe(true);
  });

  it('uses a token once: a second chat with the same link is not linked', async () => {
    const who = citizen();
    const first = chatSeq++;
    const second = chatSeq++;
    const token = await deepLinkToken(who);
    await standin.userSends(first, `/start ${token}`);
    await standin.userSends(second, `/start ${token}`, 'ru');
    expect(await telegramChatIdOf(store, who.sub)).toBe(String(first));
    expect(standin.sent.at(-1)).toMatchObject({
      chatId: String(second),
      text: expect.stringMatching(/недействительна/),
    });
  });

  it('refuses an expired token', async () => {
    const who = citizen();
    const token = await deepLinkToken(who);
    const issued = clock;
    clock = new Date(issued.getTime() + (LINK_TTL_SECONDS + 1) * 1000);
    try {
      await standin.userSends(chatSeq++, `/start ${token}`, 'en');
    } finally {
      clock = issued;
    }
    expect(await linked(who)).toBe(false);
    expect(standin.sent.at(-1)?.text).toMatch(/expired/);
  });

  it('unlinks: the notifier finds no chat afterwards', async () => {
    const who = citizen();
    const token = await deepLinkToken(who);
    await standin.userSends(chatSeq++, `/start ${token}`);
    expect(await linked(who)).toBe(true);
    expect((await call(who, 'DELETE', '/me/telegram')).status).toBe(204);
    expect(await linked(who)).toBe(false);
    expect(await telegramChatIdOf(store, who.sub)).toBeNull();
  });
});

describe('linking by getUpdates (npm start)', () => {
  it('links through the long-poll loop', async () => {
    const who = citizen();
    const chat = chatSeq++;
    const token = await deepLinkToken(who);
    const poller = startTelegramPolling({
      client,
      timeoutSeconds: 1,
      onUpdate: async (u) => {
        await handleTelegramUpdate(store, telegram, u, clock);
      },
    });
    try {
      await standin.userSends(chat, `/start ${token}`);
      const deadline = Date.now() + 5000;
      while (!(await linked(who)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await poller.stop();
    }
    expect(await telegramChatIdOf(store, who.sub)).toBe(String(chat));
  });
});

const message: OutgoingMessage = {
  messageId: '01JTESTMESSAGE0000000000001',
  recipientKey: 'user:test',
  lang: 'en',
  subject: 'Answer to "Roads & <bridges>"',
  text: 'The body answered: <script>alert(1)</script> & more',
  html: '<p>ignored by Telegram</p>',
  link: 'https://hub.example/items/01J?x=1&y=2',
};

describe('sending through the channel', () => {
  it('sends escaped HTML with the link back', async () => {
    const channel = createTelegramChannel({ client });
    const result = await channel.send('555001', message);
    expect(result).toMatchObject({ delivered: true, providerId: expect.any(String) });
    const sent = standin.sent.at(-1)!;
    expect(sent).toMatchObject({ chatId: '555001', parseMode: 'HTML' });
    expect(sent.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(sent.text).toContain('<a href="https://hub.example/items/01J?x=1&amp;y=2">');
  });

  it('waits the retry_after of a 429 and then delivers', async () => {
    const channel = createTelegramChannel({ token: standin.token, apiBase: standin.apiBase });
    standin.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      retry_after: 1,
    });
    const before = standin.calls.length;
    const result = await channel.send('555002', message);
    expect(result.delivered).toBe(true);
    const [refused, retried] = standin.calls.slice(before);
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(1000);
  });

  it('reports a blocked bot as a permanent failure', async () => {
    standin.block('555003');
    const result = await createTelegramChannel({ client }).send('555003', message);
    expect(result).toMatchObject({ delivered: false, permanentFailure: true });
    expect(result.error).toMatch(/blocked/);
  });

  it('reports other refusals as worth retrying', async () => {
    standin.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    const result = await createTelegramChannel({ client }).send('555004', message);
    expect(result.delivered).toBe(false);
    expect(result.permanentFailure).toBeUndefined();
  });
});

describe('configuration', () => {
  it('npm start finds the bot from TELEGRAM_BOT_TOKEN and asks the API its name', async () => {
    expect(await telegramDepsFromEnv({})).toBeUndefined();
    const deps = await telegramDepsFromEnv({
      TELEGRAM_BOT_TOKEN: standin.token,
      TELEGRAM_API_BASE: standin.apiBase,
    });
    expect(deps?.botUsername).toBe(standin.botUsername);
    expect(deps?.webhookSecret).toBeUndefined();
  });
});

describe('privacy', () => {
  it('no response to the user or anyone shows the chat id', async () => {
    const who = citizen();
    const chat = 918_273_645;
    await client.setWebhook(`${baseUrl}/api/telegram/webhook`, SECRET);
    try {
      const token = await deepLinkToken(who);
      await standin.userSends(chat, `/start ${token}`);
    } finally {
      await client.deleteWebhook();
    }
    expect(await telegramChatIdOf(store, who.sub)).toBe(String(chat));
    for (const path of ['/me', '/me/telegram', '/me/feed']) {
      const res = await call(who, 'GET', path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain(String(chat));
    }
    const link = await call(who, 'POST', '/me/telegram/link');
    expect(link.text).not.toContain(String(chat));
  });

  it('a hub without a bot says so with a stable code', async () => {
    const bare = createApp({ store, auth: auth.verifier, now: () => clock });
    const res = await bare.request('/api/me/telegram/link', {
      method: 'POST',
      headers: await auth.bearer(citizen()),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('telegram.not_configured');
  });
});
