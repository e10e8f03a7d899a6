/**
 * Officials' explanations of risk flags (issue 18, item 5): an official of the item's body attaches a
 * public explanation to a flag the item carries. The flag stays (the flag job alone decides flags);
 * the explanation is shown beside it, goes on the audit chain in the same transaction as its record,
 * and is moderated like other public text (content kind `flag_explanation`, registered in ./content-kinds.ts).
 *
 *   explanation  pk ITEM#<itemId>  sk FLAGNOTE#<ulid>   public fields + authorSub (never shown)
 *
 * An item's explanations are one Query of its partition's FLAGNOTE# range (rate-limited creates keep
 * it short).
 *
 * The body may edit its explanation (new text, `editedAt`; the chain keeps the earlier version's
 * digest) or withdraw it (a tombstone stays, without the text, so the chain's last word on
 * `explanation/<itemId>/<id>` — withdrawn, when — still verifies against the table; lists leave it out). Either is for any official of the body the explanation speaks for:
 * the reply is the body's, not a person's, so it survives the author's leaving.
 */
import { ulid } from 'ulid';
import type { FlagCode } from '../../shared/flags';
import { itemFlags } from '../../shared/flags';
import type {
  FlagExplanationInput,
  FlagExplanationListEntry,
  FlagExplanationView,
} from '../../shared/flags-explanations';
import type { Principal } from '../../shared/users';
import { ConflictError } from '../api/problems';
import { type AuditRecord, appendAuditEntry, StaleWriteError, type TransactOp } from '../audit/chain';
import type { Store } from '../data/client';
import {
  type FlagExplanationRecord,
  flagExplanationEditOp,
  flagExplanationPutOp,
  flagExplanationVisibilityOp,
  flagExplanationWithdrawOp,
  getFlagExplanationRecord,
  listFlagExplanationRecords,
} from '../data/flag-explanations';
import { IdempotencyFencedError } from '../data/idempotency';
import { getItemWithFlags } from '../data/items';
import type { ContentKind } from './moderation';

export type { FlagExplanationRecord };

/**
 * The chain's copy (`explanation/<itemId>/<id>`: record kinds are lowercase letters): the public fields
 * and the visibility, never the official's account.
 */
export function flagExplanationAuditRecord(r: FlagExplanationRecord): AuditRecord {
  const who = { id: r.id, itemId: r.itemId, code: r.code, bodyId: r.bodyId, at: r.at };
  // A withdrawn explanation keeps no text: its record says only that, and when.
  const fields = r.withdrawnAt
    ? { ...who, withdrawnAt: r.withdrawnAt }
    : {
        ...who,
        text: r.text,
        lang: r.lang,
        ...(r.editedAt ? { editedAt: r.editedAt } : {}),
        visibility: r.visibility,
        ...(r.hiddenReason ? { hiddenReason: r.hiddenReason } : {}),
      };
  return { kind: 'explanation', key: `explanation/${r.itemId}/${r.id}`, fields };
}

export function toFlagExplanationView(r: FlagExplanationRecord): FlagExplanationView {
  return {
    id: r.id,
    itemId: r.itemId,
    code: r.code,
    bodyId: r.bodyId,
    text: r.text,
    lang: r.lang,
    at: r.at,
    ...(r.editedAt ? { editedAt: r.editedAt } : {}),
  };
}

/** The flags an item carries now: those the flag job wrote, and those of the item alone. */
async function currentFlags(
  store: Store,
  itemId: string,
): Promise<{ bodyId: string; flags: Set<string> } | null> {
  const found = await getItemWithFlags(store, itemId);
  if (!found) return null;
  const { item } = found;
  const live = itemFlags({
    ...(item.amendments ? { amendments: item.amendments } : {}),
    ...(item.tender ? { tender: item.tender } : {}),
    ...(item.contractor ? { contractorBin: item.contractor.bin } : {}),
  });
  return { bodyId: item.body.id, flags: new Set([...found.flags.map((f) => f.code), ...live]) };
}

/** The item's body, for authorization before anything is written (null: no such item). */
export async function flaggedItemBody(store: Store, itemId: string): Promise<string | null> {
  return (await currentFlags(store, itemId))?.bodyId ?? null;
}

/**
 * Records an explanation of `code` on the item. 409 `flag_explanation.flag_not_on_item` when the
 * item does not carry that flag now. `extraOps` are the idempotency key's completion.
 */
export async function explainFlag(
  store: Store,
  itemId: string,
  code: FlagCode,
  input: FlagExplanationInput,
  official: Principal,
  now: Date,
  extraOps: (r: FlagExplanationRecord) => TransactOp[] = () => [],
): Promise<FlagExplanationRecord | null> {
  const current = await currentFlags(store, itemId);
  if (!current) return null;
  if (!current.flags.has(code))
    throw new ConflictError(`The item does not carry the flag ${code}.`, {
      code: 'flag_explanation.flag_not_on_item',
      params: { flag: code },
    });
  const record: FlagExplanationRecord = {
    id: ulid(now.getTime()),
    itemId,
    code,
    bodyId: current.bodyId,
    text: input.text,
    lang: input.lang,
    at: now.toISOString(),
    authorSub: official.sub,
    visibility: 'visible',
  };
  const ops: TransactOp[] = [flagExplanationPutOp(store, record)];
  const firstExtra = ops.length;
  ops.push(...extraOps(record));
  try {
    await appendAuditEntry(
      store,
      {
        actorSub: official.sub,
        action: 'flag.explain',
        at: record.at,
        record: flagExplanationAuditRecord(record),
      },
      ops,
    );
  } catch (err) {
    if (err instanceof StaleWriteError && err.index >= firstExtra) throw new IdempotencyFencedError();
    throw err;
  }
  return record;
}

