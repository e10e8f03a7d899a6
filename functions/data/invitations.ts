/**
 * Persistence of session invitations (shared/invitations.ts), in the session's partition:
 *
 *   invitation  pk SESSION#<sessionId>  sk INVITE#<bodyId>
 *
 * A session's invitations are one Query; the reminder job reads them for the sessions of tomorrow
 * only (found through the sessions' byKind index), never by Scan.
 */
import type { Invitation } from '../../shared/invitations';
import type { AuditRecord, TransactOp } from '../audit/chain';
import type { Store } from './client';
import { queryAll } from './query-all';

export const invitationKeys = {
  pk: (sessionId: string) => `SESSION#${sessionId}`,
  sk: (bodyId: string) => `INVITE#${bodyId}`,
};

const TABLE_ONLY = /^(pk|sk|entity|gsi\d+(pk|sk))$/;
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
      Item: {
        ...i,
        pk: invitationKeys.pk(i.sessionId),
        sk: invitationKeys.sk(i.bodyId),
        entity: 'invitation',
      },
      ConditionExpression: mode === 'new' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
    },
  };
}

export async function listInvitations(store: Store, sessionId: string): Promise<Invitation[]> {
  const rows = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': invitationKeys.pk(sessionId), ':p': 'INVITE#' },
    ConsistentRead: true,
  });
  return rows.map(strip);
}
