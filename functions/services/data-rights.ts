/**
 * A user's rights over their personal data (Law of RK No. 94-V, arts. 24–25 in spirit): take away
 * everything the hub holds about them, and erase their account.
 *
 * Everything personal lives under the user's own keys, so both workflows are bounded queries:
 *   own partition   pk USER#<sub>       profile, contacts, notification preferences, subscriptions,
 *                                       follows, Telegram link, administrative changes, block, consents
 *   own index       byUser gsi6pk USER#<sub>   comments, questions, site visits
 *
 * Erasing keeps public contributions (the audit chain and other people's replies depend on them)
 * but replaces the name on each by a pseudonym; every changed public record gets a new chain entry,
 * so the chain still verifies. A block stays (erasing an account must not lift a moderator's block).
 */
import { PROBLEM_TYPES } from '../../shared/problem';
import type { Principal } from '../../shared/users';
import { ProblemError } from '../api/problems';
import { actorHash, appendAuditEntry } from '../audit/chain';
import { visitAuditRecord } from '../audit/records';
import type { GroupDirectory } from '../auth/groups';
import { batchDelete } from '../data/batch';
import type { Store } from '../data/client';
import { setCommentAuthorName } from '../data/comments';
import { deleteRosterEntry } from '../data/inbox';
import { getQuestion } from '../data/questions';
import { getProfile, userAuthoredRecords, userPartitionRecords } from '../data/users';
import { visitorNameOp } from '../data/visits';
import { pseudonymizeAsker } from './questions';

/** Table keys and ElectroDB's identifiers (`__edb_e__`, `__edb_v__`): storage, not the person's data. */
const TABLE_ONLY = /^(pk|sk|entity|gsi\d+(pk|sk)|__edb_\w+__)$/;
/** Generous, but a bound: a full read of one user's rows refuses rather than running away. */
const MAX_ROWS = 20_000;
/** Records on the user's partition that erasing keeps: a moderator's block outlives the account. */
const KEPT_ON_ERASE = new Set(['BLOCK']);

export interface MyDataExport {
  exportedAt: string;
  /** The token's roles and bodies; the name is the stored one (null once erased). */
  account: { sub: string; name: string | null; roles: string[]; bodies: string[] };
  profile: Record<string, unknown> | null;
  contacts: Record<string, unknown>[];
  notificationPreferences: Record<string, unknown> | null;
  subscriptions: Record<string, unknown>[];
  follows: Record<string, unknown>[];
  telegram: Record<string, unknown> | null;
  administrativeChanges: Record<string, unknown>[];
  block: Record<string, unknown> | null;
  /** Consents with their version, time and history (services/consents.ts). */
  consents: Record<string, unknown>[];
  comments: Record<string, unknown>[];
  questions: Record<string, unknown>[];
  visits: Record<string, unknown>[];
}

function clean(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (TABLE_ONLY.test(k)) continue;
    // Sets (roles, bodies) are not JSON.
    out[k] = v instanceof Set ? [...v] : v;
  }
  return out;
}

const ownRows = (store: Store, sub: string) => userPartitionRecords(store, sub, MAX_ROWS);

const ownIndexed = (store: Store, sub: string) => userAuthoredRecords(store, sub, MAX_ROWS);

/** Everything the hub holds about the signed-in user, as one JSON document. */
export async function exportMyData(store: Store, user: Principal, now: Date): Promise<MyDataExport> {
  const [own, indexed] = await Promise.all([ownRows(store, user.sub), ownIndexed(store, user.sub)]);
  const out: MyDataExport = {
    exportedAt: now.toISOString(),
    account: { sub: user.sub, name: null, roles: [...user.roles], bodies: [...user.bodies] },
    profile: null,
    contacts: [],
    notificationPreferences: null,
    subscriptions: [],
    follows: [],
    telegram: null,
    administrativeChanges: [],
    block: null,
    consents: [],
    comments: [],
    questions: [],
    visits: [],
  };
  for (const r of own) {
    const sk = String(r.sk);
    if (sk === 'PROFILE') {
      out.profile = clean(r);
      out.account.name = typeof r.name === 'string' ? r.name : null;
    } else if (sk.startsWith('CONTACT#')) out.contacts.push(clean(r));
    else if (sk === 'NOTIFYPREFS') out.notificationPreferences = clean(r);
    else if (sk.startsWith('SUB#')) out.subscriptions.push(clean(r));
    else if (sk.startsWith('FOLLOW#')) out.follows.push(clean(r));
    else if (sk === 'TELEGRAM') out.telegram = clean(r);
    else if (sk.startsWith('CHANGE#')) out.administrativeChanges.push(clean(r));
    else if (sk === 'BLOCK') out.block = clean(r);
    else if (sk.startsWith('CONSENT#')) out.consents.push(clean(r));
  }
  for (const r of indexed) {
    if (r.entity === 'comment') out.comments.push(clean(r));
    else if (r.entity === 'question') out.questions.push(clean(r));
    else if (r.entity === 'visit') out.visits.push(clean(r));
  }
  return out;
}

