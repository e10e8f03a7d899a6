import { BatchGetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { almatyDate } from '../../shared/dates';
import {
  type AgendaVersion,
  type ClubSettings,
  followUpStatus,
  isHeld,
  isOverdue,
  type MinutesVersion,
  type Recommendation,
  type RecommendationView,
  type Session,
} from '../../shared/sessions';
import { type AuditRecord, appendAuditEntry, StaleWriteError } from '../audit/chain';
import {
  agendaAuditRecord,
  minutesAuditRecord,
  recommendationAuditRecord,
  sessionAuditRecord,
} from '../audit/records';
import type { Store } from './client';
import { IdempotencyFencedError } from './idempotency';
import { agendaEventOps, minutesEventOps } from './notifications';
import { queryAll, queryEntityRecords } from './query-all';
import { entitiesOf, go, kindIs, MODELS, OWN, recordKey } from './schema';
import type { TransactOp } from './transaction';

/** An agenda or minutes version number as its sort key has it (`0007`). */
const versionNo = (version: number) => String(version).padStart(4, '0');

/**
 * Sessions, their agenda and minutes versions, the club's settings and recommendations are ElectroDB
 * entities (data/schema.ts `session`, `agendaVersion`, `minutesVersion`, `clubSettings`,
 * `recommendation`): every read goes through them, the stored record whole. Writes stay the
 * hand-built puts below (each is one op of a service's audit transaction, and records keep no
 * `__edb_*` identifiers); the keys here equal the entities' templates (test/integration/entities.test.ts).
 */
export const sessionKeys = {
  pk: (id: string) => `SESSION#${id}`,
  sk: 'SESSION',
  agendaSk: (version: number) => `AGENDA#${versionNo(version)}`,
  minutesSk: (version: number) => `MINUTES#${versionNo(version)}`,
  settings: { pk: 'CLUB#SETTINGS', sk: 'SETTINGS' },
  kind: 'KIND#SESSION',
  byDate: (startUtc: string, id: string) => `${startUtc}#${id}`,
};

export const recommendationKeys = {
  pk: (itemId: string) => `ITEM#${itemId}`,
  sk: (id: string) => `REC#${id}`,
  body: (bodyId: string) => `BODY#${bodyId}`,
  bodySort: (due: string, id: string) => `REC#${due}#${id}`,
  kind: 'KIND#REC',
};

/** The edit was based on a version that is no longer current (or the session is gone). */
export class StaleVersionError extends Error {
  constructor(readonly current: number | null) {
    super(current === null ? 'no such session' : `the session is at version ${current}`);
  }
}

const SESSION_RECORD_ONLY = new Set(['pk', 'sk', 'entity', 'gsi7pk', 'gsi7sk']);

function strip<T>(record: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record))
    if (!SESSION_RECORD_ONLY.has(k) && !/^gsi\d/.test(k)) out[k] = v;
  return out as T;
}

function sessionRecord(s: Session) {
  return {
    ...s,
    pk: sessionKeys.pk(s.id),
    sk: sessionKeys.sk,
    entity: 'session',
    gsi7pk: sessionKeys.kind,
    gsi7sk: sessionKeys.byDate(s.startUtc, s.id),
  };
}

function recommendationRecord(r: Recommendation) {
  return {
    ...r,
    pk: recommendationKeys.pk(r.itemId),
    sk: recommendationKeys.sk(r.id),
    entity: 'recommendation',
    gsi4pk: recommendationKeys.body(r.bodyId),
    gsi4sk: recommendationKeys.bodySort(r.due, r.id),
    gsi7pk: recommendationKeys.kind,
    gsi7sk: `${r.due}#${r.id}`,
  };
}

/** One record through an entity's get, whole as stored (records older than ElectroDB: OWN). */
async function rawGet(
  // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's go options are typed per entity.
  get: { go(options?: any): Promise<{ data: unknown }> },
  consistent = false,
): Promise<Record<string, unknown> | undefined> {
  const res = await go(get.go({ ...OWN, data: 'raw', ...(consistent ? { consistent: true } : {}) }));
  return (res.data as { Item?: Record<string, unknown> }).Item;
}

export function newId(): string {
  return ulid();
}

