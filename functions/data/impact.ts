/**
 * Persistence of the impact ledger (shared/impact.ts): one record per effect under its item, found
 * per body (byBody) and club-wide by date (byKind), never by Scan.
 *
 *   impact  pk ITEM#<itemId>  sk IMPACT#<id>   gsi4 BODY#<bodyId> / IMPACT#<on>#<id>   gsi7 KIND#IMPACT / <on>#<id>
 *
 * The keys are the `impact` entity's (data/schema.ts); reads go through it, the write is the
 * hand-built put of the audit transaction (test/integration/entities.test.ts checks they agree).
 */
import type { ImpactEntry } from '../../shared/impact';
import { type AuditRecord, appendAuditEntry } from '../audit/chain';
import type { Store } from './client';
import { queryEntityRecords } from './query-all';
import { entitiesOf, go, itemPartition, kindIs, OWN } from './schema';

export const impactKeys = {
  pk: itemPartition,
  sk: (id: string) => `IMPACT#${id}`,
  body: (bodyId: string) => `BODY#${bodyId}`,
  kind: 'KIND#IMPACT',
};

const TABLE_ONLY = /^(pk|sk|entity|gsi\d+(pk|sk))$/;

function strip(record: Record<string, unknown>): ImpactEntry {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !TABLE_ONLY.test(k))) as ImpactEntry;
}

function impactRecord(e: ImpactEntry) {
  return {
    ...e,
    pk: impactKeys.pk(e.subject.itemId),
    sk: impactKeys.sk(e.id),
    entity: 'impact',
    gsi4pk: impactKeys.body(e.bodyId),
    gsi4sk: `IMPACT#${e.on}#${e.id}`,
    gsi7pk: impactKeys.kind,
    gsi7sk: `${e.on}#${e.id}`,
  };
}

/** The entry as the audit chain holds it: every public field (the recorder's name, no account id). */
export function impactAuditRecord(e: ImpactEntry): AuditRecord {
  return { kind: 'impact', key: `impact/${e.subject.itemId}/${e.id}`, fields: strip(e as never) };
}

/** Writes the entry (new, or its confirmation) with its audit entry in one transaction. */
export async function saveImpact(
  store: Store,
  e: ImpactEntry,
  audit: { action: string; at: string; actorSub: string | null },
  mode: 'create' | 'confirm',
): Promise<ImpactEntry> {
  await appendAuditEntry(store, { ...audit, record: impactAuditRecord(e) }, [
    {
      Put: {
        TableName: store.table,
        Item: impactRecord(e),
        ConditionExpression:
          mode === 'create' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk) AND #st = :unconfirmed',
        ...(mode === 'confirm'
          ? {
              ExpressionAttributeNames: { '#st': 'status' },
              ExpressionAttributeValues: { ':unconfirmed': 'unconfirmed' },
            }
          : {}),
      },
    },
  ]);
  return e;
}

export async function getImpact(store: Store, itemId: string, id: string): Promise<ImpactEntry | null> {
  const res = await go(
    entitiesOf(store)
      .impact.get({ itemId, id })
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  const record = (res.data as { Item?: Record<string, unknown> }).Item;
  return record ? strip(record) : null;
}

/** The club's entries, optionally those dated within [from, to] (Almaty dates, inclusive). */
export async function listImpact(store: Store, range?: { from: string; to: string }): Promise<ImpactEntry[]> {
  const all = entitiesOf(store).impact.query.all({});
  // The end names an id past every ULID ('~'): ElectroDB cuts a sort key at the last composite
  // given, and `${to}` alone would leave out the entries dated `to` itself.
  const query = range ? all.between({ on: range.from }, { on: range.to, id: '~' }) : all;
  return (await queryEntityRecords(query.where(kindIs('impact')))).map(strip);
}

export async function impactForBody(store: Store, bodyId: string): Promise<ImpactEntry[]> {
  const items = await queryEntityRecords(
    entitiesOf(store).impact.query.toBody({ bodyId }).where(kindIs('impact')),
  );
  return items.map(strip);
}
