/**
 * Persistence of session invitations (shared/invitations.ts), in the session's partition: the
 * `invitation` entity (data/entities/invitations.ts),
 *
 *   invitation  pk SESSION#<sessionId>  sk INVITE#<bodyId>
 *
 * A session's invitations are one Query; the reminder job reads them for the sessions of tomorrow
 * only (found through the sessions' byKind index), never by Scan.
 */

import type { Invitation } from '../../shared/invitations';
import type { AuditRecord, TransactOp } from '../audit/chain';
import type { Store } from './client';
import { invitationEntitiesOf, invitationModel } from './entities/invitations';
import { queryEntityRecords } from './query-all';
import { go, kindIs, recordKey } from './schema';

/** An invitation's table key (the entity's template). */
const invitationKey = (sessionId: string, bodyId: string) =>
  recordKey(invitationModel, { sessionId, bodyId });

/** Keys and ElectroDB's identifiers (a reminder is noted through the entity): storage, not the invitation. */
const TABLE_ONLY = /^(pk|sk|entity|gsi\d+(pk|sk)|__edb_[ev]__)$/;
const strip = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).filter(([k]) => !TABLE_ONLY.test(k))) as Invitation;

/**
 * The invitation as the audit chain holds it (names, never account ids). The reminder's timestamp
 * is bookkeeping written without an audit entry, so it is left out of the hashed fields.
 */
export function invitationAuditRecord(i: Invitation): AuditRecord {
  const { reminded: _r, ...fields } = strip(i as unknown as Record<string, unknown>);
  return { kind: 'invitation', key: `invitation/${i.sessionId}/${i.bodyId}`, fields };
}

/** The put of an invitation: `new` only if absent, otherwise only if it still exists. */
export function invitationPutOp(store: Store, i: Invitation, mode: 'new' | 'update'): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: { ...i, ...invitationKey(i.sessionId, i.bodyId), entity: 'invitation' },
      ConditionExpression: mode === 'new' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
    },
  };
}

export async function listInvitations(store: Store, sessionId: string): Promise<Invitation[]> {
  const rows = await queryEntityRecords(
    invitationEntitiesOf(store).invitation.query.record({ sessionId }).where(kindIs('invitation')),
    { options: { consistent: true } },
  );
  return rows.map(strip);
}

/**
 * Notes on the invitation that its body was reminded of the session starting at `forStartsAt`;
 * refused (ConditionalCheckFailed) if the invitation is gone.
 */
export async function markInvitationReminded(
  store: Store,
  sessionId: string,
  bodyId: string,
  reminded: { at: string; forStartsAt: string },
): Promise<void> {
  // ElectroDB's patch (the invitation must exist); the identifiers it stamps are storage (`strip`).
  await go(
    invitationEntitiesOf(store)
      .invitation.patch({ sessionId, bodyId })
      .set({ reminded })
      .go({ response: 'none' }),
  );
}
