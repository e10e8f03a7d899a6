/**
 * Suppressing an e-mail contact after a hard bounce or a complaint: the `suppressed` flag of the
 * contact record (functions/data/notifications.ts `EmailContact`) that fan-out already honours.
 * Only the contact that still holds the bounced address is marked: a user who has since changed
 * their address keeps receiving at the new one.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';
import { contactKeys } from './notifications';

export type SuppressionReason = 'bounce' | 'complaint';

/** The contact record of an outbox recipient key (`user:<sub>`, `body:<id>`), or null for another kind. */
export function contactKeyOf(recipientKey: string): { pk: string; sk: string } | null {
  const [kind, ...rest] = recipientKey.split(':');
  const id = rest.join(':');
  if (!id) return null;
  if (kind === 'user') return contactKeys.user(id) as { pk: string; sk: string };
  if (kind === 'body') return contactKeys.body(id) as { pk: string; sk: string };
  return null;
}

/** Marks the contact suppressed if it still holds `address`; false when it does not (or is gone). */
export async function suppressEmailContact(
  store: Store,
  recipientKey: string,
  address: string,
  reason: SuppressionReason,
  at: Date,
): Promise<boolean> {
  const Key = contactKeyOf(recipientKey);
  if (!Key) return false;
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.table,
        Key,
        UpdateExpression: 'SET suppressed = :t, suppressedAt = :at, suppressedReason = :r',
        ConditionExpression: 'address = :a',
        ExpressionAttributeValues: { ':t': true, ':at': at.toISOString(), ':r': reason, ':a': address },
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}
