/**
 * A body's shared mailbox: persistence only (the workflow is functions/services/body-contacts.ts).
 * The mailbox is the record notifications already read (functions/data/notifications.ts
 * `getBodyMailbox`, pk BODY#<bodyId> sk CONTACT#email); it also carries the outcome of the last
 * delivery to it, so the body's page reads its notification state with one GetItem (no scan of
 * delivery records). Outcomes are written only while the record still holds the address the
 * message went to: a new address starts with a clean slate.
 *
 *   body mailbox   pk BODY#<bodyId>  sk CONTACT#email
 *                  address, verified, tokenHash, tokenExpires, verifiedAt, setAt,
 *                  suppressed/suppressedAt/suppressedReason (e-mail feedback),
 *                  lastDeliveryAt, lastFailureAt, lastFailure
 */
import type { MailboxFacts } from '../../shared/body-contacts';
import { batchGetRecords } from './batch';
import type { Store } from './client';
import { bodyMailboxModel, notifyEntity } from './entities/notifications';
import { go, OWN } from './schema';
import type { TransactOp } from './transaction';

export interface BodyMailbox extends MailboxFacts {
  bodyId: string;
  address: string;
  /** SHA-256 of the one-time verification token (the token itself is only in the mail). */
  tokenHash?: string;
  tokenExpires?: string;
  setAt?: string;
  suppressedReason?: string;
  /** A short reason of the last failed delivery (the provider's words stay in the delivery record). */
  lastFailure?: string;
}

function fromRecord(bodyId: string, r: Record<string, unknown>): BodyMailbox {
  const { pk: _pk, sk: _sk, entity: _e, kind: _k, __edb_e__: _ee, __edb_v__: _ev, ...rest } = r;
  return { ...(rest as Omit<BodyMailbox, 'bodyId'>), bodyId, verified: rest.verified === true };
}

const mailboxes = (store: Store) => notifyEntity(store, bodyMailboxModel);

export async function getBodyMailboxRecord(store: Store, bodyId: string): Promise<BodyMailbox | null> {
  const { data } = await go(
    mailboxes(store)
      .get({ bodyId })
      .go({ ...OWN, consistent: true }),
  );
  return data ? fromRecord(bodyId, data) : null;
}

/** The mailboxes of many bodies (the responsiveness page's one row per body), 100 keys a request. */
export async function batchGetBodyMailboxes(
  store: Store,
  bodyIds: string[],
): Promise<Map<string, BodyMailbox>> {
  const out = new Map<string, BodyMailbox>();
  const all = mailboxes(store);
  const keys = bodyIds.map((bodyId) => ({ bodyId }));
  for (const r of await batchGetRecords((k: typeof keys) => all.get(k), keys)) {
    const bodyId = String(r.pk).slice('BODY#'.length);
    out.set(bodyId, fromRecord(bodyId, r));
  }
  return out;
}

/**
 * A new (or re-sent) unverified mailbox: the whole record is replaced, so a changed address loses
 * its verification, its suppression and its delivery history.
 */
export function unverifiedMailboxOp(
  store: Store,
  m: { bodyId: string; address: string; tokenHash: string; tokenExpires: string; setAt: string },
): TransactOp {
  return {
    Put: mailboxes(store)
      .put({ ...m, verified: false })
      .params() as NonNullable<TransactOp['Put']>,
  };
}

/** Marks the mailbox verified if `tokenHash` is its current token and it has not expired. */
export function verifyMailboxOp(store: Store, bodyId: string, tokenHash: string, at: string): TransactOp {
  return {
    Update: mailboxes(store)
      .patch({ bodyId })
      .set({ verified: true, verifiedAt: at })
      .remove(['tokenHash', 'tokenExpires'])
      .where((a, o) => `${o.eq(a.tokenHash, tokenHash)} AND ${o.gt(a.tokenExpires, at)}`)
      .params() as NonNullable<TransactOp['Update']>,
  };
}

export type DeliveryOutcome = { delivered: true } | { delivered: false; reason: string };

/**
 * Records the outcome of a delivery to the body's mailbox on the mailbox itself; nothing when the
 * mailbox has changed address since (or is gone).
 */
export async function recordMailboxOutcome(
  store: Store,
  bodyId: string,
  address: string,
  outcome: DeliveryOutcome,
  at: Date,
): Promise<void> {
  try {
    await go(
      mailboxes(store)
        .patch({ bodyId })
        .set(
          outcome.delivered
            ? { lastDeliveryAt: at.toISOString() }
            : { lastFailureAt: at.toISOString(), lastFailure: outcome.reason.slice(0, 200) },
        )
        .where((a, o) => o.eq(a.address, address))
        .go({ response: 'none' }),
    );
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
  }
}