export async function createSession(
  store: Store,
  session: Session,
  extraOps: TransactOp[] = [],
  actorSub: string | null = null,
): Promise<void> {
  // With the Idempotency-Key's record (extraOps): the session, its key and its chain entry land together.
  try {
    await appendAuditEntry(
      store,
      { actorSub, action: 'session.create', at: session.updatedAt, record: sessionAuditRecord(session) },
      [
        {
          Put: {
            TableName: store.table,
            Item: sessionRecord(session),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...extraOps,
      ],
    );
  } catch (err) {
    if (err instanceof StaleWriteError && err.index >= 1) throw new IdempotencyFencedError();
    throw err;
  }
}

/** Public records among a session change's extra writes (agenda versions, recommendations), for the chain. */
function auditedExtras(extra: NonNullable<TransactWriteCommandInput['TransactItems']>): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (const op of extra) {
    const item = op.Put?.Item as Record<string, unknown> | undefined;
    if (item?.entity === 'agenda') out.push(agendaAuditRecord(item as unknown as AgendaVersion));
    if (item?.entity === 'minutes') out.push(minutesAuditRecord(strip<MinutesVersion>(item)));
    if (item?.entity === 'recommendation') out.push(recommendationAuditRecord(strip<Recommendation>(item)));
  }
  return out;
}

/** The chain's name for a session change, from what changed. */
function sessionAction(before: Session, after: Session, extras: AuditRecord[]): string {
  if (after.status !== before.status) return `session.${after.status}`;
  if (after.agendaVersion !== before.agendaVersion) return 'session.agenda_publish';
  if (extras.some((r) => r.kind === 'recommendation')) return 'session.outcome';
  if (extras.some((r) => r.kind === 'minutes')) return 'session.minutes_correct';
  return 'session.edit';
}

export async function getSession(store: Store, id: string): Promise<Session | null> {
  const record = await rawGet(entitiesOf(store).session.get({ id }));
  return record ? strip<Session>(record) : null;
}

/** Every session, by start time. A club meets a few times a year, so the list stays small. */
export async function listSessions(store: Store): Promise<Session[]> {
  const items = await queryEntityRecords(entitiesOf(store).session.query.all({}).where(kindIs('session')));
  return items.map((i) => strip<Session>(i));
}

/** The put of `next` (version bumped) on condition that the stored version is still `expected`. */
function conditionalPut(store: Store, next: Session, expected: number) {
  return {
    Put: {
      TableName: store.table,
      Item: sessionRecord(next),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': expected },
    },
  };
}

/**
 * Applies `edit` to the session as of `expected` version and stores it as version + 1, together
 * with any `extra` writes, all or nothing. Throws StaleVersionError when someone else got there first.
 */
export async function saveSession(
  store: Store,
  current: Session,
  expected: number,
  next: Session,
  extra: NonNullable<TransactWriteCommandInput['TransactItems']> = [],
  /** Who saves it, for the audit chain (null: unknown or the system). */
  actorSub: string | null = null,
): Promise<Session> {
  if (current.version !== expected) throw new StaleVersionError(current.version);
  const saved = { ...next, version: expected + 1 };
  const also = auditedExtras(extra);
  try {
    await appendAuditEntry(
      store,
      {
        actorSub,
        action: sessionAction(current, saved, also),
        at: saved.updatedAt,
        record: sessionAuditRecord(saved),
        also,
      },
      // A published agenda (or a new version of it) tells the club and the followers of its items,
      // and so do published (or corrected) minutes, in the same transaction.
      [
        conditionalPut(store, saved, expected),
        ...extra,
        ...agendaEventOps(store, current, saved, actorSub),
        ...minutesEventOps(store, current, saved, actorSub),
      ],
    );
  } catch (err) {
    if (err instanceof StaleWriteError) throw await stale(store, current.id);
    throw err;
  }
  return saved;
}

async function stale(store: Store, id: string) {
  return new StaleVersionError((await getSession(store, id))?.version ?? null);
}

/** Writes an immutable agenda version together with the session change that publishes it. */
export function agendaVersionPut(store: Store, v: AgendaVersion) {
  return {
    Put: {
      TableName: store.table,
      Item: { ...v, pk: sessionKeys.pk(v.sessionId), sk: sessionKeys.agendaSk(v.version), entity: 'agenda' },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function listAgendaVersions(store: Store, sessionId: string): Promise<AgendaVersion[]> {
  const items = await queryEntityRecords(
    entitiesOf(store).agendaVersion.query.record({ sessionId }).where(kindIs('agenda')),
  );
  return items.map((i) => strip<AgendaVersion>(i));
}

export async function getAgendaVersion(
  store: Store,
  sessionId: string,
  version: number,
): Promise<AgendaVersion | null> {
  const record = await rawGet(
    entitiesOf(store).agendaVersion.get({ sessionId, agendaNo: versionNo(version) }),
  );
  return record ? strip<AgendaVersion>(record) : null;
}

/** Writes an immutable minutes version together with the session change that publishes it. */
export function minutesVersionPut(store: Store, v: MinutesVersion) {
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...v,
        pk: sessionKeys.pk(v.sessionId),
        sk: sessionKeys.minutesSk(v.version),
        entity: 'minutes',
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function listMinutesVersions(store: Store, sessionId: string): Promise<MinutesVersion[]> {
  const items = await queryEntityRecords(
    entitiesOf(store).minutesVersion.query.record({ sessionId }).where(kindIs('minutes')),
  );
  return items.map((i) => strip<MinutesVersion>(i));
}

export async function getMinutesVersion(
  store: Store,
  sessionId: string,
  version: number,
): Promise<MinutesVersion | null> {
  const record = await rawGet(
    entitiesOf(store).minutesVersion.get({ sessionId, minutesNo: versionNo(version) }),
    true,
  );
  return record ? strip<MinutesVersion>(record) : null;
}

/** The club's settings, or null before the secretary first sets them. */
export async function getClubSettings(store: Store): Promise<ClubSettings | null> {
  const record = await rawGet(entitiesOf(store).clubSettings.get({}), true);
  return record ? { quorumRequired: Number(record.quorumRequired) } : null;
}

export function clubSettingsPut(store: Store, settings: ClubSettings) {
  return {
    Put: { TableName: store.table, Item: { ...sessionKeys.settings, entity: 'club-settings', ...settings } },
  };
}

export function recommendationPut(store: Store, r: Recommendation) {
  return { Put: { TableName: store.table, Item: recommendationRecord(r) } };
}

export function recommendationDelete(store: Store, r: Pick<Recommendation, 'itemId' | 'id'>) {
  return {
    Delete: {
      TableName: store.table,
      Key: { pk: recommendationKeys.pk(r.itemId), sk: recommendationKeys.sk(r.id) },
    },
  };
}

export async function getRecommendation(
  store: Store,
  itemId: string,
  id: string,
): Promise<Recommendation | null> {
  const record = await rawGet(entitiesOf(store).recommendation.get({ itemId, id }));
  return record ? strip<Recommendation>(record) : null;
}

/** Recommendations by their keys (item + id), in the order asked. */
export async function getRecommendations(
  store: Store,
  keys: Array<{ itemId: string; id: string }>,
): Promise<Recommendation[]> {
  const found = new Map<string, Recommendation>();
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [store.table]: {
        Keys: keys
          .slice(i, i + 100)
          .map((k) => recordKey(MODELS.recommendation, { itemId: k.itemId, id: k.id })),
      },
    };
    while (request && Object.keys(request).length > 0) {
      const res = await store.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const r of res.Responses?.[store.table] ?? []) {
        const rec = strip<Recommendation>(r);
        found.set(rec.id, rec);
      }
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return keys.flatMap((k) => found.get(k.id) ?? []);
}

/** Recommendations made on any entry of a session. */
export async function recommendationsOfSession(store: Store, session: Session): Promise<Recommendation[]> {
  const keys = session.entries.flatMap((e) =>
    (e.outcome?.recommendationIds ?? []).map((id) => ({ itemId: e.itemId, id })),
  );
  return keys.length ? getRecommendations(store, keys) : [];
}

export async function recommendationsForItem(store: Store, itemId: string): Promise<Recommendation[]> {
  const items = await queryEntityRecords(
    entitiesOf(store).recommendation.query.record({ itemId }).where(kindIs('recommendation')),
  );
  return items.map((i) => strip<Recommendation>(i));
}

export async function recommendationsForBody(store: Store, bodyId: string): Promise<Recommendation[]> {
  // Shared with the body's items and question inbox: the kind filter keeps them out.
  const items = await queryEntityRecords(
    entitiesOf(store).recommendation.query.toBody({ bodyId }).where(kindIs('recommendation')),
  );
  return items.map((i) => strip<Recommendation>(i));
}

export async function listRecommendations(store: Store): Promise<Recommendation[]> {
  const items = await queryEntityRecords(
    entitiesOf(store).recommendation.query.all({}).where(kindIs('recommendation')),
  );
  return items.map((i) => strip<Recommendation>(i));
}

/**
 * Recommendations due from `from` to `to` (Almaty dates, both included), for the timed notices
 * (functions/services/timed-notifications.ts): one bounded Query of the kind index by due date.
 */
export async function listRecommendationsDueBetween(
  store: Store,
  from: string,
  to: string,
): Promise<Recommendation[]> {
  const items = await queryAll(store, {
    IndexName: 'byKind',
    KeyConditionExpression: 'gsi7pk = :k AND gsi7sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':k': recommendationKeys.kind, ':from': `${from}#`, ':to': `${to}#~` },
  });
  return items.map((i) => strip<Recommendation>(i));
}

/** Records a follow-up (status and evidence) on a recommendation; nothing else about it changes. */
export async function updateFollowUp(
  store: Store,
  rec: Recommendation,
  change: { status: 'open' | 'done'; evidence?: string | undefined; at: string },
  actorSub: string | null = null,
): Promise<Recommendation> {
  const next: Recommendation = { ...rec, status: change.status };
  if (change.evidence !== undefined) next.evidence = change.evidence;
  if (change.status === 'done') {
    next.doneAt = change.at;
    // A new "done" is a new claim: the club checks it afresh.
    delete next.verification;
  } else delete next.doneAt;
  await appendAuditEntry(
    store,
    { actorSub, action: 'recommendation.follow_up', at: change.at, record: recommendationAuditRecord(next) },
    [
      {
        Put: {
          TableName: store.table,
          Item: recommendationRecord(next),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    ],
  );
  return next;
}

/**
 * Replaces a recommendation with `next` and puts it on the audit chain in the same transaction;
 * `expectStatus` guards against a concurrent change of its status (the write fails if it moved).
 */
export async function replaceRecommendation(
  store: Store,
  next: Recommendation,
  audit: { action: string; at: string; actorSub: string | null },
  expectStatus?: Recommendation['status'],
): Promise<Recommendation> {
  await appendAuditEntry(
    store,
    { actorSub: audit.actorSub, action: audit.action, at: audit.at, record: recommendationAuditRecord(next) },
    [
      {
        Put: {
          TableName: store.table,
          Item: recommendationRecord(next),
          ConditionExpression: expectStatus
            ? 'attribute_exists(pk) AND #st = :expected'
            : 'attribute_exists(pk)',
          ...(expectStatus
            ? {
                ExpressionAttributeNames: { '#st': 'status' },
                ExpressionAttributeValues: { ':expected': expectStatus },
              }
            : {}),
        },
      },
    ],
  );
  return next;
}

export function toRecommendationView(rec: Recommendation, today: string): RecommendationView {
  return { ...rec, followUp: followUpStatus(rec, today) };
}

export interface BodyRecommendationStats {
  bodyId: string;
  total: number;
  done: number;
  open: number;
  overdue: number;
}

/**
 * Follow-up of club recommendations per body, for the responsiveness page: how many were addressed
 * to the body, done, still open in time, and overdue on `today` (an Almaty date).
 */
export async function recommendationStatsByBody(
  store: Store,
  today: string = almatyDate(),
): Promise<BodyRecommendationStats[]> {
  const byBody = new Map<string, BodyRecommendationStats>();
  for (const rec of await listRecommendations(store)) {
    const s = byBody.get(rec.bodyId) ?? { bodyId: rec.bodyId, total: 0, done: 0, open: 0, overdue: 0 };
    s.total++;
    if (rec.status === 'done') s.done++;
    else if (isOverdue(rec, today)) s.overdue++;
    else s.open++;
    byBody.set(rec.bodyId, s);
  }
  return [...byBody.values()].sort((a, b) => a.bodyId.localeCompare(b.bodyId));
}

export interface ClubStats {
  sessionsHeld: number;
  questionsConsidered: number;
  recommendations: { total: number; done: number; open: number; overdue: number };
  upcoming: number;
}

export async function clubStats(store: Store, now: Date): Promise<ClubStats> {
  const today = almatyDate(now);
  const [sessions, recs] = await Promise.all([listSessions(store), listRecommendations(store)]);
  const held = sessions.filter((s) => isHeld(s.status));
  const recommendations = { total: recs.length, done: 0, open: 0, overdue: 0 };
  for (const r of recs) recommendations[followUpStatus(r, today)]++;
  return {
    sessionsHeld: held.length,
    questionsConsidered: held.reduce((n, s) => n + s.entries.length, 0),
    recommendations,
    upcoming: sessions.filter((s) => !isHeld(s.status) && s.status !== 'draft' && s.status !== 'cancelled')
      .length,
  };
}
