/**
 * Consents (persistence only; the workflow is services/consents.ts): the `consent` entity
 * (data/entities/consents.ts), `pk USER#<sub>`, `sk CONSENT#<purpose>`, with version, givenAt,
 * withdrawnAt and history. On the user's own partition, so "export my data" carries it and erasure
 * removes it.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { currentVersionOf, type RecordedPurpose } from '../../shared/consent-versions';
import type { Store } from './client';
import { consentEntitiesOf, consentModel } from './entities/consents';
import { queryEntityRecords } from './query-all';
import { go, kindIs, OWN, recordKey } from './schema';

export interface ConsentEvent {
  action: 'given' | 'withdrawn';
  version: string;
  at: string;
}

export interface ConsentRecord {
  purpose: RecordedPurpose;
  version: string;
  givenAt: string;
  withdrawnAt?: string;
  /** Every give and withdrawal, oldest first (bounded: MAX_HISTORY). */
  history: ConsentEvent[];
}

export const MAX_HISTORY = 50;

/** A consent's table key (the entity's template). */
export const consentKey = (sub: string, purpose: RecordedPurpose) =>
  recordKey(consentModel, { sub, purpose });

/** A consent counts when it was given to the current text and not withdrawn since. */
export const isCurrentConsent = (r: ConsentRecord | null | undefined): boolean =>
  !!r && !r.withdrawnAt && r.version === currentVersionOf(r.purpose);

export const consentFromItem = (r: Record<string, unknown>): ConsentRecord => ({
  purpose: r.purpose as RecordedPurpose,
  version: String(r.version),
  givenAt: String(r.givenAt),
  ...(typeof r.withdrawnAt === 'string' ? { withdrawnAt: r.withdrawnAt } : {}),
  history: Array.isArray(r.history) ? (r.history as ConsentEvent[]) : [],
});

export async function getConsent(
  store: Store,
  sub: string,
  purpose: RecordedPurpose,
): Promise<ConsentRecord | null> {
  const res = await go(
    consentEntitiesOf(store)
      .consent.get({ sub, purpose })
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  const item = (res.data as { Item?: Record<string, unknown> }).Item;
  return item ? consentFromItem(item) : null;
}

export async function listConsents(store: Store, sub: string): Promise<ConsentRecord[]> {
  const rows = await queryEntityRecords(
    consentEntitiesOf(store).consent.query.record({ sub }).where(kindIs('consent')),
    { options: { consistent: true } },
  );
  return rows.map(consentFromItem);
}

const consentItem = (sub: string, record: ConsentRecord) => ({
  ...consentKey(sub, record.purpose),
  entity: 'consent',
  ...record,
  history: record.history.slice(-MAX_HISTORY),
});

export async function putConsent(store: Store, sub: string, record: ConsentRecord): Promise<void> {
  // Hand-built, keyed by the entity's template: the record is exported whole, and ElectroDB would add `sub`.
  await store.doc.send(new PutCommand({ TableName: store.table, Item: consentItem(sub, record) }));
}

/** The consent's Put for a transaction (a seed or a test writing a contact together with its consent). */
export function consentOp(store: Store, sub: string, record: ConsentRecord) {
  return { Put: { TableName: store.table, Item: consentItem(sub, record) } };
}

/** A consent to the current text given at `at` (a fresh record, no earlier history). */
export function currentConsent(purpose: RecordedPurpose, at: Date): ConsentRecord {
  const version = currentVersionOf(purpose);
  const when = at.toISOString();
  return { purpose, version, givenAt: when, history: [{ action: 'given', version, at: when }] };
}

/** Writes `record` unless the user has one for its purpose already (seeding; never overwrites a choice). */
export async function putConsentIfMissing(
  store: Store,
  sub: string,
  record: ConsentRecord,
): Promise<boolean> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.table,
        Item: consentItem(sub, record),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
