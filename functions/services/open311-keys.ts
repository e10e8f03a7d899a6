/**
 * Open311 API keys (issue 22, item 6): admins issue a key per named client and revoke it; Open311
 * clients present it to raise questions. The key is shown once, in the answer to its creation, and
 * only its SHA-256 is stored: the secret half is 256 random bits, so the hash cannot be reversed by
 * guessing and needs no pepper (a pepper guards low-entropy secrets such as passwords). A call finds
 * the record by the id the key carries (one GetItem) and compares hashes in constant time.
 *
 * On the audit chain: that a key exists for a named client and whether it is revoked; never the key
 * nor its hash.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  OPEN311_KEY_PATTERN,
  OPEN311_KEY_PREFIX,
  type Open311KeyCreated,
  type Open311KeyView,
} from '../../shared/open311-keys';
import type { Principal } from '../../shared/users';
import { NotFoundError } from '../api/problems';
import { type AuditRecord, appendAuditEntry, StaleWriteError, type TransactOp } from '../audit/chain';
import type { Store } from '../data/client';
import {
  getOpen311Key,
  listOpen311Keys,
  type Open311KeyRecord,
  putOpen311KeyOp,
  revokeOpen311KeyOp,
  touchOpen311Key,
} from '../data/open311-keys';

/** How often a key's "last used" is written at most (a busy client would otherwise write per call). */
const LAST_USED_EVERY_MS = 5 * 60_000;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function newId(): string {
  // 12 characters from 36: the id only has to be unique (the put is conditional), not secret.
  return Array.from(randomBytes(12), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

export function open311KeyView(r: Open311KeyRecord): Open311KeyView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt,
    ...(r.lastUsedAt ? { lastUsedAt: r.lastUsedAt } : {}),
    ...(r.revokedAt ? { revokedAt: r.revokedAt } : {}),
  };
}

function auditRecord(
  r: Pick<Open311KeyRecord, 'id' | 'name' | 'prefix' | 'createdAt' | 'revokedAt'>,
): AuditRecord {
  return {
    kind: 'open311-key',
    key: `open311-key/${r.id}`,
    fields: {
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      createdAt: r.createdAt,
      revokedAt: r.revokedAt ?? null,
    },
  };
}

/**
 * Issues a key for `name`. `extraOps` commit in the same transaction (the idempotency record of the
 * create, which must not hold the key: it gets the view without it).
 */
export async function issueOpen311Key(
  store: Store,
  actor: Principal,
  name: string,
  now: Date,
  extraOps: (view: Open311KeyView) => TransactOp[] = () => [],
): Promise<Open311KeyCreated> {
  const id = newId();
  const key = `${OPEN311_KEY_PREFIX}${id}_${randomBytes(32).toString('hex')}`;
  const record: Open311KeyRecord = {
    id,
    name,
    prefix: `${OPEN311_KEY_PREFIX}${id}`,
    keyHash: sha256(key),
    createdAt: now.toISOString(),
    createdBy: actor.sub,
  };
  const view = open311KeyView(record);
  await appendAuditEntry(
    store,
    { actorSub: actor.sub, action: 'open311-key.issue', at: record.createdAt, record: auditRecord(record) },
    [putOpen311KeyOp(store, record), ...extraOps(view)],
  );
  return { ...view, key };
}

/** Revokes the key; NotFoundError when there is no such key, or it is revoked already. */
export async function revokeOpen311Key(
  store: Store,
  actor: Principal,
  id: string,
  now: Date,
): Promise<Open311KeyView> {
  const before = await getOpen311Key(store, id);
  if (!before || before.revokedAt) throw new NotFoundError('No such active key.');
  const after = { ...before, revokedAt: now.toISOString() };
  try {
    await appendAuditEntry(
      store,
      { actorSub: actor.sub, action: 'open311-key.revoke', at: after.revokedAt, record: auditRecord(after) },
      [revokeOpen311KeyOp(store, id, after.revokedAt)],
    );
  } catch (err) {
    // Revoked by another admin in the meantime.
    if (err instanceof StaleWriteError) throw new NotFoundError('No such active key.');
    throw err;
  }
  return open311KeyView(after);
}

/** The keys, newest first. */
export async function open311Keys(store: Store): Promise<Open311KeyView[]> {
  const keys = await listOpen311Keys(store);
  return keys.map(open311KeyView).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The id of the active key `raw`, or null for anything else (malformed, unknown, wrong secret,
 * revoked). Records the use.
 */
export async function authenticateOpen311Key(
  store: Store,
  raw: string | undefined,
  now: Date,
): Promise<string | null> {
  const m = raw ? OPEN311_KEY_PATTERN.exec(raw) : null;
  if (!m || !raw) return null;
  const record = await getOpen311Key(store, m[1]!);
  if (!record || record.revokedAt) return null;
  const given = Buffer.from(sha256(raw), 'hex');
  const stored = Buffer.from(record.keyHash, 'hex');
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
  await touchOpen311Key(store, record.id, now, LAST_USED_EVERY_MS);
  return record.id;
}
