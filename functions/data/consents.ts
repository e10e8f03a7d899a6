/**
 * Consents (persistence only; the workflow is services/consents.ts): the `consent` entity
 * (data/entities/consents.ts), `pk USER#<sub>`, `sk CONSENT#<purpose>`, with version, givenAt,
 * withdrawnAt and history (and, written through the entity, its key fact `sub`). On the user's own
 * partition, so "export my data" carries it and erasure removes it.
 */
import { currentVersionOf, type RecordedPurpose } from '../../shared/consent-versions';
import type { Store } from './client';
import { consentEntitiesOf, consentModel } from './entities/consents';
import { queryEntityRecords } from './query-all';
import { go, kindIs, OWN, recordKey } from './schema';
import type { TransactOp } from './transaction';

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

/** The consent's attributes for its entity (the account id is its key fact; history bounded). */
const consentAttributes = (sub: string, record: ConsentRecord) => ({
  sub,
  ...record,
  history: record.history.slice(-MAX_HISTORY),
});

export async function putConsent(store: Store, sub: string, record: ConsentRecord): Promise<void> {
  await go(consentEntitiesOf(store).consent.put(consentAttributes(sub, record)).go({ response: 'none' }));
}

/** The consent's Put for a transaction (a seed or a test writing a contact together with its consent). */
export function consentOp(store: Store, sub: string, record: ConsentRecord) {
  return {
    Put: consentEntitiesOf(store).consent.put(consentAttributes(sub, record)).params() as NonNullable<
      TransactOp['Put']
    >,
  };
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
    // ElectroDB's create: refused if the key exists.
    await go(
      consentEntitiesOf(store).consent.create(consentAttributes(sub, record)).go({ response: 'none' }),
    );
    return true;
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
