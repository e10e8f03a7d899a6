// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * An official's progress update on an item (data/progress-updates.ts; the workflow is
 * services/progress-updates.ts), declared as an ElectroDB entity in the item's partition, beside the
 * item, its thread, questions and visits: the kind filter keeps it apart there. Read whole through
 * the entity (`data: 'raw'`); written by the hand-built operations of data/progress-updates.ts keyed
 * by this template (the model declares only its keys).
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { named, perStore, text } from './kit';

export const progressUpdateModel = {
  model: named('progress-update'),
  attributes: {
    itemId: text,
    id: text,
    kind: kindOf('progress-update'),
  },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', ['id'], 'PROGRESS#${id}') },
  },
} as const;

export const PROGRESS_UPDATE_MODELS = { 'progress-update': progressUpdateModel } as const;

export const PROGRESS_UPDATE_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof PROGRESS_UPDATE_MODELS>[] =
  [
    {
      entity: 'progress-update',
      index: 'record',
      pattern:
        "an item's progress updates, one by id (strongly consistent) or all newest first; posted, counted on by site visits",
      code: '`data/progress-updates.ts` `getProgressUpdateRecord`, `listProgressUpdateRecords`, `progressUpdatePutOp`, `groundOnUpdateOp`',
    },
  ];

/** The progress-update entity over `store`'s table (built once per store). */
export const progressUpdateEntitiesOf = perStore((store) => ({
  progressUpdate: new Entity(progressUpdateModel, { client: store.doc, table: store.table }),
}));
