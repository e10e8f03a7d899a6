/**
 * Moderation of every kind of public content, in one workflow: flags (one per user, auto-hide at
 * FLAGS_TO_HIDE from different users), a moderator's hide or restore with a reason (one at a time
 * or in bulk), the per-content history, the queue (flagged content, and hidden content so a hide
 * can be undone), and blocks on a user's creates.
 *
 * Content kinds plug in through `registerContentKind`: a kind says how to find its content (the
 * text moderators read, the item it is shown on) and which writes make its own record show a
 * visibility to readers. The moderation state itself lives beside the content, not in it, so a
 * new kind needs no change here. Its records (state with the queue, flags, history, blocks) are
 * entities, persisted by data/moderation.ts.
 *
 * Every state change and its history entry are one transaction with their audit-chain entry.
 */
import { createHash } from 'node:crypto';
import { FLAGS_TO_HIDE, type ModerationReason } from '../../shared/comments';
import { almatyDate } from '../../shared/dates';
import type { BlockView, HistoryEntry, ModeratedEntry, Visibility } from '../../shared/moderation';
import {
  type AuditRecord,
  actorHash,
  appendAuditEntry,
  StaleWriteError,
  type TransactOp,
} from '../audit/chain';
import { blockAuditRecord, contentAuditRecord, moderationAuditRecord } from '../audit/records';
import type { Store } from '../data/client';
import type { CommentRecord } from '../data/comments';
import {
  type BlockRecord,
  blockPut,
  decisionStateOp,
  flagOps,
  historyPut,
  listAudit,
  listContentHistory,
  listModerationQueue,
  moderationAuditPut,
  readBlock,
  readModerationState,
  thresholdHideOp,
} from '../data/moderation';
import { putOutboxEvent } from '../data/notifications';
import { ConditionFailedError, transact } from '../data/transaction';
import { eventOp } from './notifications';

/** The moderation log, newest first (the route reads it through this service). */
export { listAudit };

/** The actor of actions the rules take by themselves (hiding after enough flags). */
export const SYSTEM_ACTOR = { sub: 'system', name: 'system' } as const;

/** A moderator's decision: hide or restore, with the reason; takes the comment out of the queue. */
export async function decide(
  store: Store,
  comment: CommentRecord,
  decision: { action: 'hide' | 'restore'; reason: ModerationReason; note: string },
  actor: { sub: string; name: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const visibility = decision.action === 'hide' ? 'hidden' : 'visible';
  const after = moderationAuditRecord({
    ...comment,
    visibility,
    hiddenReason: decision.action === 'hide' ? decision.reason : undefined,
  });
  await appendAuditEntry(
    store,
    { actorSub: actor.sub, action: `moderation.${decision.action}`, at, record: after },
    [
      {
        Update: {
          TableName: store.table,
          Key: { pk: comment.pk, sk: comment.sk },
          UpdateExpression:
            decision.action === 'hide'
              ? 'SET visibility = :v, hiddenReason = :r, reviewedAt = :at REMOVE gsi5pk, gsi5sk'
              : 'SET visibility = :v, reviewedAt = :at REMOVE hiddenReason, gsi5pk, gsi5sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':v': visibility,
            ':at': at,
            ...(decision.action === 'hide' ? { ':r': decision.reason } : {}),
          },
        },
      },
      moderationAuditPut(
        store,
        comment,
        { at, action: decision.action, actor, reason: decision.reason, note: decision.note },
        now,
      ),
    ],
  );
}

/** One piece of public content as moderation sees it. */
export interface ModeratedContent {
  kind: string;
  id: string;
  /** The item it is shown on (for the moderator's link). */
  itemId?: string;
  ownerSub?: string;
  /** What moderators read; null when nothing is left (deleted). */
  text: string | null;
  /** Whatever the kind needs again in `showAs` (the record's version, say). */
  snapshot?: unknown;
}

