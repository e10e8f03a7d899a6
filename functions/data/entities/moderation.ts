// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * Moderation of any content kind (data/moderation.ts, workflow in services/moderation.ts) declared as
 * ElectroDB entities: the state beside each piece of content (`MOD#<kind>#<id>`, sk STATE) with the
 * queue on byStatus, one flag per user, the per-content history, and a block on a user's creates (in
 * the user's partition, and on byKind by the user's pseudonym for the audit proof).
 *
 * The state's own `kind` is the moderated content's kind (`contentKind`); state records carry no
 * record kind, so the queue's partition (`MODQ#…`, the state's alone) is what identifies them. The
 * records are written by hand-built ops of the audit transaction keyed by these templates and read
 * whole (`data: 'raw'`), so only the key attributes are declared.
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { INDEX } from '../table';
import { named, perStore, text } from './kit';

export const moderationStateModel = {
  model: named('moderation-state'),
  attributes: {
    contentKind: { ...text, field: 'kind' },
    contentId: text,
    /** `MODQ#flagged` or `MODQ#hidden` while queued (set and removed with the state's updates). */
    queue: { type: ['flagged', 'hidden'] as const, hidden: true, readOnly: true },
    /** `<since>#<kind>#<id>`: oldest first. */
    queueSort: { type: 'string', field: 'gsi5sk', hidden: true, readOnly: true },
  },
  indexes: {
    record: {
      pk: key('pk', ['contentKind', 'contentId'], 'MOD#${contentKind}#${contentId}'),
      sk: key('sk', [], 'STATE'),
    },
    queue: {
      index: INDEX.itemsOfStatusAndModerationQueue.name,
      pk: key('gsi5pk', ['queue'], 'MODQ#${queue}'),
      sk: key('gsi5sk', ['queueSort'], '${queueSort}'),
    },
  },
} as const;

export const moderationFlagModel = {
  model: named('moderation-flag'),
  attributes: {
    contentKind: text,
    contentId: text,
    sub: text,
  },
  indexes: {
    record: {
      pk: key('pk', ['contentKind', 'contentId'], 'MOD#${contentKind}#${contentId}'),
      sk: key('sk', ['sub'], 'FLAG#${sub}'),
    },
  },
} as const;

/** An entry of the per-content history; a comment's entries are also on the older log (`moderationEntry`). */
export const moderationHistoryModel = {
  model: named('moderation-history'),
  attributes: {
    contentKind: { ...text, field: 'kind' },
    contentId: text,
    id: text,
  },
  indexes: {
    record: {
      pk: key('pk', ['contentKind', 'contentId'], 'MOD#${contentKind}#${contentId}'),
      sk: key('sk', ['id'], 'HIST#${id}'),
    },
  },
} as const;

/** A block on a user's creates (the record stays, inactive, when lifted: the chain can check it). */
export const blockModel = {
  model: named('block'),
  attributes: {
    sub: text,
    kind: kindOf('block'),
    userHash: text,
  },
  indexes: {
    record: { pk: key('pk', ['sub'], 'USER#${sub}'), sk: key('sk', [], 'BLOCK') },
    byPseudonym: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', [], 'KIND#BLOCK'),
      sk: key('gsi7sk', ['userHash'], '${userHash}'),
    },
  },
} as const;

export const MODERATION_MODELS = {
  moderationState: moderationStateModel,
  moderationFlag: moderationFlagModel,
  moderationHistory: moderationHistoryModel,
  block: blockModel,
} as const;

export const MODERATION_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof MODERATION_MODELS>[] = [
  {
    entity: 'moderationState',
    index: 'record',
    pattern: "a piece of content's moderation state: flag count, visibility, review (audit transaction)",
    code: '`data/moderation.ts` `readModerationState`, `flagOps`, `thresholdHideOp`, `decisionStateOp`; `audit/records.ts` (`content`)',
  },
  {
    entity: 'moderationState',
    index: 'queue',
    pattern:
      'the moderation queue: flagged content awaiting review, or content a moderator hid; oldest first',
    code: '`data/moderation.ts` `listModerationQueue`',
  },
  {
    entity: 'moderationFlag',
    index: 'record',
    pattern: 'one flag per user on a piece of content (conditional put with the state)',
    code: '`data/moderation.ts` `flagOps`',
  },
  {
    entity: 'moderationHistory',
    index: 'record',
    pattern: "a piece of content's moderation history, newest first (put with each change)",
    code: '`data/moderation.ts` `listContentHistory`, `historyPut`',
  },
  {
    entity: 'block',
    index: 'record',
    pattern: "a block on a user's creates, checked by every create; put or lifted in the audit transaction",
    code: '`data/moderation.ts` `readBlock`, `blockPut`',
  },
  {
    entity: 'block',
    index: 'byPseudonym',
    pattern: "a block by the user's pseudonym (the audit proof; the chain holds no account id)",
    code: '`audit/records.ts` (`block`)',
  },
];

/** Moderation's entities over `store`'s table (built once per store). */
export const moderationEntitiesOf = perStore((store) => {
  const config = { client: store.doc, table: store.table };
  return {
    moderationState: new Entity(moderationStateModel, config),
    moderationHistory: new Entity(moderationHistoryModel, config),
    block: new Entity(blockModel, config),
  };
});
