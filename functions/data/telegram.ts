/**
 * Telegram account links (persistence only; the workflow is services/telegram-link.ts).
 *   one-time link token   pk TGLINK#<sha256(token)>  sk TGLINK   (sub, expiresAt = TTL)
 *   a user's linked chat  pk USER#<sub>              sk TELEGRAM (chatId, linkedAt)
 * Both are entities (data/entities/notifications.ts, `telegramLinkToken`, `telegramLink`).
 *
 * Only the token's digest is stored, so a leaked table export cannot link anyone's account. The
 * chat id is a contact detail: it lives on the user's own partition, in no index, and no public
 * projection reads it.
 */
import { createHash } from 'node:crypto';
import type { Store } from './client';
import { notifyEntity, telegramLinkModel, telegramLinkTokenModel } from './entities/notifications';
import { go, OWN } from './schema';

/** The token's key fact: its SHA-256, never the token. */
const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface TelegramLink {
  chatId: string;
  linkedAt: string;
}

export async function putLinkToken(store: Store, token: string, sub: string, expiresAt: Date): Promise<void> {
  await go(
    notifyEntity(store, telegramLinkTokenModel)
      .create({
        tokenHash: tokenHashOf(token),
        sub,
        expiresAtIso: expiresAt.toISOString(),
        // TTL removes the record eventually; expiry itself is checked against the clock on use.
        expiresAt: Math.ceil(expiresAt.getTime() / 1000),
      })
      .go({ response: 'none' }),
  );
}

/**
 * Deletes the token and returns what it was for, in one conditional call: of two concurrent uses
 * only one gets the record back, so a token links at most once. Null when unknown or already used.
 */
export async function takeLinkToken(
  store: Store,
  token: string,
): Promise<{ sub: string; expiresAt: Date } | null> {
  try {
    // `remove` is a delete on the condition that the record exists.
    const { data } = await go(
      notifyEntity(store, telegramLinkTokenModel)
        .remove({ tokenHash: tokenHashOf(token) })
        .go({ ...OWN, response: 'all_old' }),
    );
    if (!data) return null;
    return { sub: String(data.sub), expiresAt: new Date(String(data.expiresAtIso)) };
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return null;
    throw err;
  }
}

export async function putTelegramLink(store: Store, sub: string, link: TelegramLink): Promise<void> {
  await go(
    notifyEntity(store, telegramLinkModel)
      .put({ sub, ...link })
      .go({ response: 'none' }),
  );
}

export async function getTelegramLink(store: Store, sub: string): Promise<TelegramLink | null> {
  const { data } = await go(
    notifyEntity(store, telegramLinkModel)
      .get({ sub })
      .go({ ...OWN, consistent: true }),
  );
  if (!data) return null;
  return { chatId: String(data.chatId), linkedAt: String(data.linkedAt) };
}

export async function deleteTelegramLink(store: Store, sub: string): Promise<void> {
  await go(notifyEntity(store, telegramLinkModel).delete({ sub }).go({ response: 'none' }));
}
