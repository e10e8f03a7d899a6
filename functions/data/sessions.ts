import { ulid } from 'ulid';
import { almatyDate } from '../../shared/dates';
import {
  type AgendaVersion,
  type ClubSettings,
  followUpStatus,
  isOverdue,
  type MinutesVersion,
  type Recommendation,
  type RecommendationView,
  type Session,
} from '../../shared/sessions';
import { batchGetRecords } from './batch';
import type { Store } from './client';
import { queryEntityRecords } from './query-all';
import { entitiesOf, go, itemPartition, kindIs, OWN } from './schema';
import type { TransactOp } from './transaction';

/** An agenda or minutes version number as its sort key has it (`0007`). */
const versionNo = (version: number) => String(version).padStart(4, '0');

/**
 * Sessions, their agenda and minutes versions, the club's settings and recommendations are ElectroDB
 * entities (data/schema.ts `session`, `agendaVersion`, `minutesVersion`, `clubSettings`,
 * `recommendation`): every read goes through them, the stored record whole. Writes stay the
 * hand-built puts below, each one op of a transaction that services/sessions.ts builds with its rules
 * and audit entry (records keep no `__edb_*` identifiers); the keys here equal the entities'
 * templates (test/integration/entities.test.ts).
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
  pk: itemPartition,
  sk: (id: string) => `REC#${id}`,
  body: (bodyId: string) => `BODY#${bodyId}`,
  bodySort: (due: string, id: string) => `REC#${due}#${id}`,
  kind: 'KIND#REC',
};

const SESSION_RECORD_ONLY = new Set(['pk', 'sk', 'entity', 'gsi7pk', 'gsi7sk']);

export function strip<T>(record: Record<string, unknown>): T {
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

/** The put that creates a session: refused when the id is taken. One op of the service's audit transaction. */
export function sessionCreatePut(store: Store, session: Session): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: sessionRecord(session),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
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

/** The put of `next` (its version already bumped) on condition that the stored version is still `expected`. */
export function sessionSavePut(store: Store, next: Session, expected: number): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: sessionRecord(next),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': expected },
    },
  };
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
  const recommendations = entitiesOf(store).recommendation;
  const asked = keys.map((k) => ({ itemId: k.itemId, id: k.id }));
  for (const r of await batchGetRecords((k: typeof asked) => recommendations.get(k), asked)) {
    const rec = strip<Recommendation>(r);
    found.set(rec.id, rec);
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
  // The end names an id past every ULID ('~'): ElectroDB cuts a sort key at the last composite
  // given, and `${to}` alone would leave out the recommendations due on `to` itself.
  const items = await queryEntityRecords(
    entitiesOf(store)
      .recommendation.query.all({})
      .between({ due: from }, { due: to, id: '~' })
      .where(kindIs('recommendation')),
  );
  return items.map((i) => strip<Recommendation>(i));
}

/**
 * The put that replaces a stored recommendation with `next`; `expectStatus` guards against a
 * concurrent change of its status (the write fails if it moved). One op of an audit transaction.
 */
export function recommendationReplacePut(
  store: Store,
  next: Recommendation,
  expectStatus?: Recommendation['status'],
): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: recommendationRecord(next),
      ConditionExpression: expectStatus ? 'attribute_exists(pk) AND #st = :expected' : 'attribute_exists(pk)',
      ...(expectStatus
        ? {
            ExpressionAttributeNames: { '#st': 'status' },
            ExpressionAttributeValues: { ':expected': expectStatus },
          }
        : {}),
    },
  };
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
