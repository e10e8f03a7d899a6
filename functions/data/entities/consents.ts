// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * A user's consent to one purpose (data/consents.ts; the workflow is services/consents.ts), declared
 * as an ElectroDB entity: in the user's own partition, so "export my data" carries it and erasure
 * removes it. Read whole through the entity (`data: 'raw'`) and written through it: the model
 * declares everything the record holds (version, times, history), as ElectroDB writes only that.
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { named, perStore, text } from './kit';

export const consentModel = {
  model: named('consent'),
  attributes: {
    sub: text,
    purpose: text,
    kind: kindOf('consent'),
    version: text,
    givenAt: text,
    withdrawnAt: { type: 'string' },
    /** Every give and withdrawal, oldest first (data/consents.ts MAX_HISTORY). */
    history: { type: 'any', required: true },
  },
  indexes: {
    record: { pk: key('pk', ['sub'], 'USER#${sub}'), sk: key('sk', ['purpose'], 'CONSENT#${purpose}') },
  },
} as const;

export const CONSENT_MODELS = { consent: consentModel } as const;

export const CONSENT_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof CONSENT_MODELS>[] = [
  {
    entity: 'consent',
    index: 'record',
    pattern:
      "a user's consent to one purpose, or all of them (strongly consistent; batch-read with the notifier's preferences and contacts)",
    code: '`data/consents.ts` `getConsent`, `listConsents`, `putConsent`; `data/notifications.ts` `batchGetRecipients`',
  },
];

/** The consent entity over `store`'s table (built once per store). */
export const consentEntitiesOf = perStore((store) => ({
  consent: new Entity(consentModel, { client: store.doc, table: store.table }),
}));
