/**
 * Consents (persistence only; the workflow is services/consents.ts).
 *   consent   pk USER#<sub>   sk CONSENT#<purpose>   version, givenAt, withdrawnAt, history
 * On the user's own partition, so "export my data" carries it and erasure removes it.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { currentVersionOf, type RecordedPurpose } from '../../shared/consent-versions';
import type { Store } from './client';
import { queryAll } from './query-all';

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

export const consentKeys = {
  pk: (sub: string) => `USER#${sub}`,
  sk: (purpose: RecordedPurpose) => `CONSENT#${purpose}`,
};

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
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk: consentKeys.pk(sub), sk: consentKeys.sk(purpose) },
      ConsistentRead: true,
    }),
  );
  return res.Item ? consentFromItem(res.Item) : null;
}

export async function listConsents(store: Store, sub: string): Promise<ConsentRecord[]> {
  const rows = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
    ExpressionAttributeValues: { ':pk': consentKeys.pk(sub), ':c': 'CONSENT#' },
    ConsistentRead: true,
  });
  return rows.map(consentFromItem);
}

const consentItem = (sub: string, record: ConsentRecord) => ({
  pk: consentKeys.pk(sub),
  sk: consentKeys.sk(record.purpose),
  entity: 'consent',
  ...record,
  history: record.history.slice(-MAX_HISTORY),
});

export async function putConsent(store: Store, sub: string, record: ConsentRecord): Promise<void> {
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
