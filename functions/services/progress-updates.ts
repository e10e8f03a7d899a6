/**
 * Officials' progress updates (issue 19, deliver 4): an official of the item's body reports a
 * milestone met (with its date and evidence), the amount spent so far, a status change or a new
 * expected end date with the reason. One transaction writes the update, changes the item, claims
 * the evidence uploads and appends one audit entry covering both the update and the item.
 *
 * The amount spent moves through a payment: the difference to what the item showed is added to
 * `transactions` (id `progress-<updateId>`), so the item's money history shows it as one more step
 * and `amounts.spent` stays the exact sum it was plus that step.
 *
 *   update   pk ITEM#<itemId>   sk PROGRESS#<updateId>   public fields + authorSub (never shown)
 *                                                       + groundConfirmed / groundContested (site visits)
 */
import { ulid } from 'ulid';
import { type FileRef, fileRefId } from '../../shared/comments';
import { almatyDate } from '../../shared/dates';
import type { Item } from '../../shared/item';
import { fromTiyn, toTiyn } from '../../shared/money';
import type { ProblemCode } from '../../shared/problem-codes';
import type { ProgressUpdateInput, ProgressUpdateView } from '../../shared/progress-updates';
import type { Principal } from '../../shared/users';
import { appendAuditEntry, StaleWriteError, type TransactOp } from '../audit/chain';
import { itemAuditRecord, progressAuditRecord } from '../audit/records';
import {
  attachFiles,
  claimableUploads,
  claimUploadOp,
  FileLinkError,
  UploadUnusableError,
} from '../blobs/uploads';
import type { Store } from '../data/client';
import { toAttachmentView } from '../data/comments';
import { IdempotencyFencedError } from '../data/idempotency';
import { fromItemRecord, getItemRecordConsistent, itemProgressOp } from '../data/items';
import { ITEMS_LEASE_MS, noLiveItemsLeaseOp } from '../data/items-lease';
import {
  getProgressUpdateRecord,
  groundOnUpdateOp,
  listProgressUpdateRecords,
  type ProgressUpdateRecord,
  progressUpdatePutOp,
} from '../data/progress-updates';
import { itemChangeEventOps } from './notifications';

export { groundOnUpdateOp, type ProgressUpdateRecord };

