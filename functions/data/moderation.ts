import { monotonicFactory } from 'ulid';
import type { AuditEntry, ModerationReason } from '../../shared/comments';
import type { HistoryEntry, Visibility } from '../../shared/moderation';
import type { Store } from './client';
import type { CommentRecord } from './comments';
import { fillKey } from './entities/kit';
import {
  blockModel,
  moderationEntitiesOf,
  moderationFlagModel,
  moderationHistoryModel,
  moderationStateModel,
} from './entities/moderation';
import { queryEntityRecords } from './query-all';
import { entitiesOf, go, indexKey, kindIn, kindIs, MODELS, OWN, recordKey } from './schema';
import type { TransactOp } from './transaction';

const nextId = monotonicFactory();

type Actor = { sub: string; name: string };

/** The put of one moderation-log entry (append-only: refused if the id exists); rides in the change's transaction. */
export function moderationAuditPut(
  store: Store,
  comment: CommentRecord,
  entry: Omit<AuditEntry, 'id' | 'commentId' | 'itemId'>,
  now: Date,
): TransactOp {
  const id = nextId(now.getTime());
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...recordKey(MODELS.moderationEntry, { commentId: comment.id, id }),
        entity: 'moderation-audit',
        id,
        commentId: comment.id,
        itemId: comment.itemId,
        ...entry,
        ...indexKey(MODELS.moderationEntry.indexes.all, { id }),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The audit log, newest first: the latest `limit` entries (one page, no cursor). */
export async function listAudit(store: Store, limit = 100): Promise<AuditEntry[]> {
  const rows = await queryEntityRecords(
    entitiesOf(store)
      .moderationEntry.query.all({})
      // The log holds the older entries and the comments' entries of the per-content history
      // (services/moderation.ts `historyPut`), which are written to this partition too.
      .where(kindIn('moderation-audit', 'moderation-history')),
    { limit, options: { order: 'desc' } },
  );
  return rows.map((i) => ({
    ...toDecision(i),
    commentId: i.commentId as string,
    itemId: i.itemId as string,
  }));
}

/**
 * The decision an entry of the log or of a content's history records, as the API shows it (the one
 * mapper of both; each adds the fields that name its subject). Takes only the declared fields: the
 * stored record also carries its keys and, on the log, the history's.
 */
function toDecision(i: Record<string, unknown>): Omit<HistoryEntry, 'kind' | 'contentId'> {
  return {
    id: i.id as string,
    at: i.at as string,
    action: i.action as HistoryEntry['action'],
    actor: i.actor as Actor,
    reason: i.reason as ModerationReason,
    ...(i.note ? { note: i.note as string } : {}),
  };
}

// ── Moderation of any content kind: state, flags, history, blocks (data/entities/moderation.ts) ──

/** A piece of content as moderation keys it. */
export interface ContentRef {
  kind: string;
  id: string;
  itemId?: string | undefined;
}

/** The moderation state beside a piece of content. */
export interface ModerationState {
  kind: string;
  contentId: string;
  itemId?: string;
  visibility: Visibility;
  reason?: ModerationReason;
  flagCount?: number;
  reviewedAt?: string;
  gsi5pk?: string;
  gsi5sk?: string;
}

const stateKey = (c: { kind: string; id: string }) =>
  recordKey(moderationStateModel, { contentKind: c.kind, contentId: c.id });
const queueKey = (status: 'flagged' | 'hidden') =>
  fillKey(moderationStateModel.indexes.queue.pk, { queue: status });
/** Where a piece of content sits in the queue: by when it got there, oldest first. */
const queueSort = (c: { kind: string; id: string }, at: string) =>
  fillKey(moderationStateModel.indexes.queue.sk, { queueSort: `${at}#${c.kind}#${c.id}` });

/** The state as stored now (strongly consistent), or null when nobody flagged or decided yet. */
export async function readModerationState(
  store: Store,
  kind: string,
  id: string,
): Promise<ModerationState | null> {
  const res = await go(
    moderationEntitiesOf(store)
      .moderationState.get({ contentKind: kind, contentId: id })
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  return ((res.data as { Item?: ModerationState }).Item as ModerationState | undefined) ?? null;
}

/**
 * A user's flag (refused at index 0 when they flagged it already) and the state's count; the first
 * flag puts the content in the queue.
 */
export function flagOps(
  store: Store,
  content: ContentRef,
  flag: { sub: string; reason: ModerationReason; note?: string | undefined; at: string },
): TransactOp[] {
  return [
    {
      Put: {
        TableName: store.table,
        Item: {
          ...recordKey(moderationFlagModel, {
            contentKind: content.kind,
            contentId: content.id,
            sub: flag.sub,
          }),
          entity: 'moderation-flag',
          reason: flag.reason,
          ...(flag.note ? { note: flag.note } : {}),
          at: flag.at,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: store.table,
        Key: stateKey(content),
        UpdateExpression:
          'ADD flagCount :one SET kind = :k, contentId = :id, visibility = if_not_exists(visibility, :visible), lastFlagReason = :r, gsi5pk = if_not_exists(gsi5pk, :q), gsi5sk = if_not_exists(gsi5sk, :qs)' +
          (content.itemId ? ', itemId = :item' : ''),
        ExpressionAttributeValues: {
          ':one': 1,
          ':k': content.kind,
          ':id': content.id,
          ':visible': 'visible',
          ':r': flag.reason,
          ':q': queueKey('flagged'),
          ':qs': queueSort(content, flag.at),
          ...(content.itemId ? { ':item': content.itemId } : {}),
        },
      },
    },
  ];
}

/** Hides flagged content pending review: only while visible, flagged `flags` times and not reviewed. */
export function thresholdHideOp(
  store: Store,
  content: ContentRef,
  reason: ModerationReason,
  flags: number,
): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: stateKey(content),
      UpdateExpression: 'SET visibility = :pending, reason = :r',
      ConditionExpression: 'visibility = :visible AND flagCount >= :n AND attribute_not_exists(reviewedAt)',
      ExpressionAttributeValues: { ':pending': 'pending', ':visible': 'visible', ':n': flags, ':r': reason },
    },
  };
}

