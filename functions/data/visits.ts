/**
 * Site visits (persistence only; the workflow, its rules, the counts' deltas and the audit entries
 * are services/site-visits.ts): the entities of data/entities/visits.ts,
 *
 *   visit      pk ITEM#<itemId>   sk VISIT#<visitId>    byUser gsi6pk USER#<sub>  gsi6sk VISIT#<visitId>
 *   counts     pk ITEM#<itemId>   sk VISITCOUNT
 *   stance     pk ITEM#<itemId>   sk GROUND#<milestoneId>#<sub>
 *   position   pk VISITPOS#<id>   sk POSITION   (private; expiresAt = TTL)
 *
 * each record kept as the service made it. Writes are operations of the service's transactions,
 * with the conditions that keep concurrent writers from overwriting each other.
 */
import type { Visibility } from '../../shared/moderation';
import type {
  CheckPoint,
  MilestoneStance,
  PresenceSignal,
  VisitCheck,
  VisitInput,
} from '../../shared/visits';
import { batchDelete } from './batch';
import type { Store } from './client';
import type { StoredAttachment } from './comments';
import { fillKey } from './entities/kit';
import {
  visitCountModel,
  visitEntitiesOf,
  visitModel,
  visitPositionModel,
  visitStanceModel,
} from './entities/visits';
import { queryAll, queryEntityRecords } from './query-all';
import { go, indexKey, kindIs, OWN, recordKey } from './schema';
import type { TransactOp } from './transaction';

/** A visit as stored: the public view's fields (photos as stored attachments) and who recorded it. */
export interface VisitRecord {
  id: string;
  itemId: string;
  visitorSub: string;
  visitorName: string;
  visitedOn: string;
  recordedAt: string;
  checks: { point: CheckPoint; result: VisitCheck['result']; note?: string; photos: StoredAttachment[] }[];
  verdict: VisitInput['verdict'];
  note?: string;
  milestone?: MilestoneStance;
  updateId?: string;
  foundProblems: boolean;
  presence: PresenceSignal[];
  onSite: boolean;
  /** Moderation (issue 20): the visit as a whole, hidden pending review or by a moderator. */
  visibility?: Visibility;
  hiddenReason?: string;
  /** Photos hidden on their own: upload id → reason. */
  hiddenPhotos?: Record<string, string>;
  /** Bumped by each moderation write, so two decisions on one visit cannot overwrite each other. */
  modVersion?: number;
}

/** A stored row as the visit it holds (its table keys and kind left out). */
export function fromVisitRow(r: Record<string, unknown>): VisitRecord {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = r;
  return rest as unknown as VisitRecord;
}

const visitKey = (itemId: string, id: string) => recordKey(visitModel, { itemId, id });
const countKey = (itemId: string) => recordKey(visitCountModel, { itemId });
const listedCountKey = (itemId: string) => indexKey(visitCountModel.indexes.listed, { itemId });

/**
 * Visits that found problems, by item id, for every item with such a visit (the flag job's
 * `R-SITE-CONTESTED`): one listing of the counts, `withProblems` counting visits that found a
 * problem or said the site does not match the reported progress.
 */
export async function listVisitCountsWithProblems(
  store: Pick<Store, 'doc' | 'table'>,
  max: number,
): Promise<Map<string, number>> {
  const listed = visitCountModel.indexes.listed;
  const rows = await queryAll(
    store,
    {
      IndexName: listed.index,
      KeyConditionExpression: `${listed.pk.field} = :k`,
      ExpressionAttributeValues: { ':k': fillKey(listed.pk, {}) },
      ProjectionExpression: 'gsi7sk, withProblems',
    },
    { max },
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.withProblems ?? 0);
    if (n > 0) out.set(String(r.gsi7sk), n);
  }
  return out;
}
const positionKey = (visitId: string) => recordKey(visitPositionModel, { visitId });

/** Reads one record whole (`data: 'raw'`), strongly consistent. */
async function rawItem(call: Promise<unknown>): Promise<Record<string, unknown> | undefined> {
  const res = (await go(call)) as { data: { Item?: Record<string, unknown> } };
  return res.data.Item;
}

