/**
 * Officials' explanations of risk flags (persistence only; the workflow, its rules and the audit
 * entry are services/flags-explanations.ts): the `flag-explanation` entity
 * (data/entities/flag-explanations.ts), `pk ITEM#<itemId>`, `sk FLAGNOTE#<id>`, the record kept as the
 * service made it. Every write is an operation of the service's audit transaction, with the
 * condition that keeps two officials (or an official and a moderator) from overwriting each other.
 */
import type { FlagExplanationView } from '../../shared/flags-explanations';
import type { Visibility } from '../../shared/moderation';
import type { Store } from './client';
import { flagExplanationEntitiesOf, flagExplanationModel } from './entities/flag-explanations';
import { queryEntityRecords } from './query-all';
import { go, kindIs, OWN, recordKey } from './schema';
import type { TransactOp } from './transaction';

export interface FlagExplanationRecord extends FlagExplanationView {
  authorSub: string;
  /** Set when the body withdrew it; the text is gone then. */
  withdrawnAt?: string;
  visibility: Visibility;
  hiddenReason?: string;
}

const keyOf = (itemId: string, id: string) => recordKey(flagExplanationModel, { itemId, id });

/** One explanation as stored (withdrawn ones included), or null. */
export async function getFlagExplanationRecord(
  store: Store,
  itemId: string,
  id: string,
): Promise<FlagExplanationRecord | null> {
  const res = await go(
    flagExplanationEntitiesOf(store)
      .flagExplanation.get({ itemId, id })
      .go({ ...OWN, data: 'raw' }),
  );
  const item = (res.data as { Item?: Record<string, unknown> }).Item;
  return (item as FlagExplanationRecord | undefined) ?? null;
}

/** Every explanation on the item as stored, oldest first (ids are ULIDs; withdrawn ones included). */
export async function listFlagExplanationRecords(
  store: Store,
  itemId: string,
): Promise<FlagExplanationRecord[]> {
  const rows = await queryEntityRecords(
    flagExplanationEntitiesOf(store)
      .flagExplanation.query.record({ itemId })
      .where(kindIs('flag-explanation')),
  );
  return rows as unknown as FlagExplanationRecord[];
}

/** The put of a new explanation; refused if its key exists. */
export function flagExplanationPutOp(store: Store, record: FlagExplanationRecord): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: { ...keyOf(record.itemId, record.id), entity: 'flag-explanation', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * New text and language on the version that was read (`seenEditedAt`, none when never edited);
 * refused if it was edited or withdrawn meanwhile. The moderation state is not touched.
 */
export function flagExplanationEditOp(
  store: Store,
  edited: FlagExplanationRecord & { editedAt: string },
  seenEditedAt: string | undefined,
): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: keyOf(edited.itemId, edited.id),
      UpdateExpression: 'SET #text = :text, lang = :lang, editedAt = :editedAt',
      ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(withdrawnAt) AND ${
        seenEditedAt ? 'editedAt = :seen' : 'attribute_not_exists(editedAt)'
      }`,
      ExpressionAttributeNames: { '#text': 'text' },
      ExpressionAttributeValues: {
        ':text': edited.text,
        ':lang': edited.lang,
        ':editedAt': edited.editedAt,
        ...(seenEditedAt ? { ':seen': seenEditedAt } : {}),
      },
    },
  };
}

/** The withdrawal: the text removed, the time kept; refused if already withdrawn or gone. */
export function flagExplanationWithdrawOp(store: Store, itemId: string, id: string, at: string): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: keyOf(itemId, id),
      UpdateExpression: 'SET withdrawnAt = :at REMOVE #text',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawnAt)',
      ExpressionAttributeNames: { '#text': 'text' },
      ExpressionAttributeValues: { ':at': at },
    },
  };
}

/** A moderator's decision: shown (the reason removed) or hidden with its reason; refused if gone. */
export function flagExplanationVisibilityOp(
  store: Store,
  itemId: string,
  id: string,
  visibility: Visibility,
  hiddenReason: string | undefined,
): TransactOp {
  const hide = visibility !== 'visible';
  return {
    Update: {
      TableName: store.table,
      Key: keyOf(itemId, id),
      UpdateExpression: hide
        ? 'SET visibility = :v, hiddenReason = :r'
        : 'SET visibility = :v REMOVE hiddenReason',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':v': visibility, ...(hide ? { ':r': hiddenReason ?? 'other' } : {}) },
    },
  };
}
