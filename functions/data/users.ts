/**
 * User profiles (display name, roles, an official's bodies) and the record of administrative
 * changes (who granted what to whom, when).
 *   profile              pk USER#<sub>          sk PROFILE
 *   all profiles         byKind gsi7pk KIND#USER          gsi7sk <sub>
 *   change record        pk USER#<sub> | BODY#<id>        sk CHANGE#<ulid>
 *   all changes, newest  byKind gsi7pk KIND#ADMIN_CHANGE  gsi7sk <ulid>
 *
 * The profile is the `profile` entity (data/schema.ts): reads and writes go through it. A change
 * record is the `adminChange` entity: its reads go through it; its put stays the hand-built op of
 * the audit transaction, keyed by the entity's own templates (`recordKey`).
 * Locally the profile is the truth the local issuer reads roles from. In the cloud Cognito groups
 * are the truth (see functions/auth/groups.ts) and the profile mirrors what admins granted here.
 */
import type { QueryCommandInput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { ChangeKind, ChangeView } from '../../shared/identity';
import { type Principal, ROLES, type Role } from '../../shared/users';
import { appendAuditEntry } from '../audit/chain';
import { grantAuditRecord } from '../audit/records';
import type { Store } from './client';
import { queryAll, queryCount, queryEntityRecords, queryFirstPage } from './query-all';
import { entitiesOf, fill, go, indexKey, kindIs, MODELS, OWN, recordKey } from './schema';
import { INDEX } from './table';

export interface UserProfile {
  sub: string;
  name: string;
  roles: Role[];
  bodies: string[];
  updatedAt?: string;
}

/** A profile's keys, filled from the `profile` entity's templates (data/schema.ts). */
export const userKeys = {
  pk: (sub: string) => fill(MODELS.profile.indexes.record.pk.template, { sub }),
  sk: MODELS.profile.indexes.record.sk.template,
  kind: MODELS.profile.indexes.all.pk.template,
};

export const changeKeys = {
  /** The change's partition: its subject's (`USER#<sub>` or `BODY#<id>`, the profile's or the body's). */
  subject: (subject: ChangeView['subject']) =>
    subject.type === 'user'
      ? userKeys.pk(subject.id)
      : fill(MODELS.body.indexes.record.pk.template, { id: subject.id }),
};

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export async function getProfile(store: Store, sub: string): Promise<UserProfile | null> {
  // The stored record whole: profiles written before ElectroDB have no identifiers (OWN).
  const res = await go(
    entitiesOf(store)
      .profile.get({ sub })
      .go({ ...OWN, data: 'raw' }),
  );
  const record = (res.data as { Item?: Record<string, unknown> }).Item;
  return record ? toProfile(record) : null;
}

/** Writes a profile unless one exists, so grants made since the last start survive a restart. */
export async function putProfileIfMissing(store: Store, p: UserProfile): Promise<boolean> {
  try {
    // `create` is the put with `attribute_not_exists` on the table key.
    await entitiesOf(store)
      .profile.create({
        sub: p.sub,
        name: p.name,
        ...(p.roles.length ? { roles: p.roles } : {}),
        ...(p.bodies.length ? { bodies: p.bodies } : {}),
        updatedAt: p.updatedAt ?? new Date().toISOString(),
      })
      .go({ originalErr: true, response: 'none' });
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

export async function listProfiles(store: Store): Promise<UserProfile[]> {
  const records = await queryEntityRecords(entitiesOf(store).profile.query.all({}).where(kindIs('user')));
  return records.map(toProfile);
}

/** Reads per page of a user search at most, so a search that matches little stays bounded. */
export const PROFILE_SEARCH_READS = 5;

/**
 * A page of profiles in account-id order (the profiles index), optionally only those whose name or
 * account id contains `q` (as typed, or with its first letter capitalised: names are stored as
 * people wrote them). Bounded: at most PROFILE_SEARCH_READS queries of `limit` profiles each; `next`
 * (the last account id read) continues where this page stopped, also when it found fewer than `limit`.
 */
export async function pageProfiles(
  store: Store,
  opts: { limit: number; cursor?: string | undefined; q?: string | undefined },
): Promise<{ users: UserProfile[]; next?: string }> {
  const q = opts.q?.trim();
  const capitalised = q ? q.charAt(0).toLocaleUpperCase('kk') + q.slice(1) : undefined;
  const query = entitiesOf(store)
    .profile.query.all({})
    .where((a, o) =>
      q && capitalised
        ? `${o.eq(a.kind, 'user')} AND (${o.contains(a.name, q)} OR ${o.contains(a.name, capitalised)} OR ${o.contains(a.sub, q)})`
        : o.eq(a.kind, 'user'),
    )
    .params() as QueryCommandInput;
  const users: UserProfile[] = [];
  let start: Record<string, unknown> | undefined = opts.cursor
    ? {
        ...recordKey(MODELS.profile, { sub: opts.cursor }),
        ...indexKey(MODELS.profile.indexes.all, { sub: opts.cursor }),
      }
    : undefined;
  for (let read = 0; read < PROFILE_SEARCH_READS && users.length < opts.limit; read++) {
    // Page by page, not ElectroDB's `go` (whose cursor is its own encoding of the last key): a search
    // page stops after PROFILE_SEARCH_READS reads, and its cursor is the account id where it stopped.
    const page = await queryFirstPage(store, { ...query, Limit: opts.limit - users.length }, start);
    users.push(...page.rows.map(toProfile));
    start = page.last;
    if (!start) break;
  }
  return { users, ...(start ? { next: String(start[MODELS.profile.indexes.all.sk.field]) } : {}) };
}

/** How many profiles hold the admin role (a bounded query of the profiles index, counted by DynamoDB). */
export async function countAdmins(store: Store): Promise<number> {
  const query = entitiesOf(store)
    .profile.query.all({})
    .where((a, o) => `${o.eq(a.kind, 'user')} AND ${o.contains(a.roles, 'admin')}`)
    .params() as QueryCommandInput;
  // DynamoDB counts (Select COUNT) page by page: no rows travel.
  return queryCount(store, { ...query, ConsistentRead: false });
}

/** Sets the name a user is shown by (creating their profile if they had none). */
export async function setDisplayName(store: Store, sub: string, name: string, at: Date): Promise<void> {
  // An upsert: SET of the given attributes and every index key, the roles and bodies left as they are.
  await entitiesOf(store)
    .profile.upsert({ sub, name, updatedAt: at.toISOString() })
    .go({ originalErr: true, response: 'none' });
}

export interface Actor {
  sub: string;
  name: string;
}

/** One administrative change, as the transaction item that records it. */
export function changeRecord(
  store: Store,
  subject: ChangeView['subject'],
  kind: ChangeKind,
  actor: Actor,
  at: Date,
  detail: Record<string, unknown>,
): { item: TransactItem; change: ChangeView } {
  const id = ulid(at.getTime());
  const change: ChangeView = {
    id,
    at: at.toISOString(),
    kind,
    actor: { sub: actor.sub, name: actor.name },
    subject,
    detail,
  };
  return {
    change,
    item: {
      Put: {
        TableName: store.table,
        Item: {
          ...change,
          ...recordKey(MODELS.adminChange, { subjectKey: changeKeys.subject(subject), id }),
          entity: 'change',
          ...indexKey(MODELS.adminChange.indexes.all, { id }),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

export type Grant = { role: Role } | { bodyId: string };

/**
 * Grants or revokes a role or a body binding and records who did it, in one transaction. Creates
 * the profile if the user had none (a Cognito user signs in before any admin touches them).
 */
export async function changeGrant(
  store: Store,
  opts: {
    sub: string;
    grant: Grant;
    revoke: boolean;
    actor: Actor;
    at: Date;
    /** Writes that follow the grant in the same transaction (the body's roster of officials). */
    extraOps?: TransactItem[];
  },
): Promise<ChangeView> {
  const { sub, grant, revoke, actor, at } = opts;
  const attr = 'role' in grant ? 'roles' : 'bodies';
  const value = 'role' in grant ? grant.role : grant.bodyId;
  const kind: ChangeKind =
    'role' in grant ? (revoke ? 'role.revoke' : 'role.grant') : revoke ? 'body.unbind' : 'body.bind';
  const record = changeRecord(store, { type: 'user', id: sub }, kind, actor, at, {
    [attr === 'roles' ? 'role' : 'bodyId']: value,
  });
  const setOp = revoke ? `DELETE #a :v` : `ADD #a :v`;
  const { all } = MODELS.profile.indexes;
  await appendAuditEntry(
    store,
    { actorSub: actor.sub, action: kind, at: record.change.at, record: grantAuditRecord(record.change) },
    [
      // Hand-built, keyed by the profile's templates: a revoke DELETEs from the set, and ElectroDB's
      // upsert (the one call that also creates a missing profile) offers set/add/subtract, no delete.
      {
        Update: {
          TableName: store.table,
          Key: recordKey(MODELS.profile, { sub }),
          UpdateExpression: `${setOp} SET #sub = :sub, #name = if_not_exists(#name, :sub), updatedAt = :at, entity = :e, #kpk = :kpk, #ksk = :ksk`,
          ExpressionAttributeNames: {
            '#a': attr,
            '#sub': 'sub',
            '#name': 'name',
            '#kpk': all.pk.field,
            '#ksk': all.sk.field,
          },
          ExpressionAttributeValues: {
            ':v': new Set([value]),
            ':sub': sub,
            ':at': at.toISOString(),
            ':e': 'user',
            ':kpk': fill(all.pk.template, {}),
            ':ksk': fill(all.sk.template, { sub }),
          },
        },
      },
      record.item,
      ...(opts.extraOps ?? []),
    ],
  );
  return record.change;
}

/** Administrative changes, newest first; `cursor` is the `next` of the previous page. */
export async function listChanges(
  store: Store,
  opts: { limit: number; cursor?: string | undefined },
): Promise<{ changes: ChangeView[]; next?: string }> {
  const all = entitiesOf(store).adminChange.query.all({});
  const query = (opts.cursor ? all.lt({ id: opts.cursor }) : all)
    .where(kindIs('change'))
    .params() as QueryCommandInput;
  // One Query of `limit` rows, not ElectroDB's `go` (whose cursor is its own encoding of the last
  // key): the page's cursor is the last change's id.
  const page = await queryFirstPage(store, { ...query, ScanIndexForward: false, Limit: opts.limit });
  const changes = page.rows.map(toChange);
  const last = changes.at(-1);
  return { changes, ...(page.more && last ? { next: last.id } : {}) };
}

/** The change history of one user or body, newest first. */
export async function listChangesOf(store: Store, subject: ChangeView['subject']): Promise<ChangeView[]> {
  // Every page (one Query stops at 1 MB), through the paginator. The subject's partition holds
  // other kinds too (profile, follows, contacts; the body): the `CHANGE#` prefix and the kind
  // filter keep them out.
  const records = await queryEntityRecords(
    entitiesOf(store)
      .adminChange.query.record({ subjectKey: changeKeys.subject(subject) })
      .where(kindIs('change')),
    { options: { order: 'desc' } },
  );
  return records.map(toChange);
}

function toChange(r: Record<string, unknown>): ChangeView {
  const { id, at, kind, actor, subject, detail } = r as unknown as ChangeView;
  return { id, at, kind, actor, subject, detail };
}

function toProfile(r: Record<string, unknown>): UserProfile {
  const roles = new Set<string>(r.roles instanceof Set ? (r.roles as Set<string>) : []);
  const bodies = r.bodies instanceof Set ? [...(r.bodies as Set<string>)].sort() : [];
  return {
    sub: String(r.sub),
    name: String(r.name ?? r.sub),
    roles: ROLES.filter((x) => roles.has(x)),
    bodies,
    ...(typeof r.updatedAt === 'string' ? { updatedAt: r.updatedAt } : {}),
  };
}

/** The principal a profile stands for (what the local issuer puts into a token). */
export function profileToPrincipal(p: UserProfile): Principal {
  return { sub: p.sub, name: p.name, roles: p.roles, bodies: p.bodies };
}

/**
 * Every record on the user's own partition (`USER#<sub>`), whatever its kind: profile, contacts,
 * preferences, subscriptions, follows, consents, changes, a block. The export and the erasure read
 * them all, so no kind filter; refused past `max` rather than cut short.
 */
export function userPartitionRecords(
  store: Store,
  sub: string,
  max: number,
): Promise<Record<string, unknown>[]> {
  return queryAll(
    store,
    { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': userKeys.pk(sub) } },
    { max },
  );
}

/**
 * Every record on the user's own index (`USER#<sub>` on byUser): what they wrote elsewhere, their
 * comments, questions and site visits, whatever its kind (the export and the erasure sort them).
 */
export function userAuthoredRecords(
  store: Store,
  sub: string,
  max: number,
): Promise<Record<string, unknown>[]> {
  const index = INDEX.authoredByUser;
  return queryAll(
    store,
    {
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': userKeys.pk(sub) },
    },
    { max },
  );
}
