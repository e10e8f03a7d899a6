/**
 * Open311 API keys: persistence only (the workflow is functions/services/open311-keys.ts). One
 * partition holds every key, so listing them is one bounded Query and a client's call is one GetItem
 * by the id its key carries. Only the SHA-256 of the key is stored, never the key.
 *
 *   open311 key   pk OPEN311KEYS  sk KEY#<id>
 *                 id, name, prefix, keyHash, createdAt, createdBy, lastUsedAt, revokedAt
 *                 (the `open311Key` entity, data/entities/open311-keys.ts)
 */
import type { Store } from './client';
import { open311KeyEntitiesOf } from './entities/open311-keys';
import { queryEntityRecords } from './query-all';
import { go, OWN } from './schema';
import type { TransactOp } from './transaction';

export interface Open311KeyRecord {
  id: string;
  name: string;
  prefix: string;
  /** SHA-256 (hex) of the whole key. */
  keyHash: string;
  createdAt: string;
  /** The issuing admin's account id (internal: the audit chain carries only its keyed hash). */
  createdBy: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

const keys = (store: Store) => open311KeyEntitiesOf(store).open311Key;
/** Far more keys than a region will ever issue: the list stays one page. */
export const MAX_OPEN311_KEYS = 500;

function fromItem(item: Record<string, unknown>): Open311KeyRecord {
  const { pk: _pk, sk: _sk, entity: _e, __edb_e__: _ee, __edb_v__: _ev, ...rest } = item;
  return rest as unknown as Open311KeyRecord;
}

export async function getOpen311Key(store: Store, id: string): Promise<Open311KeyRecord | null> {
  const res = await go(
    keys(store)
      .get({ id })
      .go({ ...OWN, data: 'raw' }),
  );
  const item = (res.data as { Item?: Record<string, unknown> }).Item;
  return item ? fromItem(item) : null;
}

/** Every key, revoked ones included (bounded: MAX_OPEN311_KEYS). */
export async function listOpen311Keys(store: Store): Promise<Open311KeyRecord[]> {
  const rows = await queryEntityRecords(keys(store).query.record({}), { limit: MAX_OPEN311_KEYS });
  return rows.map(fromItem);
}

/** A new key; refused (condition) if the id is taken. */
export function putOpen311KeyOp(store: Store, record: Open311KeyRecord): TransactOp {
  return { Put: keys(store).create(record).params() as NonNullable<TransactOp['Put']> };
}

/** Marks the key revoked; refused (condition) when it does not exist or is revoked already. */
export function revokeOpen311KeyOp(store: Store, id: string, at: string): TransactOp {
  return {
    Update: keys(store)
      .patch({ id })
      .set({ revokedAt: at })
      .where((a, o) => o.notExists(a.revokedAt))
      .params() as NonNullable<TransactOp['Update']>,
  };
}

/**
 * Records a use, at most once per `everyMs`: a busy client costs one write per interval, not per call.
 * A use of a key revoked meanwhile is not recorded.
 */
export async function touchOpen311Key(store: Store, id: string, now: Date, everyMs: number): Promise<void> {
  const before = new Date(now.getTime() - everyMs).toISOString();
  try {
    await go(
      keys(store)
        .patch({ id })
        .set({ lastUsedAt: now.toISOString() })
        .where(
          (a, o) =>
            `${o.notExists(a.revokedAt)} AND (${o.notExists(a.lastUsedAt)} OR ${o.lt(a.lastUsedAt, before)})`,
        )
        .go({ response: 'none' }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}