export interface VisibilityChange {
  visibility: Visibility;
  reason?: ModerationReason;
  /** A moderator decided (as opposed to the flag threshold). */
  reviewed: boolean;
  at: string;
}

/** A kind of public content that can be flagged, hidden and restored. */
export interface ContentKind {
  readonly kind: string;
  load(store: Store, id: string): Promise<ModeratedContent | null>;
  /** The writes that make the content's own record show the change to readers (same transaction). */
  showAs(store: Store, content: ModeratedContent, change: VisibilityChange): TransactOp[];
  /** The chain record of the change; default: `content/<kind>/<id>` from the moderation state. */
  auditRecord?(content: ModeratedContent, change: VisibilityChange): AuditRecord;
  /** Also write history on the older moderation log (comments, read by GET /moderation/audit). */
  legacyLog?: boolean;
}

const KINDS = new Map<string, ContentKind>();

/** Adds a kind of content to moderation (at module load; a second kind of the same name replaces it). */
export function registerContentKind(kind: ContentKind): void {
  KINDS.set(kind.kind, kind);
}

export function contentKinds(): string[] {
  return [...KINDS.keys()];
}

export class UnknownContentError extends Error {}
export class AlreadyFlaggedContentError extends Error {}
/** The content changed while the decision was being written (retry). */
export class ModerationStaleError extends Error {}

type Actor = { sub: string; name: string };

async function loadContent(store: Store, kind: string, id: string): Promise<[ContentKind, ModeratedContent]> {
  const k = KINDS.get(kind);
  const content = k ? await k.load(store, id) : null;
  if (!k || !content) throw new UnknownContentError(`No ${kind} ${id}.`);
  return [k, content];
}

function contentSubject(content: ModeratedContent) {
  return {
    kind: 'content' as const,
    id: `${content.kind}:${content.id}`,
    ...(content.itemId ? { itemId: content.itemId } : {}),
  };
}

function contentData(content: ModeratedContent): Record<string, string> {
  return {
    contentKind: content.kind,
    contentId: content.id,
    ...(content.itemId ? { itemId: content.itemId } : {}),
  };
}

function recordOf(k: ContentKind, content: ModeratedContent, change: VisibilityChange): AuditRecord {
  return (
    k.auditRecord?.(content, change) ??
    contentAuditRecord({ kind: content.kind, contentId: content.id, ...change })
  );
}

/**
 * One user's flag on a piece of content; hides it pending review once FLAGS_TO_HIDE different users
 * flagged it, unless a moderator has reviewed it (their restore stands). Returns whether it is now
 * hidden to readers.
 */
