/**
 * Telegram: the signed-in user's link status, a one-time deep link to link their chat, unlinking,
 * and the bot's webhook. The chat id is never part of any response.
 */
import { timingSafeEqual } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { PROBLEM_TYPES } from '../../../shared/problem';
import { requireConsent } from '../../services/consents';
import {
  handleTelegramUpdate,
  linkStatus,
  requestDeepLink,
  unlinkTelegram,
} from '../../services/telegram-link';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { NotFoundError, ProblemError } from '../problems';

export const TELEGRAM_WEBHOOK_PATH = '/api/telegram/webhook';
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

const TelegramStatus = z
  .object({
    /** Whether this hub has a bot at all (the "link" button is hidden otherwise). */
    available: z.boolean(),
    linked: z.boolean(),
    linkedAt: z.iso.datetime().optional(),
  })
  .openapi('TelegramStatus');

const TelegramDeepLink = z
  .object({
    /** `https://t.me/<bot>?start=<one-time token>`: open it and press Start in Telegram. */
    url: z.url(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('TelegramDeepLink');

/** The parts of a Telegram Update the bot reads; everything else is ignored. */
const TelegramUpdate = z.object({
  update_id: z.number().int(),
  message: z
    .object({
      message_id: z.number().int(),
      chat: z.object({ id: z.number().int(), type: z.string() }),
      text: z.string().optional(),
      from: z
        .object({ id: z.number().int(), is_bot: z.boolean(), language_code: z.string().optional() })
        .optional(),
    })
    .optional(),
});

function notConfigured(): NotFoundError {
  return new NotFoundError('This hub has no Telegram bot configured.', { code: 'telegram.not_configured' });
}

/** Constant-time: the comparison takes as long whichever byte differs. */
function secretMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const telegramRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('telegram.link', {
      method: 'get',
      path: '/me/telegram',
      tags: ['notifications'],
      summary: 'Whether your account is linked to a Telegram chat',
      responses: {
        200: { description: 'Link status', content: { 'application/json': { schema: TelegramStatus } } },
        ...problemResponses(401, 503),
      },
    }),
    async (c) => {
      const { store, telegram } = c.var.deps;
      const status = await linkStatus(store, c.var.user!.sub);
      return c.json({ available: telegram !== undefined, ...status }, 200);
    },
  )
  .openapi(
    defineRoute('telegram.link', {
      method: 'post',
      path: '/me/telegram/link',
      tags: ['notifications'],
      summary: 'A one-time deep link that links your account to the Telegram chat that opens it',
      description:
        'The link works once and expires after 15 minutes. Opening it in Telegram and pressing Start links the chat; asking again makes a new link.',
      responses: {
        200: { description: 'The deep link', content: { 'application/json': { schema: TelegramDeepLink } } },
        ...problemResponses(401, 404, 409, 503),
      },
    }),
    async (c) => {
      const { store, telegram, now } = c.var.deps;
      if (!telegram) throw notConfigured();
      // A chat is linked only with consent (issue 20, item 5; services/consents.ts).
      await requireConsent(store, c.var.user!.sub, 'telegram');
      return c.json(await requestDeepLink(store, c.var.user!.sub, telegram.botUsername, now()), 200);
    },
  )
  .openapi(
    defineRoute('me.withdraw', {
      method: 'delete',
      path: '/me/telegram',
      tags: ['notifications'],
      summary: 'Unlink your Telegram chat (no more messages there)',
      responses: { 204: { description: 'Unlinked (or was not linked)' }, ...problemResponses(401, 503) },
    }),
    async (c) => {
      await unlinkTelegram(c.var.deps.store, c.var.user!.sub);
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('telegram.webhook', {
      method: 'post',
      path: '/telegram/webhook',
      tags: ['notifications'],
      summary: "Telegram's webhook for the bot (updates as JSON)",
      description: `Called by Telegram only, with the \`${SECRET_HEADER}\` header set by setWebhook; any other call gets 401. The body is a Telegram Update; only \`/start <token>\` in a private chat does anything.`,
      request: { headers: z.object({ [SECRET_HEADER]: z.string().optional() }) },
      responses: {
        200: {
          description: 'Update received',
          content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
        },
        ...problemResponses(401, 503),
      },
    }),
    async (c) => {
      const { store, telegram, now } = c.var.deps;
      // No detail: a caller without the secret learns nothing, not even whether a bot is configured.
      if (!secretMatches(c.req.header(SECRET_HEADER), telegram?.webhookSecret))
        throw new ProblemError(401, PROBLEM_TYPES.unauthorized, 'Unauthorized');
      let parsed: unknown;
      try {
        parsed = JSON.parse(await c.req.text());
      } catch {
        parsed = undefined;
      }
      const update = TelegramUpdate.safeParse(parsed);
      // Anything not understood is acknowledged, or Telegram would re-send it for a day.
      if (update.success && telegram) await handleTelegramUpdate(store, telegram, update.data, now());
      return c.json({ ok: true as const }, 200);
    },
  );