/**
 * A moderator's decision on the state: a hide keeps the content queued under "hidden" (so it can be
 * restored), a restore takes it out of the queue.
 */
export function decisionStateOp(
  store: Store,
  content: ContentRef,
  decision: { action: 'hide' | 'restore'; reason: ModerationReason; at: string },
): TransactOp {
  const hide = decision.action === 'hide';
  const item = content.itemId ? ', itemId = :item' : '';
  return {
    Update: {
      TableName: store.table,
      Key: stateKey(content),
      UpdateExpression: hide
        ? `SET kind = :k, contentId = :id, visibility = :v, reason = :r, reviewedAt = :at, flagCount = if_not_exists(flagCount, :zero), gsi5pk = :q, gsi5sk = :qs${item}`
        : `SET kind = :k, contentId = :id, visibility = :v, reviewedAt = :at, flagCount = if_not_exists(flagCount, :zero)${item} REMOVE reason, gsi5pk, gsi5sk`,
      ExpressionAttributeValues: {
        ':k': content.kind,
        ':id': content.id,
        ':v': hide ? 'hidden' : 'visible',
        ':at': decision.at,
        ':zero': 0,
        ...(content.itemId ? { ':item': content.itemId } : {}),
        ...(hide
          ? { ':r': decision.reason, ':q': queueKey('hidden'), ':qs': queueSort(content, decision.at) }
          : {}),
      },
    },
  };
}

/**
 * An entry of the content's history (append-only: refused if the id exists). `legacyLog` also puts
 * it on the comments' older log (`KIND#MODLOG`, read by `listAudit`).
 */
export function historyPut(
  store: Store,
  content: ContentRef,
  entry: Omit<HistoryEntry, 'id' | 'kind' | 'contentId'>,
  legacyLog: boolean,
  now: Date,
): TransactOp {
  const id = nextId(now.getTime());
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...recordKey(moderationHistoryModel, { contentKind: content.kind, contentId: content.id, id }),
        entity: 'moderation-history',
        id,
        kind: content.kind,
        contentId: content.id,
        ...entry,
        ...(legacyLog
          ? {
              commentId: content.id,
              itemId: content.itemId,
              ...indexKey(MODELS.moderationEntry.indexes.all, { id }),
            }
          : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Queued content of one status, oldest first: the first `limit`. */
export async function listModerationQueue(
  store: Store,
  status: 'flagged' | 'hidden',
  limit: number,
): Promise<ModerationState[]> {
  const rows = await queryEntityRecords(
    moderationEntitiesOf(store).moderationState.query.queue({ queue: status }),
    {
      limit,
    },
  );
  return rows as unknown as ModerationState[];
}

/** A piece of content's history, newest first (the latest `limit` entries). */
export async function listContentHistory(
  store: Store,
  kind: string,
  id: string,
  limit = 200,
): Promise<HistoryEntry[]> {
  const rows = await queryEntityRecords(
    moderationEntitiesOf(store).moderationHistory.query.record({ contentKind: kind, contentId: id }),
    { limit, options: { order: 'desc' } },
  );
  return rows.map((i) => ({ ...toDecision(i), kind: i.kind as string, contentId: i.contentId as string }));
}

/** A block as stored (`userHash` is the user's pseudonym on the chain). */
export interface BlockRecord {
  userHash: string;
  active: boolean;
  reason: string;
  since: string;
  until?: string;
}

/** Puts a user's block (replacing an earlier one; a lifted block is put inactive). */
export function blockPut(store: Store, sub: string, record: BlockRecord, by: Actor): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...recordKey(blockModel, { sub }),
        entity: 'block',
        ...record,
        by,
        ...indexKey(blockModel.indexes.byPseudonym, { userHash: record.userHash }),
      },
    },
  };
}

export async function readBlock(store: Store, sub: string): Promise<BlockRecord | null> {
  const res = await go(
    moderationEntitiesOf(store)
      .block.get({ sub })
      .go({ ...OWN, data: 'raw' }),
  );
  return ((res.data as { Item?: BlockRecord }).Item as BlockRecord | undefined) ?? null;
}

/** A block by the user's pseudonym (the audit proof of a block entry). */
export async function findBlockByPseudonym(store: Store, userHash: string): Promise<BlockRecord | null> {
  const rows = await queryEntityRecords(
    moderationEntitiesOf(store).block.query.byPseudonym({ userHash }).where(kindIs('block')),
    { limit: 1 },
  );
  return (rows[0] as BlockRecord | undefined) ?? null;
}
