/**
 * Telegram account links (persistence only; the workflow is services/telegram-link.ts).
 *   one-time link token   pk TGLINK#<sha256(token)>  sk TGLINK   (sub, expiresAt = TTL)
 *   a user's linked chat  pk USER#<sub>              sk TELEGRAM (chatId, linkedAt)
 *
 * Only the token's digest is stored, so a leaked table export cannot link anyone's account. The
 * chat id is a contact detail: it lives on the user's own partition, in no index, and no public
 * projection reads it.
 */
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';

export const telegramKeys = {
  tokenPk: (token: string) => `TGLINK#${createHash('sha256').update(token).digest('hex')}`,
  tokenSk: 'TGLINK',
  linkPk: (sub: string) => `USER#${sub}`,
  linkSk: 'TELEGRAM',
};

export interface TelegramLink {
  chatId: string;
  linkedAt: string;
}

export async function putLinkToken(store: Store, token: string, sub: string, expiresAt: Date): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        pk: telegramKeys.tokenPk(token),
        sk: telegramKeys.tokenSk,
        sub,
        expiresAtIso: expiresAt.toISOString(),
        // TTL removes the record eventually; expiry itself is checked against the clock on use.
        expiresAt: Math.ceil(expiresAt.getTime() / 1000),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
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
    const res = await store.doc.send(
      new DeleteCommand({
        TableName: store.table,
        Key: { pk: telegramKeys.tokenPk(token), sk: telegramKeys.tokenSk },
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_OLD',
      }),
    );
    const item = res.Attributes;
    if (!item) return null;
    return { sub: String(item.sub), expiresAt: new Date(String(item.expiresAtIso)) };
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return null;
    throw err;
  }
}

export async function putTelegramLink(store: Store, sub: string, link: TelegramLink): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: { pk: telegramKeys.linkPk(sub), sk: telegramKeys.linkSk, ...link },
    }),
  );
}

export async function getTelegramLink(store: Store, sub: string): Promise<TelegramLink | null> {
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk: telegramKeys.linkPk(sub), sk: telegramKeys.linkSk },
      ConsistentRead: true,
    }),
  );
  if (!res.Item) return null;
  return { chatId: String(res.Item.chatId), linkedAt: String(res.Item.linkedAt) };
}

export async function deleteTelegramLink(store: Store, sub: string): Promise<void> {
  await store.doc.send(
    new DeleteCommand({
      TableName: store.table,
      Key: { pk: telegramKeys.linkPk(sub), sk: telegramKeys.linkSk },
    }),
  );
}