/** A refusal the route turns into a 400 on `field`. */
export class ProgressRuleError extends Error {
  constructor(
    readonly field: string,
    readonly code: ProblemCode,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

/** The official's evidence files (a detached signature beside its document), checked and linked. */
async function claimableEvidence(store: Store, official: Principal, refs: readonly FileRef[]) {
  try {
    const uploads = await claimableUploads(store, official.sub, refs.map(fileRefId));
    return { uploads, files: attachFiles(uploads, refs) };
  } catch (err) {
    if (err instanceof UploadUnusableError)
      throw new ProgressRuleError('milestone.evidence', 'attachment.unusable', err.message, {
        index: err.index,
      });
    if (err instanceof FileLinkError)
      throw new ProgressRuleError(`milestone.evidence.${err.index}`, err.code, err.message, {
        index: err.index + 1,
      });
    throw err;
  }
}

/** Checks the input against the item and returns the item as it will be after the update. */
function applyUpdate(
  item: Item,
  input: ProgressUpdateInput,
  id: string,
  today: string,
): {
  after: Item;
  change: Omit<ProgressUpdateRecord, 'id' | 'itemId' | 'bodyId' | 'authorSub' | 'authorName' | 'postedAt'>;
} {
  const after: Item = structuredClone(item);
  const change: ReturnType<typeof applyUpdate>['change'] = {};
  const future = (field: string, date: string) => {
    if (date > today)
      throw new ProgressRuleError(field, 'progress.future_date', `${date} is after today (${today}).`, {
        today,
      });
  };
  if (input.milestone) {
    const { milestoneId, metOn } = input.milestone;
    future('milestone.metOn', metOn);
    const m = after.milestones.find((x) => x.id === milestoneId);
    if (!m)
      throw new ProgressRuleError(
        'milestone.milestoneId',
        'progress.milestone_unknown',
        `The item has no milestone ${milestoneId}.`,
        { milestoneId },
      );
    if (m.status === 'met')
      throw new ProgressRuleError(
        'milestone.milestoneId',
        'progress.milestone_already_met',
        `Milestone ${milestoneId} is already met (${m.met ?? ''}).`,
        { milestoneId, met: m.met ?? '' },
      );
    m.status = 'met';
    m.met = metOn;
  }
  if (input.spent) {
    future('spent.asOf', input.spent.asOf);
    const before = toTiyn(item.amounts.spent);
    const total = toTiyn(input.spent.total);
    if (total <= before)
      throw new ProgressRuleError(
        'spent.total',
        'progress.spent_not_increased',
        `The item already shows ${item.amounts.spent} spent; a correction downwards goes through the data import.`,
        { spent: item.amounts.spent },
      );
    const transactionId = `progress-${id}`;
    after.amounts = { ...after.amounts, spent: fromTiyn(total) };
    after.transactions = [
      ...(after.transactions ?? []),
      {
        id: transactionId,
        date: input.spent.asOf,
        amount: fromTiyn(total - before),
        source: `progress-update/${id}`,
      },
    ];
    change.spent = {
      before: item.amounts.spent,
      after: fromTiyn(total),
      asOf: input.spent.asOf,
      transactionId,
    };
  }
  if (input.status) {
    if (input.status === item.status)
      throw new ProgressRuleError(
        'status',
        'progress.status_unchanged',
        `The item is already ${item.status}.`,
        {
          status: item.status,
        },
      );
    after.status = input.status;
    change.status = { before: item.status, after: input.status };
  }
  if (input.expectedEnd) {
    const { date, reason } = input.expectedEnd;
    if (date < item.period.start)
      throw new ProgressRuleError(
        'expectedEnd.date',
        'progress.end_before_start',
        `The works cannot end before they start (${item.period.start}).`,
        { start: item.period.start },
      );
    if (date === item.period.end)
      throw new ProgressRuleError(
        'expectedEnd.date',
        'progress.end_unchanged',
        `The item already ends on ${date}.`,
        { end: date },
      );
    after.period = { ...after.period, end: date };
    change.expectedEnd = { before: item.period.end, after: date, reason };
  }
  return { after, change };
}

/**
 * Posts an update. The caller has checked that `official` acts for the item's body. `extraOps` (the
 * Idempotency-Key's completion) commit in the same transaction, given the view the caller is answered with.
 */
export async function postProgressUpdate(
  store: Store,
  itemId: string,
  official: Principal,
  input: ProgressUpdateInput,
  clock: { now: Date },
  extraOps: (u: ProgressUpdateRecord) => TransactOp[] = () => [],
): Promise<ProgressUpdateRecord> {
  const raw = await getItemRecordConsistent(store, itemId);
  if (!raw) throw new ProgressUpdateItemMissing(itemId);
  const item = fromItemRecord(raw);
  const id = ulid(clock.now.getTime());
  const at = clock.now.toISOString();
  const { after, change } = applyUpdate(item, input, id, almatyDate(clock.now));
  const { uploads, files } = await claimableEvidence(store, official, input.milestone?.evidence ?? []);
  const record: ProgressUpdateRecord = {
    id,
    itemId,
    bodyId: item.body.id,
    authorSub: official.sub,
    authorName: official.name,
    postedAt: at,
    ...(input.milestone
      ? {
          milestone: {
            milestoneId: input.milestone.milestoneId,
            metOn: input.milestone.metOn,
            evidence: files,
          },
        }
      : {}),
    ...change,
    ...(input.note ? { note: input.note } : {}),
  };

  // The item changes in place (its flag-job attributes stay): only what the update moves is set,
  // guarded by what was read, so a concurrent import or update makes this one fail rather than undo it.
  const version = typeof raw.version === 'number' ? raw.version : 0;
  const itemOp = itemProgressOp(store, after, { version, spentTiyn: raw.spentTiyn, status: item.status });
  const ops: TransactOp[] = [progressUpdatePutOp(store, record), itemOp];
  for (const uploadId of uploads.keys())
    ops.push(claimUploadOp(store, uploadId, official.sub, itemId, { updateId: id }));
  // The item's followers hear a status change or a payment, from the same transaction.
  ops.push(...itemChangeEventOps(store, item, id, change, official.sub, clock.now));
  // While an import holds the items lease it replaces items without conditions: this update waits
  // for it (the lease runs on the wall clock, as the import's does, not the request's `clock`).
  const leaseCheck = ops.length;
  ops.push(noLiveItemsLeaseOp(store, Date.now()));
  const firstExtra = ops.length;
  ops.push(...extraOps(record));
  try {
    await appendAuditEntry(
      store,
      {
        actorSub: official.sub,
        action: 'progress.post',
        at,
        record: progressAuditRecord(record),
        also: [itemAuditRecord(after)],
      },
      ops,
    );
  } catch (err) {
    if (err instanceof StaleWriteError) {
      if (err.index >= firstExtra) throw new IdempotencyFencedError();
      // Refused by the lease too (the import may have moved the item since it was read): the
      // answer is to wait for the import, not to read the item again now.
      if (err.indexes.includes(leaseCheck)) throw new ItemImportRunningError();
      throw new ProgressRuleError(
        'milestone',
        'state.conflict',
        'The item or a file changed at the same moment; read the item again and send the update again.',
      );
    }
    throw err;
  }
  return record;
}

/**
 * The item an import leaves when its source sends the item again: the source's values, with each of
 * the officials' updates applied on top again, oldest first, where the source has not moved past it.
 * A sync replaces what came from the source and only that; the updates themselves are their own
 * records (`PROGRESS#`), which no import touches, so they survive any number of syncs.
 *
 * - A milestone the source lists and has not met: met on the official's day.
 * - The amount spent: spending only grows, so the official's total stands while the source shows
 *   less, the difference being the update's own payment (same id, so the money history keeps it);
 *   once the source shows as much or more, the source's figure stands and the payment is dropped
 *   (it is then counted in the source's figure; the update stays listed on the item).
 * - A status or an end date: the official's value applies while the source still says what the
 *   official changed (`before`); a source that has moved on since is newer news and stands.
 */
export function reapplyProgressUpdates(source: Item, updates: readonly ProgressUpdateRecord[]): Item {
  const item: Item = structuredClone(source);
  for (const u of [...updates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (u.milestone) {
      const m = item.milestones.find((x) => x.id === u.milestone!.milestoneId);
      if (m && m.status !== 'met') {
        m.status = 'met';
        m.met = u.milestone.metOn;
      }
    }
    if (u.spent) {
      const shown = toTiyn(item.amounts.spent);
      const reported = toTiyn(u.spent.after);
      const others = (item.transactions ?? []).filter((t) => t.id !== u.spent!.transactionId);
      if (reported > shown) {
        item.amounts = { ...item.amounts, spent: fromTiyn(reported) };
        item.transactions = [
          ...others,
          {
            id: u.spent.transactionId,
            date: u.spent.asOf,
            amount: fromTiyn(reported - shown),
            source: `progress-update/${u.id}`,
          },
        ];
      }
    }
    if (u.status && item.status === u.status.before) item.status = u.status.after as Item['status'];
    if (u.expectedEnd && item.period.end === u.expectedEnd.before && u.expectedEnd.after >= item.period.start)
      item.period = { ...item.period, end: u.expectedEnd.after };
  }
  return item;
}

/**
 * Whether a stored item record carries officials' updates: their transaction is the one writer that
 * changes an item in place, and it always moves the record's `version`; an import keeps it.
 */
export function carriesProgressUpdates(record: Record<string, unknown>): boolean {
  return typeof record.version === 'number';
}

/**
 * An import is replacing items (it holds the items lease): the update is refused whole; sent again
 * after `retryAfterSeconds` it lands on the imported item.
 */
export class ItemImportRunningError extends Error {
  readonly retryAfterSeconds = Math.ceil(ITEMS_LEASE_MS / 2000);
  constructor() {
    super('The data is being updated by an import; send the update again in a minute.');
  }
}

export class ProgressUpdateItemMissing extends Error {
  constructor(readonly itemId: string) {
    super(`No item ${itemId}.`);
  }
}

/** One update of an item (a visit referring to it reads this). */
export async function getProgressUpdate(
  store: Store,
  itemId: string,
  id: string,
): Promise<ProgressUpdateRecord | null> {
  return getProgressUpdateRecord(store, itemId, id);
}

/** The item's updates, newest first (one Query on the item's partition). */
export async function listProgressUpdates(store: Store, itemId: string): Promise<ProgressUpdateRecord[]> {
  return listProgressUpdateRecords(store, itemId);
}

/** What anyone may see: the official's name and body, never their account id. */
export function toProgressUpdateView(u: ProgressUpdateRecord): ProgressUpdateView {
  return {
    id: u.id,
    itemId: u.itemId,
    bodyId: u.bodyId,
    authorName: u.authorName,
    postedAt: u.postedAt,
    ...(u.milestone
      ? {
          milestone: {
            milestoneId: u.milestone.milestoneId,
            metOn: u.milestone.metOn,
            evidence: u.milestone.evidence.map(toAttachmentView),
          },
        }
      : {}),
    ...(u.spent ? { spent: u.spent } : {}),
    ...(u.status ? { status: u.status } : {}),
    ...(u.expectedEnd ? { expectedEnd: u.expectedEnd } : {}),
    ...(u.note ? { note: u.note } : {}),
    ground: { confirmed: Number(u.groundConfirmed ?? 0), contested: Number(u.groundContested ?? 0) },
  };
}
