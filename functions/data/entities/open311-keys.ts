// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * An Open311 API key (data/open311-keys.ts; the workflow is services/open311-keys.ts), declared as
 * an ElectroDB entity: every key in one partition, `OPEN311KEYS` / `KEY#<id>`, so listing them is
 * one bounded Query and a client's call one GetItem. Every attribute is declared, as ElectroDB
 * writes only declared ones; only the key's SHA-256 is stored.
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { named, perStore, text } from './kit';

export const open311KeyModel = {
  model: named('open311-key'),
  attributes: {
    kind: kindOf('open311-key'),
    id: text,
    name: text,
    prefix: text,
    keyHash: text,
    createdAt: text,
    createdBy: text,
    lastUsedAt: { type: 'string' },
    revokedAt: { type: 'string' },
  },
  indexes: {
    record: { pk: key('pk', [], 'OPEN311KEYS'), sk: key('sk', ['id'], 'KEY#${id}') },
  },
} as const;

export const OPEN311_KEY_MODELS = { open311Key: open311KeyModel } as const;

export const OPEN311_KEY_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof OPEN311_KEY_MODELS>[] = [
  {
    entity: 'open311Key',
    index: 'record',
    pattern: "a client's key by the id it carries; every key (one page); issue, revoke, record a use",
    code: '`data/open311-keys.ts` `getOpen311Key`, `listOpen311Keys`, `putOpen311KeyOp`, `revokeOpen311KeyOp`, `touchOpen311Key`',
  },
];

/** The Open311 key entity over `store`'s table (built once per store). */
export const open311KeyEntitiesOf = perStore((store) => ({
  open311Key: new Entity(open311KeyModel, { client: store.doc, table: store.table }),
}));