export async function getVisitRecord(store: Store, itemId: string, id: string): Promise<VisitRecord | null> {
  const item = await rawItem(
    visitEntitiesOf(store)
      .visit.get({ itemId, id })
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  return item ? fromVisitRow(item) : null;
}

/** The item's visits, newest first (ids are ULIDs). */
export async function listVisitRecords(store: Store, itemId: string): Promise<VisitRecord[]> {
  const rows = await queryEntityRecords(
    visitEntitiesOf(store).visit.query.record({ itemId }).where(kindIs('visit')),
    { options: { order: 'desc' } },
  );
  return rows.map(fromVisitRow);
}

/** The ids of a visitor's visits (their own index, ids only; no Scan). */
export async function visitIdsOfVisitor(store: Store, sub: string): Promise<string[]> {
  const rows = await queryEntityRecords(
    visitEntitiesOf(store).visit.query.ofVisitor({ visitorSub: sub }).where(kindIs('visit')),
    { max: 20_000, options: { attributes: ['id'] } },
  );
  return rows.map((r) => String(r.id));
}

/** The put of a new visit, on the visitor's own index too; refused if its key exists. */
export function visitPutOp(store: Store, record: VisitRecord): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...visitKey(record.itemId, record.id),
        entity: 'visit',
        ...record,
        // The visitor's own index: their data export and erasure read it (no Scan).
        ...indexKey(visitModel.indexes.ofVisitor, { visitorSub: record.visitorSub, id: record.id }),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Writes the moderation fields of `after` on the version read (`before`): a decision in between makes this one stale. */
export function visitModerationOp(store: Store, before: VisitRecord, after: VisitRecord): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: visitKey(before.itemId, before.id),
      UpdateExpression:
        'SET visibility = :v, hiddenPhotos = :p, modVersion = :next' +
        (after.hiddenReason ? ', hiddenReason = :r' : ' REMOVE hiddenReason'),
      ConditionExpression:
        before.modVersion === undefined
          ? 'attribute_exists(pk) AND attribute_not_exists(modVersion)'
          : 'modVersion = :cur',
      ExpressionAttributeValues: {
        ':v': after.visibility,
        ':p': after.hiddenPhotos,
        ':next': after.modVersion,
        ...(after.hiddenReason ? { ':r': after.hiddenReason } : {}),
        ...(before.modVersion === undefined ? {} : { ':cur': before.modVersion }),
      },
    },
  };
}

/** The visitor's name replaced (erasure's pseudonym); refused if the visit is gone. */
export function visitorNameOp(store: Store, itemId: string, id: string, name: string): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: visitKey(itemId, id),
      UpdateExpression: 'SET visitorName = :p',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':p': name },
    },
  };
}

/** The item's visit counts as stored (strongly consistent), or an empty record when none. */
export async function getVisitCounts(store: Store, itemId: string): Promise<Record<string, unknown>> {
  const item = await rawItem(
    visitEntitiesOf(store)
      .visitCount.get({ itemId })
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  return item ?? {};
}

/**
 * The counts' one update for a new visit: `visits`, `withProblems` and `onSite` by the visit's
 * shares, and named counters (`confirmed#<milestoneId>`, …) by their deltas; made on first use.
 */
export function visitCountOp(
  store: Store,
  itemId: string,
  shares: { foundProblems: boolean; onSite: boolean },
  counters: Record<string, number>,
): TransactOp {
  const names: Record<string, string> = {};
  const listed = listedCountKey(itemId);
  const values: Record<string, number | string> = {
    ':one': 1,
    ':p': shares.foundProblems ? 1 : 0,
    ':s': shares.onSite ? 1 : 0,
    ':e': 'visit-count',
    ':lp': listed.gsi7pk!,
    ':ls': listed.gsi7sk!,
  };
  const adds = ['visits :one', 'withProblems :p', 'onSite :s'];
  Object.entries(counters).forEach(([attr, delta], i) => {
    names[`#m${i}`] = attr;
    values[`:m${i}`] = delta;
    adds.push(`#m${i} :m${i}`);
  });
  return {
    Update: {
      TableName: store.table,
      Key: countKey(itemId),
      UpdateExpression: `ADD ${adds.join(', ')} SET entity = :e, gsi7pk = :lp, gsi7sk = :ls`,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
  };
}

/** A visit's shares of the counts taken back (`delta` -1) or given back (+1); refused if the counts are gone. */
export function shownVisitCountOp(
  store: Store,
  itemId: string,
  shares: { foundProblems: boolean; onSite: boolean },
  delta: number,
): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: countKey(itemId),
      // The listing's keys too: a record older than the listing joins it on its next change.
      UpdateExpression: 'ADD visits :one, withProblems :p, onSite :s SET gsi7pk = :lp, gsi7sk = :ls',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':one': delta,
        ':p': shares.foundProblems ? delta : 0,
        ':s': shares.onSite ? delta : 0,
        ':lp': listedCountKey(itemId).gsi7pk!,
        ':ls': listedCountKey(itemId).gsi7sk!,
      },
    },
  };
}

type Stance = MilestoneStance['stance'];
interface StanceKey {
  itemId: string;
  milestoneId: string;
  sub: string;
}

/** A person's latest stance on the milestone (strongly consistent), or undefined. */
export async function getVisitStance(store: Store, k: StanceKey): Promise<Stance | undefined> {
  const item = await rawItem(
    visitEntitiesOf(store)
      .visitStance.get(k)
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  return item?.stance as Stance | undefined;
}

/** The person's new stance, on the one read (`before`; none: only if still none). */
export function visitStancePutOp(
  store: Store,
  k: StanceKey,
  stance: Stance,
  before: Stance | undefined,
): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: { ...recordKey(visitStanceModel, k), entity: 'visit-stance', stance },
      ...(before
        ? { ConditionExpression: 'stance = :b', ExpressionAttributeValues: { ':b': before } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

/** The put of a visit's private positions (`expiresAt` in epoch seconds: DynamoDB's TTL removes it). */
export function visitPositionPutOp(
  store: Store,
  visitId: string,
  fields: { itemId: string; expiresAt: number } & Record<string, unknown>,
): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: { ...positionKey(visitId), entity: 'visit-position', ...fields },
    },
  };
}

/** Deletes the private positions of these visits (those already gone or expired are no error). */
export async function deleteVisitPositions(store: Store, visitIds: readonly string[]): Promise<void> {
  await batchDelete(store, visitIds.map(positionKey));
}
