// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * Site visits (data/visits.ts; the workflow is services/site-visits.ts), declared as ElectroDB
 * entities: the visit, the item's visit counts and a person's milestone stance in the item's
 * partition (the kind filter keeps them apart from the item, its thread and its questions), the visit
 * also on the visitor's own index (their export and erasure), and the private position record in a
 * partition of its own. Read whole through the entities (`data: 'raw'`); written by the hand-built
 * operations of data/visits.ts keyed by these templates (the models declare only their keys).
 */
import { Entity } from 'electrodb';
import { type AccessPattern, key, kindOf } from '../schema';
import { INDEX } from '../table';
import { named, perStore, text } from './kit';

export const visitModel = {
  model: named('visit'),
  attributes: {
    itemId: text,
    id: text,
    visitorSub: text,
    kind: kindOf('visit'),
  },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', ['id'], 'VISIT#${id}') },
    ofVisitor: {
      index: INDEX.authoredByUser.name,
      pk: key('gsi6pk', ['visitorSub'], 'USER#${visitorSub}'),
      sk: key('gsi6sk', ['id'], 'VISIT#${id}'),
    },
  },
} as const;

/**
 * The item's visit counts: one record, `ADD`ed to by every visit and moderation change; every
 * item's counts also listed on byKind, so the flag job reads the few items that have visits instead
 * of asking for every item's counts by key (16 s of bench:sync's 50,000 items, nearly all absent).
 */
export const visitCountModel = {
  model: named('visit-count'),
  attributes: {
    itemId: text,
    kind: kindOf('visit-count'),
  },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', [], 'VISITCOUNT') },
    listed: {
      index: 'byKind',
      pk: key('gsi7pk', [], 'KIND#VISITCOUNT'),
      sk: key('gsi7sk', ['itemId'], '${itemId}'),
    },
  },
} as const;

/** One person's latest stance on a milestone of the item (people count once, not per visit). */
export const visitStanceModel = {
  model: named('visit-stance'),
  attributes: {
    itemId: text,
    milestoneId: text,
    sub: text,
    kind: kindOf('visit-stance'),
  },
  indexes: {
    record: {
      pk: key('pk', ['itemId'], 'ITEM#${itemId}'),
      sk: key('sk', ['milestoneId', 'sub'], 'GROUND#${milestoneId}#${sub}'),
    },
  },
} as const;

/** A visit's phone and photo positions: private, never read by a route, removed by TTL. */
export const visitPositionModel = {
  model: named('visit-position'),
  attributes: {
    visitId: text,
    kind: kindOf('visit-position'),
  },
  indexes: {
    record: { pk: key('pk', ['visitId'], 'VISITPOS#${visitId}'), sk: key('sk', [], 'POSITION') },
  },
} as const;

export const VISIT_MODELS = {
  visit: visitModel,
  'visit-count': visitCountModel,
  'visit-stance': visitStanceModel,
  'visit-position': visitPositionModel,
} as const;

export const VISIT_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof VISIT_MODELS>[] = [
  {
    entity: 'visit',
    index: 'record',
    pattern: "an item's visits, one by id or all of them newest first; recorded, moderated, pseudonymized",
    code: '`data/visits.ts` `getVisitRecord`, `listVisitRecords`, `visitPutOp`, `visitModerationOp`, `visitorNameOp`',
  },
  {
    entity: 'visit',
    index: 'ofVisitor',
    pattern: "a visitor's visits (their export and erasure; the positions withdrawn with consent)",
    code: '`data/visits.ts` `visitIdsOfVisitor`; `data/users.ts` `userAuthoredRecords` (every kind)',
  },
  {
    entity: 'visit-count',
    index: 'record',
    pattern:
      "an item's visit counts (strongly consistent); moved in the visit's or the moderation's transaction",
    code: '`data/visits.ts` `getVisitCounts`, `visitCountOp`, `shownVisitCountOp`',
  },
  {
    entity: 'visit-count',
    index: 'listed',
    pattern:
      "every item's visit counts (the flag job's R-SITE-CONTESTED); older records get the listing from `npm run backfill:visit-counts`",
    code: '`data/visits.ts` `listVisitCountsWithProblems`',
  },
  {
    entity: 'visit-stance',
    index: 'record',
    pattern:
      "a person's latest stance on an item's milestone (strongly consistent), replaced on the version read",
    code: '`data/visits.ts` `getVisitStance`, `visitStancePutOp`',
  },
  {
    entity: 'visit-position',
    index: 'record',
    pattern: "a visit's private positions: written with the visit, deleted when consent is withdrawn",
    code: '`data/visits.ts` `visitPositionPutOp`, `deleteVisitPositions`',
  },
];

/** The visit entities over `store`'s table (built once per store). */
export const visitEntitiesOf = perStore((store) => ({
  visit: new Entity(visitModel, { client: store.doc, table: store.table }),
  visitCount: new Entity(visitCountModel, { client: store.doc, table: store.table }),
  visitStance: new Entity(visitStanceModel, { client: store.doc, table: store.table }),
}));