export async function flagContent(
  store: Store,
  ref: { kind: string; id: string },
  by: { sub: string },
  reason: ModerationReason,
  note: string | undefined,
  now: Date,
): Promise<{ hidden: boolean }> {
  const [k, content] = await loadContent(store, ref.kind, ref.id);
  const at = now.toISOString();
  try {
    await transact(store, flagOps(store, content, { sub: by.sub, reason, note, at }));
  } catch (err) {
    if (err instanceof ConditionFailedError && err.index === 0) throw new AlreadyFlaggedContentError();
    throw err;
  }
  const state = await readModerationState(store, content.kind, content.id);
  if (!state) return { hidden: false };
  // The first flag on a piece of content puts it in the queue: the moderators hear of it once
  //. Written after the flag, under an id fixed per content, so a retry or a race of two
  // first flags writes it once; later flags only count.
  if (state.flagCount === 1 && state.visibility === 'visible')
    await putOutboxEvent(store, {
      id: `flagged-${content.kind}-${createHash('sha256').update(content.id).digest('hex').slice(0, 24)}`,
      type: 'moderation.flagged',
      at,
      subject: contentSubject(content),
      actorSub: by.sub,
      data: { ...contentData(content), reasonCode: reason },
    });
  if (state.visibility === 'visible' && (state.flagCount ?? 0) >= FLAGS_TO_HIDE && !state.reviewedAt) {
    const change: VisibilityChange = { visibility: 'pending', reason, reviewed: false, at };
    try {
      await appendAuditEntry(
        store,
        {
          actorSub: null,
          action: 'moderation.flag_threshold_hide',
          at,
          record: recordOf(k, content, change),
        },
        [
          thresholdHideOp(store, content, reason, FLAGS_TO_HIDE),
          ...k.showAs(store, content, change),
          historyPut(
            store,
            content,
            {
              at,
              action: 'flag_threshold_hide',
              actor: SYSTEM_ACTOR,
              reason,
              note: `${FLAGS_TO_HIDE} flags from different users`,
            },
            k.legacyLog === true,
            now,
          ),
          // The moderators hear of it with the hide itself: hidden content waits for them.
          eventOp(store, {
            type: 'moderation.auto-hidden',
            at,
            subject: contentSubject(content),
            actorSub: null,
            data: { ...contentData(content), reasonCode: reason, flags: FLAGS_TO_HIDE },
          }),
        ],
      );
      return { hidden: true };
    } catch (err) {
      // Another flag hid it first, or a moderator decided meanwhile: the state read again says.
      if (!(err instanceof StaleWriteError)) throw err;
    }
  }
  const after = await readModerationState(store, content.kind, content.id);
  return { hidden: (after?.visibility ?? 'visible') !== 'visible' };
}

/**
 * A moderator's decision on one piece of content: hide (it then stays listed under "hidden" so it
 * can be restored) or restore (it leaves the queue; later flags count but no longer hide it).
 */
export async function decideContent(
  store: Store,
  ref: { kind: string; id: string },
  decision: { action: 'hide' | 'restore'; reason: ModerationReason; note: string },
  actor: Actor,
  now: Date,
): Promise<{ visibility: Visibility }> {
  const [k, content] = await loadContent(store, ref.kind, ref.id);
  const at = now.toISOString();
  const visibility: Visibility = decision.action === 'hide' ? 'hidden' : 'visible';
  const change: VisibilityChange = {
    visibility,
    ...(decision.action === 'hide' ? { reason: decision.reason } : {}),
    reviewed: true,
    at,
  };
  const stateOp = decisionStateOp(store, content, { action: decision.action, reason: decision.reason, at });
  try {
    await appendAuditEntry(
      store,
      {
        actorSub: actor.sub,
        action: `moderation.${decision.action}`,
        at,
        record: recordOf(k, content, change),
      },
      [
        stateOp,
        ...k.showAs(store, content, change),
        historyPut(
          store,
          content,
          { at, action: decision.action, actor, reason: decision.reason, note: decision.note },
          k.legacyLog === true,
          now,
        ),
      ],
    );
  } catch (err) {
    if (err instanceof StaleWriteError)
      throw new ModerationStaleError(`The ${content.kind} changed meanwhile.`);
    throw err;
  }
  return { visibility };
}

/** Several decisions of one kind at once; each is its own transaction (a missing item does not stop the rest). */
export async function decideMany(
  store: Store,
  refs: { kind: string; id: string }[],
  decision: { action: 'hide' | 'restore'; reason: ModerationReason; note: string },
  actor: Actor,
  now: Date,
): Promise<{ kind: string; id: string; outcome: 'done' | 'not_found'; visibility?: Visibility }[]> {
  const results = [];
  for (const ref of refs) {
    try {
      const { visibility } = await decideContent(store, ref, decision, actor, now);
      results.push({ ...ref, outcome: 'done' as const, visibility });
    } catch (err) {
      if (!(err instanceof UnknownContentError)) throw err;
      results.push({ ...ref, outcome: 'not_found' as const });
    }
  }
  return results;
}

