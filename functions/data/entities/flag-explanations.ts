// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * An official's explanation of a risk flag (data/flag-explanations.ts; the workflow is
 * services/flags-explanations.ts), declared as an ElectroDB entity in its item's partition, beside
 * the item, its thread and its questions: the kind filter keeps it apart there. Read whole through
 * the entity (`data: 'raw'`); written by the hand-built transaction operations of
 * data/flag-explanations.ts keyed by this template (the model declares only its keys).
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { named, perStore, text } from './kit';

export const flagExplanationModel = {
  model: named('flag-explanation'),
  attributes: {
    itemId: text,
    id: text,
    kind: kindOf('flag-explanation'),
  },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', ['id'], 'FLAGNOTE#${id}') },
  },
} as const;

export const FLAG_EXPLANATION_MODELS = { 'flag-explanation': flagExplanationModel } as const;

export const FLAG_EXPLANATION_ACCESS_PATTERNS: readonly AccessPattern<
  keyof typeof FLAG_EXPLANATION_MODELS
>[] = [
  {
    entity: 'flag-explanation',
    index: 'record',
    pattern:
      "an item's flag explanations, one by id or all of them; written, edited, withdrawn, shown or hidden",
    code: '`data/flag-explanations.ts` `getFlagExplanationRecord`, `listFlagExplanationRecords`, `flagExplanationPutOp`, `flagExplanationEditOp`, `flagExplanationWithdrawOp`, `flagExplanationVisibilityOp`',
  },
];

/** The flag-explanation entity over `store`'s table (built once per store). */
export const flagExplanationEntitiesOf = perStore((store) => ({
  flagExplanation: new Entity(flagExplanationModel, { client: store.doc, table: store.table }),
}));
