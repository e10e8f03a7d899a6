/**
 * Linking a user's account to their Telegram chat with a one-time deep link:
 *   1. the signed-in user asks for a link: `https://t.me/<bot>?start=<token>` (random, single use,
 *      expires after LINK_TTL_SECONDS);
 *   2. they open it and press Start; Telegram sends the bot `/start <token>`, which reaches us by
 *      webhook (cloud) or getUpdates (npm start) — both call `handleTelegramUpdate`;
 *   3. the token is consumed and the chat id stored on the user's private partition.
 * The chat id never leaves the server: the notifier looks it up with `telegramChatIdOf`.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../data/client';
import {
  deleteTelegramLink,
  getTelegramLink,
  putLinkToken,
  putTelegramLink,
  takeLinkToken,
} from '../data/telegram';
import type { TelegramClient, TelegramUpdate } from '../notify/telegram';

export const LINK_TTL_SECONDS = 15 * 60;

/** What the app knows about its bot (AppDeps.telegram). */
export interface TelegramDeps {
  /** The bot's username, without '@' (the deep link's host part). */
  botUsername: string;
  /** The `secret_token` given to setWebhook; the webhook refuses every call without it. */
  webhookSecret?: string;
  /** For the bot's replies to /start; without it links still work, silently. */
  client?: TelegramClient;
}

export interface LinkStatus {
  linked: boolean;
  linkedAt?: string;
}

export interface DeepLink {
  url: string;
  expiresAt: string;
}

/** Telegram accepts up to 64 characters of [A-Za-z0-9_-] as a start parameter; 32 random bytes fit. */
export async function requestDeepLink(
  store: Store,
  sub: string,
  botUsername: string,
  now: Date,
): Promise<DeepLink> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + LINK_TTL_SECONDS * 1000);
  await putLinkToken(store, token, sub, expiresAt);
  return { url: `https://t.me/${botUsername}?start=${token}`, expiresAt: expiresAt.toISOString() };
}

export type LinkOutcome = { linked: true; sub: string } | { linked: false; reason: 'unknown' | 'expired' };

/** Consumes the token (whatever the outcome: an expired one is gone too) and links the chat. */
export async function completeLink(
  store: Store,
  token: string,
  chatId: string,
  now: Date,
): Promise<LinkOutcome> {
  const taken = await takeLinkToken(store, token);
  if (!taken) return { linked: false, reason: 'unknown' };
  if (taken.expiresAt.getTime() <= now.getTime()) return { linked: false, reason: 'expired' };
  await putTelegramLink(store, taken.sub, { chatId, linkedAt: now.toISOString() });
  return { linked: true, sub: taken.sub };
}

export async function linkStatus(store: Store, sub: string): Promise<LinkStatus> {
  const link = await getTelegramLink(store, sub);
  return link ? { linked: true, linkedAt: link.linkedAt } : { linked: false };
}

export async function unlinkTelegram(store: Store, sub: string): Promise<void> {
  await deleteTelegramLink(store, sub);
}

/** For the notifier: the chat to send a user's messages to, or null when they have not linked one. */
export async function telegramChatIdOf(store: Store, sub: string): Promise<string | null> {
  return (await getTelegramLink(store, sub))?.chatId ?? null;
}

const START = /^\/start(?:@\w+)?(?:\s+([A-Za-z0-9_-]{1,64}))?\s*$/;

type Lang = 'kk' | 'ru' | 'en';
const REPLIES: Record<'linked' | 'expired' | 'unknown' | 'hello', Record<Lang, string>> = {
  linked: {
    kk: 'Аккаунт байланыстырылды: хабарламалар осында келеді.',
    ru: 'Учётная запись привязана: уведомления будут приходить сюда.',
    en: 'Your account is linked: notifications will arrive here.',
  },
  expired: {
    kk: 'Сілтеменің мерзімі өтті. Сайттан жаңа сілтеме алыңыз.',
    ru: 'Срок ссылки истёк. Получите новую ссылку на сайте.',
    en: 'This link has expired. Get a new one on the site.',
  },
  unknown: {
    kk: 'Сілтеме жарамсыз немесе пайдаланылған. Сайттан жаңа сілтеме алыңыз.',
    ru: 'Ссылка недействительна или уже использована. Получите новую на сайте.',
    en: 'This link is invalid or already used. Get a new one on the site.',
  },
  hello: {
    kk: 'Аккаунтты байланыстыру үшін сайттағы «Менің» бетіндегі батырманы басыңыз.',
    ru: 'Чтобы привязать учётную запись, нажмите кнопку на странице «Моё» на сайте.',
    en: 'To link your account, use the button on the "My" page of the site.',
  },
};

function langOf(code: string | undefined): Lang {
  return code === 'ru' || code === 'en' ? code : 'kk';
}

/**
 * One update from Telegram, by webhook or getUpdates. Only private-chat `/start <token>` does
 * anything; everything else is acknowledged and ignored (Telegram re-sends what is not acknowledged).
 */
export async function handleTelegramUpdate(
  store: Store,
  telegram: TelegramDeps,
  update: TelegramUpdate,
  now: Date,
): Promise<LinkOutcome | null> {
  const msg = update.message;
  if (!msg?.text || msg.chat.type !== 'private') return null;
  const m = START.exec(msg.text.trim());
  if (!m) return null;
  const chatId = String(msg.chat.id);
  const lang = langOf(msg.from?.language_code);
  const token = m[1];
  const outcome: LinkOutcome | null = token ? await completeLink(store, token, chatId, now) : null;
  const reply = !outcome ? REPLIES.hello : outcome.linked ? REPLIES.linked : REPLIES[outcome.reason];
  if (telegram.client) {
    // A failed reply must not undo the link, nor make Telegram re-send the update.
    await telegram.client.sendMessage(chatId, reply[lang]).catch((err: unknown) => {
      console.error(JSON.stringify({ level: 'warn', msg: 'telegram-reply-failed', error: String(err) }));
    });
  }
  return outcome;
}