/** Flagged content awaiting review, or content a moderator hid; oldest first, with its text. */
export async function listModeration(
  store: Store,
  status: 'flagged' | 'hidden',
  limit = 100,
): Promise<ModeratedEntry[]> {
  const states = await listModerationQueue(store, status, limit);
  const entries = await Promise.all(
    states.map(async (s): Promise<ModeratedEntry | null> => {
      const content = await KINDS.get(s.kind)?.load(store, s.contentId);
      if (!content) return null;
      return {
        kind: s.kind,
        id: s.contentId,
        ...(content.itemId ? { itemId: content.itemId } : {}),
        text: content.text,
        visibility: s.visibility,
        ...(s.reason ? { reason: s.reason } : {}),
        flagCount: s.flagCount ?? 0,
        since: String(s.gsi5sk ?? '').split('#')[0] ?? '',
      };
    }),
  );
  return entries.filter((e): e is ModeratedEntry => e !== null);
}

/** The state of one piece of content (for the item/thread controls), and its history newest first. */
export async function contentModeration(
  store: Store,
  ref: { kind: string; id: string },
): Promise<{
  visibility: Visibility;
  reason?: ModerationReason;
  flagCount: number;
  history: HistoryEntry[];
}> {
  await loadContent(store, ref.kind, ref.id);
  const [state, history] = await Promise.all([
    readModerationState(store, ref.kind, ref.id),
    listContentHistory(store, ref.kind, ref.id),
  ]);
  return {
    visibility: state?.visibility ?? 'visible',
    ...(state?.reason ? { reason: state.reason } : {}),
    flagCount: state?.flagCount ?? 0,
    history,
  };
}

// ── blocks ──

/** Blocks a user's creates for `days` (or until lifted); replaces an earlier block. On the chain. */
export async function blockUser(
  store: Store,
  sub: string,
  input: { reason: string; days?: number | undefined },
  actor: Actor,
  now: Date,
): Promise<BlockView> {
  const since = now.toISOString();
  const until =
    input.days === undefined ? undefined : new Date(now.getTime() + input.days * 86_400_000).toISOString();
  const record: BlockRecord = {
    userHash: actorHash(sub),
    active: true,
    reason: input.reason,
    since,
    ...(until ? { until } : {}),
  };
  await appendAuditEntry(
    store,
    { actorSub: actor.sub, action: 'moderation.block', at: since, record: blockAuditRecord(record) },
    [
      blockPut(store, sub, record, actor),
      // The user learns of it with the block itself, with the reason and the end date.
      eventOp(store, {
        type: 'moderation.blocked',
        at: since,
        subject: { kind: 'user', id: actorHash(sub) },
        actorSub: actor.sub,
        data: { sub, reason: input.reason, ...(until ? { until: almatyDate(new Date(until)) } : {}) },
      }),
    ],
  );
  return { blocked: true, reason: input.reason, since, ...(until ? { until } : {}) };
}

/** Lifts a user's block (the record stays, inactive, so the chain can check it). */
export async function unblockUser(
  store: Store,
  sub: string,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<BlockView> {
  const at = now.toISOString();
  const record: BlockRecord = { userHash: actorHash(sub), active: false, reason, since: at };
  await appendAuditEntry(
    store,
    { actorSub: actor.sub, action: 'moderation.unblock', at, record: blockAuditRecord(record) },
    [
      blockPut(store, sub, record, actor),
      eventOp(store, {
        type: 'moderation.unblocked',
        at,
        subject: { kind: 'user', id: actorHash(sub) },
        actorSub: actor.sub,
        data: { sub, reason },
      }),
    ],
  );
  return { blocked: false };
}

/** The user's block as it stands at `now` (an expired block is no block). */
export async function blockOf(store: Store, sub: string, now: Date): Promise<BlockView> {
  const b = await readBlock(store, sub);
  if (!b?.active || (b.until && b.until <= now.toISOString())) return { blocked: false };
  return { blocked: true, reason: b.reason, since: b.since, ...(b.until ? { until: b.until } : {}) };
}