/** The name erased accounts' contributions are shown under: stable per account, unlinkable without the secret. */
export function erasedPseudonym(sub: string): string {
  return `#${actorHash(`erased:${sub}`).slice(0, 8).toUpperCase()}`;
}

export interface ErasureResult {
  pseudonym: string;
  pseudonymized: { comments: number; questions: number; visits: number };
  removedRecords: number;
}

/**
 * Erases the account: personal records removed, the name on each public contribution replaced by
 * a pseudonym (with a chain entry for each audited record). Safe to repeat after a partial failure.
 */
export async function eraseMyAccount(
  store: Store,
  user: Principal,
  now: Date,
  /** Cloud only: the user pool, whose user goes last (the local issuer has nothing to delete). */
  pool?: Pick<GroupDirectory, 'deleteUser'>,
): Promise<ErasureResult> {
  const pseudonym = erasedPseudonym(user.sub);
  const at = now.toISOString();
  const counts = { comments: 0, questions: 0, visits: 0 };

  // Public contributions first: if this stops halfway, the profile still exists and a retry finds them.
  for (const r of await ownIndexed(store, user.sub)) {
    if (r.entity === 'comment' && r.authorName !== pseudonym) {
      await setCommentAuthorName(store, { itemId: String(r.itemId), threadSk: String(r.sk) }, pseudonym);
      counts.comments++;
    } else if (r.entity === 'question' && r.askerName !== pseudonym) {
      const q = await getQuestion(store, String(r.itemId), String(r.id));
      if (q) {
        await pseudonymizeAsker(store, q, pseudonym, now);
        counts.questions++;
      }
    } else if (r.entity === 'visit' && r.visitorName !== pseudonym) {
      const next = { ...clean(r), visitorName: pseudonym } as unknown as { id: string; itemId: string };
      await appendAuditEntry(
        store,
        { actorSub: user.sub, action: 'visit.pseudonymize', at, record: visitAuditRecord(next) },
        [visitorNameOp(store, next.itemId, next.id, pseudonym)],
      );
      counts.visits++;
    }
  }

  // An official's name on their bodies' rosters (the officials' desk, functions/data/inbox.ts), read
  // from the token and the profile before the profile goes.
  const rosters = new Set([...user.bodies, ...((await getProfile(store, user.sub))?.bodies ?? [])]);
  await Promise.all([...rosters].map((bodyId) => deleteRosterEntry(store, bodyId, user.sub)));

  // Then the personal records: profile, contacts, Telegram link, preferences, subscriptions, follows.
  const doomed = (await ownRows(store, user.sub)).filter((r) => !KEPT_ON_ERASE.has(String(r.sk)));
  await batchDelete(
    store,
    doomed.map((r) => ({ pk: String(r.pk), sk: String(r.sk) })),
  );
  // The sign-in account last: while it exists the user can sign in and ask again, and every step
  // above is safe to repeat. Deleted first, a failure here would leave their data with no way back
  // in to erase it. A pool that no longer has the user counts as done (groups.ts).
  if (pool) {
    try {
      await pool.deleteUser(user.sub);
    } catch (err) {
      // 503: the hub's records are erased, the sign-in account not yet; asking again finishes it.
      console.error('erasure: pool user not deleted', err);
      throw new ProblemError(
        503,
        PROBLEM_TYPES.unavailable,
        'Service unavailable',
        'Your data is erased, the sign-in account not yet; ask again.',
        undefined,
        { 'Retry-After': '30' },
        { code: 'account.erasure_incomplete' },
      );
    }
  }
  return { pseudonym, pseudonymized: counts, removedRecords: doomed.length };
}