/** Every explanation on the item, oldest first (hidden ones included, callers filter; withdrawn ones not). */
export async function listFlagExplanations(store: Store, itemId: string): Promise<FlagExplanationRecord[]> {
  return (await listFlagExplanationRecords(store, itemId)).filter((r) => !r.withdrawnAt);
}

/** What readers see: the visible explanations. */
export async function publicFlagExplanations(store: Store, itemId: string): Promise<FlagExplanationView[]> {
  return (await listFlagExplanations(store, itemId))
    .filter((r) => r.visibility === 'visible')
    .map(toFlagExplanationView);
}

/**
 * What the item's body's officials and moderators see: every explanation, the moderated ones marked
 * with their state and reason, so the body sees that (and why) its reply is not public.
 */
export async function flagExplanationsWithModeration(
  store: Store,
  itemId: string,
): Promise<FlagExplanationListEntry[]> {
  return (await listFlagExplanations(store, itemId)).map((r) =>
    r.visibility === 'visible'
      ? toFlagExplanationView(r)
      : {
          ...toFlagExplanationView(r),
          visibility: r.visibility,
          ...(r.hiddenReason ? { hiddenReason: r.hiddenReason } : {}),
        },
  );
}

/**
 * Moderation: an explanation is public text like a comment; its id is `<itemId>_<explanationId>`.
 * Registered with the other kinds in ./content-kinds.ts.
 */
export const flagExplanationKind: ContentKind = {
  kind: 'flag_explanation',
  async load(store, id) {
    const [itemId, explId, ...rest] = id.split('_');
    if (!itemId || !explId || rest.length) return null;
    const r = (await listFlagExplanations(store, itemId)).find((e) => e.id === explId);
    if (!r) return null;
    return {
      kind: 'flag_explanation',
      id,
      itemId,
      ownerSub: r.authorSub,
      text: r.text,
      snapshot: r,
    };
  },
  showAs(store, content, change) {
    const r = content.snapshot as FlagExplanationRecord;
    return [flagExplanationVisibilityOp(store, r.itemId, r.id, change.visibility, change.reason)];
  },
  // The explanation's own chain record carries its visibility, so the chain and the stored record agree.
  auditRecord(content, change) {
    const r = content.snapshot as FlagExplanationRecord;
    const { hiddenReason: _old, ...rest } = r;
    return flagExplanationAuditRecord({
      ...rest,
      visibility: change.visibility,
      ...(change.visibility === 'visible' ? {} : { hiddenReason: change.reason ?? 'other' }),
    });
  },
};

/** One explanation of the item (hidden ones included), or null (none, or withdrawn). */
export async function getFlagExplanation(
  store: Store,
  itemId: string,
  id: string,
): Promise<FlagExplanationRecord | null> {
  const r = await getFlagExplanationRecord(store, itemId, id);
  return r && !r.withdrawnAt ? r : null;
}

/**
 * Replaces the explanation's text (and language); its moderation state stays as it is, so an edit
 * never un-hides what a moderator hid. The update is conditional on the version read (`at`/`editedAt`),
 * so two officials editing at once do not silently overwrite each other: the second gets
 * 409 `flag_explanation.changed`.
 */
export async function editFlagExplanation(
  store: Store,
  current: FlagExplanationRecord,
  input: FlagExplanationInput,
  official: Principal,
  now: Date,
): Promise<FlagExplanationRecord> {
  const edited: FlagExplanationRecord & { editedAt: string } = {
    ...current,
    text: input.text,
    lang: input.lang,
    editedAt: now.toISOString(),
  };
  const ops: TransactOp[] = [flagExplanationEditOp(store, edited, current.editedAt)];
  await appendChanged(
    store,
    official,
    'flag.explanation.edit',
    edited.editedAt,
    flagExplanationAuditRecord(edited),
    ops,
  );
  return edited;
}

/** Withdraws the explanation: gone from every list; the chain records that it was withdrawn, and when. */
export async function withdrawFlagExplanation(
  store: Store,
  current: FlagExplanationRecord,
  official: Principal,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const ops: TransactOp[] = [flagExplanationWithdrawOp(store, current.itemId, current.id, at)];
  const record = flagExplanationAuditRecord({ ...current, withdrawnAt: at });
  await appendChanged(store, official, 'flag.explanation.withdraw', at, record, ops);
}

/** A conditional write that lost to another change of the same explanation is a 409, not a 500. */
async function appendChanged(
  store: Store,
  official: Principal,
  action: string,
  at: string,
  record: AuditRecord,
  ops: TransactOp[],
): Promise<void> {
  try {
    await appendAuditEntry(store, { actorSub: official.sub, action, at, record }, ops);
  } catch (err) {
    if (err instanceof StaleWriteError && err.index === 0)
      throw new ConflictError('The explanation changed or was withdrawn meanwhile; reload it.', {
        code: 'flag_explanation.changed',
      });
    throw err;
  }
}
