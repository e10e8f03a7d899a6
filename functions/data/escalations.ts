/**
 * Escalations (persistence only; the workflow, its rules and the record's shape are
 * services/escalation.ts): the `escalation` entity (data/entities/escalations.ts),
 * `pk ESCALATION#<recordKey>`, `sk ESC#<id>`, the record kept as the service made it.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';
import { escalationEntitiesOf, escalationModel } from './entities/escalations';
import { queryEntityRecords } from './query-all';
import { go, kindIs, OWN, recordKey } from './schema';

/** What names an escalation: the audited record it is about and its own id. */
export interface EscalationKey {
  recordKey: string;
  id: string;
}

const keyOf = (e: EscalationKey) => recordKey(escalationModel, { recordKey: e.recordKey, id: e.id });

/** The stored record without its keys and kind. */
function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _p, sk: _s, entity: _e, __edb_e__: _ee, __edb_v__: _ev, ...rest } = item;
  return rest as T;
}

/** Writes a new escalation; refused (ConditionalCheckFailed) if its key exists. */
export async function putNewEscalation(
  store: Store,
  record: EscalationKey & Record<string, unknown>,
): Promise<void> {
  // Hand-built, keyed by the entity's template: the record is kept as the service made it (an open
  // shape), and ElectroDB writes only the attributes a model declares.
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: { ...keyOf(record), entity: 'escalation', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getEscalationRecord<T>(store: Store, key: EscalationKey): Promise<T | null> {
  const res = await go(
    escalationEntitiesOf(store)
      .escalation.get({ recordKey: key.recordKey, id: key.id })
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  const item = (res.data as { Item?: Record<string, unknown> }).Item;
  return item ? withoutKeys<T>(item) : null;
}

/** Every escalation of one audited record, oldest first (ids are ULIDs). */
export async function listEscalationRecords<T>(store: Store, ofRecord: string): Promise<T[]> {
  const rows = await queryEntityRecords(
    escalationEntitiesOf(store).escalation.query.record({ recordKey: ofRecord }).where(kindIs('escalation')),
    { options: { consistent: true } },
  );
  return rows.map((r) => withoutKeys<T>(r));
}

/** Records when the complaint was sent and answered; refused (ConditionalCheckFailed) if it is gone. */
export async function setEscalationDates(
  store: Store,
  key: EscalationKey,
  dates: { sentOn?: string | undefined; answeredOn?: string | undefined },
): Promise<void> {
  // ElectroDB's patch: the record must exist.
  await go(
    escalationEntitiesOf(store)
      .escalation.patch({ recordKey: key.recordKey, id: key.id })
      .set({
        ...(dates.sentOn ? { sentOn: dates.sentOn } : {}),
        ...(dates.answeredOn ? { answeredOn: dates.answeredOn } : {}),
      })
      .go({ response: 'none' }),
  );
}
