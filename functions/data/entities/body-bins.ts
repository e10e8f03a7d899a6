// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * A BIN's guard (data/bodies.ts; the workflow is services/bodies.ts), declared as an ElectroDB
 * entity: one record per BIN, `BODYBIN#<bin>` / `BODYBIN`, naming the one body that holds it, so
 * two bodies can never share a BIN (its put rides in the body's audit transaction, conditioned on
 * the guard being free or the body's own). Guards written before ElectroDB carry no kind (`entity`);
 * each is alone in its partition, so none is needed to keep others out.
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { named, perStore, text } from './kit';

export const bodyBinModel = {
  model: named('body-bin'),
  attributes: {
    bin: text,
    kind: kindOf('body-bin'),
    bodyId: text,
  },
  indexes: {
    record: { pk: key('pk', ['bin'], 'BODYBIN#${bin}'), sk: key('sk', [], 'BODYBIN') },
  },
} as const;

export const BODY_BIN_MODELS = { bodyBin: bodyBinModel } as const;

export const BODY_BIN_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof BODY_BIN_MODELS>[] = [
  {
    entity: 'bodyBin',
    index: 'record',
    pattern: "the body that holds a BIN; a BIN taken or released with the body's change",
    code: '`data/bodies.ts` `binHolder`, `binGuardOps`, `putBody`',
  },
];

/** The BIN guard entity over `store`'s table (built once per store). */
export const bodyBinEntitiesOf = perStore((store) => ({
  bodyBin: new Entity(bodyBinModel, { client: store.doc, table: store.table }),
}));
