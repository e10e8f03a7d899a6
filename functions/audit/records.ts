/**
 * The public records the audit chain covers: for each kind, its key, the public fields that are
 * hashed (the same projection whether a change is being written or a record is being checked) and
 * how to load the record as stored now. A key is `<kind>/<id parts>`; it never contains an account
 * id, so keys can be exported.
 *
 *   question        question/<itemId>/<questionId>   status, answers, deadlines (no account ids)
 *   item            item/<itemId>                     budget item data (imports)
 *   session         session/<sessionId>               every saved state, incl. transitions and outcomes
 *   agenda          agenda/<sessionId>/<version>      a published agenda version (immutable)
 *   minutes         minutes/<sessionId>/<version>     a published minutes version (immutable; a correction adds one)
 *   club-settings   club-settings/club                the club's settings (the quorum)
 *   recommendation  recommendation/<itemId>/<recId>   an outcome's recommendation and its follow-up
 *   impact          impact/<itemId>/<impactId>        an effect in the impact ledger and its confirmation
 *   invitation      invitation/<sessionId>/<bodyId>   a body's invitation to a session, its answer and attendance
 *   moderation      moderation/<commentId>            a comment's visibility after a moderation action
 *   grant           grant/<changeId>                  a role or body grant or revoke (the user as a pseudonym)
 *   body            body/<bodyId>                     a government body's data
 *   visit           visit/<itemId>/<visitId>          a site visit as the public sees it (no account id, no position)
 *   progress        progress/<itemId>/<updateId>      an official's progress update (no account id; the ground counts left out)
 *   notice          notice/<itemId>/<questionId>/<eventId>/<channel>   an APPK notice to the asker: when, how, delivered
 *   flags           flags/<itemId>                    an item's risk flags and their numbers (flag job)
 *   flag-summary    flag-summary/<kind>/<id>          a contractor's or body's flag counts (flag job)
 *   flag-run        flag-run/latest                   the last flag run's summary
 *   explanation     explanation/<itemId>/<id>         an official's public explanation of a risk flag (no account id)
 *   content         content/<kind>/<contentId>        any content kind's visibility (functions/services/moderation.ts)
 *   block           block/<user pseudonym>            a block on a user's creates, or its lifting
 *   blur            blur/<uploadId>                   a photo published with regions blurred (count, when, digest)
 *   mailbox         mailbox/<bodyId>                  whether a body's mailbox is set and verified (never the address)
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ImpactEntry } from '../../shared/impact';
import type { Invitation } from '../../shared/invitations';
import type { Item } from '../../shared/item';
import type { Question } from '../../shared/questions';
import type {
  AgendaVersion,
  ClubSettings,
  MinutesVersion,
  Recommendation,
  Session,
} from '../../shared/sessions';
import { getUpload } from '../blobs/uploads';
import type { Store } from '../data/client';
import { getComment } from '../data/comments';
import { impactAuditRecord } from '../data/impact';
import { invitationAuditRecord } from '../data/invitations';
import { fromItemRecord, toItemRecord } from '../data/items';
import { findBlockByPseudonym, readModerationState } from '../data/moderation';
import { queryEntityRecords } from '../data/query-all';
import { entitiesOf, itemPartition, kindIs } from '../data/schema';
import { bodyContactAuditRecord } from '../services/body-contacts';
import { itemFlagsAuditRecord } from '../services/flags';
import { type FlagExplanationRecord, flagExplanationAuditRecord } from '../services/flags-explanations';
import { photoBlurAuditRecord } from '../services/photo-blur';
import { type AuditRecord, actorHash } from './chain';

/**
 * Attributes of the table, not of the record: keys, and ElectroDB's entity and version markers
 * (`__edb_e__`, `__edb_v__`), which a body written through its entity carries but its audit record,
 * built from the domain object, does not (without this a body re-read for verification never matched).
 */
const TABLE_ONLY = /^(pk|sk|entity|gsi\d+(pk|sk)|__edb_[ev]__)$/;

function stripKeys(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!TABLE_ONLY.test(k)) out[k] = v;
  return out;
}

