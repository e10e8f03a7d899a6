// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * An escalation of an overdue matter (data/escalations.ts; the workflow is services/escalation.ts),
 * declared as an ElectroDB entity: in a partition of its own per audited record (a question, a
 * recommendation), so the matter's complaints list together. Read whole through the entity
 * (`data: 'raw'`); written by a conditional put keyed by this template, as the record is kept as
 * the service made it and the model declares only its keys and dates (which the entity's patch sets).
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { named, perStore, text } from './kit';

export const escalationModel = {
  model: named('escalation'),
  attributes: {
    recordKey: text,
    id: text,
    kind: kindOf('escalation'),
    /** When the complaint was sent and answered (data/escalations.ts `setEscalationDates`). */
    sentOn: { type: 'string' },
    answeredOn: { type: 'string' },
  },
  indexes: {
    record: {
      pk: key('pk', ['recordKey'], 'ESCALATION#${recordKey}'),
      sk: key('sk', ['id'], 'ESC#${id}'),
    },
  },
} as const;

export const ESCALATION_MODELS = { escalation: escalationModel } as const;

export const ESCALATION_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof ESCALATION_MODELS>[] = [
  {
    entity: 'escalation',
    index: 'record',
    pattern: "an overdue matter's escalations, one by id or all of them (strongly consistent)",
    code: '`data/escalations.ts` `putNewEscalation`, `getEscalationRecord`, `listEscalationRecords`, `setEscalationDates`',
  },
];

/** The escalation entity over `store`'s table (built once per store). */
export const escalationEntitiesOf = perStore((store) => ({
  escalation: new Entity(escalationModel, { client: store.doc, table: store.table }),
}));
