/**
 * Suppressing an e-mail contact after a hard bounce or a complaint: the `suppressed` flag of the
 * contact record (functions/data/notifications.ts `EmailContact`) that fan-out already honours.
 * Only the contact that still holds the bounced address is marked: a user who has since changed
 * their address keeps receiving at the new one.
 */
import type { Store } from './client';
import { bodyMailboxModel, emailContactModel, notifyEntity } from './entities/notifications';
import { go } from './schema';

export type SuppressionReason = 'bounce' | 'complaint';

/** Marks the contact suppressed if it still holds `address`; false when it does not (or is gone). */
export async function suppressEmailContact(
  store: Store,
  /** The outbox recipient key: `user:<sub>` (a person's contact) or `body:<id>` (a body's mailbox). */
  recipientKey: string,
  address: string,
  reason: SuppressionReason,
  at: Date,
): Promise<boolean> {
  const [kind, ...rest] = recipientKey.split(':');
  const id = rest.join(':');
  if (!id || (kind !== 'user' && kind !== 'body')) return false;
  const mark = { suppressed: true, suppressedAt: at.toISOString(), suppressedReason: reason };
  try {
    // Only while the contact still holds the address the message bounced from.
    await go(
      kind === 'user'
        ? notifyEntity(store, emailContactModel)
            .patch({ sub: id })
            .set(mark)
            .where((a, o) => o.eq(a.address, address))
            .go({ response: 'none' })
        : notifyEntity(store, bodyMailboxModel)
            .patch({ bodyId: id })
            .set(mark)
            .where((a, o) => o.eq(a.address, address))
            .go({ response: 'none' }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}