function without<T extends Record<string, unknown>>(o: T, ...keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

/**
 * A question's public fields: no account ids (asker, officials), the asker's name only when they chose
 * to show it; bookkeeping that changes without a public change (version, thread comment) left out.
 */
export function questionAuditRecord(q: Question): AuditRecord {
  const fields = without(
    q as unknown as Record<string, unknown>,
    'askerSub',
    'version',
    'threadCommentId',
    // Hiding a question or an answer is its own record ("content/question/…"), not a change of the question.
    'hiddenParts',
    ...(q.showName ? [] : ['askerName']),
  );
  fields.answers = q.answers.map((a) => without(a, 'bySub'));
  fields.redirects = q.redirects.map((r) => without(r, 'bySub'));
  if (q.extension) fields.extension = without(q.extension, 'bySub');
  return { kind: 'question', key: `question/${q.itemId}/${q.id}`, fields };
}

/** An item's data as stored (amounts through their tiyn form, so the writer hashes what a reader loads). */
export function itemAuditRecord(item: Item): AuditRecord {
  const stored = fromItemRecord(toItemRecord(item) as unknown as Record<string, unknown>);
  return { kind: 'item', key: `item/${item.id}`, fields: stored as unknown as Record<string, unknown> };
}

export function sessionAuditRecord(s: Session): AuditRecord {
  return {
    kind: 'session',
    key: `session/${s.id}`,
    fields: stripKeys(s as unknown as Record<string, unknown>),
  };
}

export function agendaAuditRecord(v: AgendaVersion): AuditRecord {
  return {
    kind: 'agenda',
    key: `agenda/${v.sessionId}/${v.version}`,
    fields: without(stripKeys(v as unknown as Record<string, unknown>), 'publishedBy'),
  };
}

export function minutesAuditRecord(v: MinutesVersion): AuditRecord {
  return {
    kind: 'minutes',
    key: `minutes/${v.sessionId}/${v.version}`,
    fields: stripKeys(v as unknown as Record<string, unknown>),
  };
}

export function clubSettingsAuditRecord(s: ClubSettings): AuditRecord {
  return { kind: 'club-settings', key: 'club-settings/club', fields: { quorumRequired: s.quorumRequired } };
}

export function recommendationAuditRecord(r: Recommendation): AuditRecord {
  return {
    kind: 'recommendation',
    key: `recommendation/${r.itemId}/${r.id}`,
    fields: stripKeys(r as unknown as Record<string, unknown>),
  };
}

export function moderationAuditRecord(c: {
  id: string;
  itemId: string;
  visibility: string;
  hiddenReason?: string | undefined;
}): AuditRecord {
  return {
    kind: 'moderation',
    key: `moderation/${c.id}`,
    fields: {
      commentId: c.id,
      itemId: c.itemId,
      visibility: c.visibility,
      hiddenReason: c.hiddenReason ?? null,
    },
  };
}

/** Any content kind's visibility after a moderation action (comments keep their older `moderation` record). */
export function contentAuditRecord(s: {
  kind: string;
  contentId: string;
  visibility: string;
  reason?: string | undefined;
}): AuditRecord {
  return {
    kind: 'content',
    key: `content/${s.kind}/${s.contentId}`,
    fields: { kind: s.kind, contentId: s.contentId, visibility: s.visibility, reason: s.reason ?? null },
  };
}

/** A block on a user's creates (the user only as a pseudonym; the reason stays in the table). */
export function blockAuditRecord(b: {
  userHash: string;
  active: boolean;
  since: string;
  until?: string;
}): AuditRecord {
  return {
    kind: 'block',
    key: `block/${b.userHash}`,
    fields: { active: b.active, since: b.since, until: b.until ?? null },
  };
}

export function grantAuditRecord(change: {
  id: string;
  at: string;
  kind: string;
  subject: { type: string; id: string };
  detail: Record<string, unknown>;
}): AuditRecord {
  return {
    kind: 'grant',
    key: `grant/${change.id}`,
    fields: {
      id: change.id,
      at: change.at,
      change: change.kind,
      // The user the grant is about, as the same pseudonym the chain uses for actors.
      subject:
        change.subject.type === 'user' ? { user: actorHash(change.subject.id) } : { body: change.subject.id },
      detail: change.detail,
    },
  };
}

/**
 * A site visit's public fields: everything but the visitor's account id. Positions are never on
 * the visit record (they live in a private record), so they are never hashed or exported.
 */
export function visitAuditRecord(v: { id: string; itemId: string } & object): AuditRecord {
  // `modVersion` only orders moderation writes; the moderation state itself (visibility, hidden photos) is public.
  const fields = without(stripKeys(v as unknown as Record<string, unknown>), 'visitorSub', 'modVersion');
  return { kind: 'visit', key: `visit/${v.itemId}/${v.id}`, fields };
}

/**
 * An official's progress update: everything but the author's account id and the counts of site
 * visits that refer to it (those move with each visit, which is its own record).
 */
export function progressAuditRecord(u: { id: string; itemId: string } & object): AuditRecord {
  const fields = without(
    stripKeys(u as unknown as Record<string, unknown>),
    'authorSub',
    'groundConfirmed',
    'groundContested',
  );
  return { kind: 'progress', key: `progress/${u.itemId}/${u.id}`, fields };
}

export function bodyAuditRecord(body: { id: string } & Record<string, unknown>): AuditRecord {
  return { kind: 'body', key: `body/${body.id}`, fields: stripKeys(body) };
}

async function get(store: Store, pk: string, sk: string): Promise<Record<string, unknown> | null> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk, sk }, ConsistentRead: true }),
  );
  return res.Item ?? null;
}

/** A record in an item's partition; a subject that names no item names no record. */
async function inItem(store: Store, itemId: string | undefined, sk: string) {
  return itemId ? get(store, itemPartition(itemId), sk) : null;
}

type Loader = (store: Store, parts: string[]) => Promise<AuditRecord | null>;

/** The entry's seq a bulk write put on a record (an item's `auditSeq` and `flagsAuditSeq`, a flag summary's `auditSeq`: audit/chain.ts). */
function withCarriedSeq(record: AuditRecord, seq: unknown): AuditRecord {
  return typeof seq === 'number' ? { ...record, carriedSeq: seq } : record;
}

const loaders: Record<string, Loader> = {
  question: async (store, [itemId, id]) => {
    const r = await inItem(store, itemId, `QUESTION#${id}`);
    return r ? questionAuditRecord(stripKeys(r) as unknown as Question) : null;
  },
  item: async (store, [id]) => {
    const r = await inItem(store, id, 'ITEM');
    return r ? withCarriedSeq(itemAuditRecord(fromItemRecord(r)), r.auditSeq) : null;
  },
  session: async (store, [id]) => {
    const r = await get(store, `SESSION#${id}`, 'SESSION');
    return r ? sessionAuditRecord(stripKeys(r) as unknown as Session) : null;
  },
  agenda: async (store, [sessionId, version]) => {
    const r = await get(store, `SESSION#${sessionId}`, `AGENDA#${String(version).padStart(4, '0')}`);
    return r ? agendaAuditRecord(r as unknown as AgendaVersion) : null;
  },
  invitation: async (store, [sessionId, bodyId]) => {
    const r = await get(store, `SESSION#${sessionId}`, `INVITE#${bodyId}`);
    return r ? invitationAuditRecord(r as unknown as Invitation) : null;
  },
  minutes: async (store, [sessionId, version]) => {
    const r = await get(store, `SESSION#${sessionId}`, `MINUTES#${String(version).padStart(4, '0')}`);
    return r ? minutesAuditRecord(r as unknown as MinutesVersion) : null;
  },
  'club-settings': async (store) => {
    const r = await get(store, 'CLUB#SETTINGS', 'SETTINGS');
    return r ? clubSettingsAuditRecord({ quorumRequired: Number(r.quorumRequired) }) : null;
  },
  impact: async (store, [itemId, id]) => {
    const r = await inItem(store, itemId, `IMPACT#${id}`);
    return r ? impactAuditRecord(r as unknown as ImpactEntry) : null;
  },
  recommendation: async (store, [itemId, id]) => {
    const r = await inItem(store, itemId, `REC#${id}`);
    return r ? recommendationAuditRecord(r as unknown as Recommendation) : null;
  },
  moderation: async (store, [id]) => {
    const r = await getComment(store, id ?? '');
    return r ? moderationAuditRecord(r) : null;
  },
  grant: async (store, [id]) => {
    // The change by id on byKind (the `adminChange` entity). No id, no change: an empty composite
    // would make the key condition a prefix of every change.
    if (!id) return null;
    const found = await queryEntityRecords(
      entitiesOf(store).adminChange.query.all({ id }).where(kindIs('change')),
    );
    return found[0] ? grantAuditRecord(found[0] as Parameters<typeof grantAuditRecord>[0]) : null;
  },
  visit: async (store, [itemId, id]) => {
    const r = await inItem(store, itemId, `VISIT#${id}`);
    return r ? visitAuditRecord(r as { id: string; itemId: string }) : null;
  },
  progress: async (store, [itemId, id]) => {
    const r = await inItem(store, itemId, `PROGRESS#${id}`);
    return r ? progressAuditRecord(r as { id: string; itemId: string }) : null;
  },
  notice: async (store, [itemId, questionId, eventId, channel]) => {
    const r = await inItem(store, itemId, `NOTICE#${questionId}#${eventId}#${channel}`);
    return r
      ? {
          kind: 'notice',
          key: `notice/${itemId}/${questionId}/${eventId}/${channel}`,
          fields: stripKeys(r),
        }
      : null;
  },
  content: async (store, [kind, id]) => {
    const r = kind && id ? await readModerationState(store, kind, id) : null;
    return r ? contentAuditRecord(r as unknown as Parameters<typeof contentAuditRecord>[0]) : null;
  },
  block: async (store, [hash]) => {
    const found = hash ? await findBlockByPseudonym(store, hash) : null;
    return found ? blockAuditRecord(found) : null;
  },
  blur: async (store, [id]) => {
    const r = (id ? await getUpload(store, id) : null) as Record<string, unknown> | null;
    return r?.blurredAt
      ? photoBlurAuditRecord({
          uploadId: id ?? '',
          blurRegions: Number(r.blurRegions),
          blurredAt: String(r.blurredAt),
          blurDigest: String(r.blurDigest),
        })
      : null;
  },
  mailbox: async (store, [id]) => {
    const r = await get(store, `BODY#${id}`, 'CONTACT#email');
    return r
      ? bodyContactAuditRecord(id ?? '', {
          verified: r.verified === true,
          setAt: r.setAt as string | undefined,
        })
      : null;
  },
  body: async (store, [id]) => {
    const r = await get(store, `BODY#${id}`, 'BODY');
    return r ? bodyAuditRecord(r as { id: string }) : null;
  },
  flags: async (store, [id]) => {
    const r = await inItem(store, id, 'ITEM');
    return r
      ? withCarriedSeq(
          itemFlagsAuditRecord(
            id ?? '',
            (r.flags as string[] | undefined) ?? [],
            (r.flagFacts as Record<string, unknown> | undefined) ?? {},
          ),
          r.flagsAuditSeq,
        )
      : null;
  },
  'flag-summary': async (store, [kind, id]) => {
    const r = await get(store, `FLAGS#${kind === 'contractor' ? 'CONTRACTOR' : 'BODY'}#${id}`, 'SUMMARY');
    if (!r) return null;
    // The flag job writes a summary with the seq of the entry naming it (`auditSeq`): not a public field.
    const { auditSeq, ...fields } = stripKeys(r);
    return withCarriedSeq({ kind: 'flag-summary', key: `flag-summary/${kind}/${id}`, fields }, auditSeq);
  },
  explanation: async (store, [itemId, id]) => {
    const r = await inItem(store, itemId, `FLAGNOTE#${id}`);
    return r ? flagExplanationAuditRecord(r as unknown as FlagExplanationRecord) : null;
  },
  'flag-run': async (store, [which]) => {
    const r = which === 'latest' ? await get(store, 'FLAGS#RUN', 'LATEST') : null;
    if (!r) return null;
    const { at: _at, ...fields } = stripKeys(r);
    return { kind: 'flag-run', key: 'flag-run/latest', fields };
  },
};

export const AUDITED_KINDS = Object.keys(loaders);

/** The record named by `key` as stored now (null if gone), or undefined for a key of no known kind. */
export async function loadAuditRecord(store: Store, key: string): Promise<AuditRecord | null | undefined> {
  const [kind, ...parts] = key.split('/');
  const loader = kind ? loaders[kind] : undefined;
  if (!loader || parts.length === 0 || parts.some((p) => p === '')) return undefined;
  return loader(store, parts);
}
