/**
 * The session workflow (issue 16: routes parse and authorize, this owns the invariants): building an
 * agenda for any upcoming session, with slot times that always follow from the order and each
 * entry's length within the session's window. Every change of the entries, the start or the length
 * re-times the whole agenda; one that does not fit is refused with the overrun
 * (`agenda.overrun`, params: overrunMinutes, neededMinutes, windowMinutes, endsAt, windowEnd).
 */

import { retimeEntries } from '../../shared/agenda-timing';
import { almatyDate } from '../../shared/dates';
import type { Item } from '../../shared/item';
import { ConflictError, NotFoundError, ValidationError } from '../api/problems';
import {
  type AgendaEntry,
  type AgendaVersion,
  almatyInstant,
  type CancelInput,
  followUpStatus,
  isAgendaEditable,
  isHeld,
  isUpcoming,
  type MinutesVersion,
  type NewEntry,
  type OutcomeInput,
  type Recommendation,
  type RecommendationView,
  reorderEntries,
  type Session,
  SessionInput,
  type SessionPatch,
  type SessionStatus,
  type SessionTransition,
  sessionTransition,
} from '../api/schemas/sessions';
import { type AuditRecord, appendAuditEntry, StaleWriteError, type TransactOp } from '../audit/chain';
import {
  agendaAuditRecord,
  minutesAuditRecord,
  recommendationAuditRecord,
  sessionAuditRecord,
} from '../audit/records';
import type { Store } from '../data/client';
import { IdempotencyFencedError } from '../data/idempotency';
import { getItem } from '../data/items';
import { agendaEventOps, minutesEventOps } from '../data/notifications';
import { getQuestion } from '../data/questions';
import {
  agendaVersionPut,
  getAgendaVersion,
  getRecommendation,
  getRecommendations,
  getSession,
  listAgendaVersions,
  listRecommendations,
  listSessions,
  newId,
  recommendationDelete,
  recommendationPut,
  recommendationReplacePut,
  recommendationsForBody,
  recommendationsForItem,
  recommendationsOfSession,
  sessionCreatePut,
  sessionSavePut,
  strip,
  toRecommendationView,
} from '../data/sessions';
import { inviteeNoticeOps } from './invitations';

/** A session as members and the public read it: slots from the order, its recommendations. */
export type SessionView = Session & { recommendations: RecommendationView[] };

/** The edit was based on a version that is no longer current (or the session is gone). */
export class StaleVersionError extends Error {
  constructor(readonly current: number | null) {
    super(current === null ? 'no such session' : `the session is at version ${current}`);
  }
}

/**
 * Creates a session with its chain entry; with the Idempotency-Key's record (extraOps) the
 * session, its key and its chain entry land together.
 */
export async function createSession(
  store: Store,
  session: Session,
  extraOps: TransactOp[] = [],
  actorSub: string | null = null,
): Promise<void> {
  try {
    await appendAuditEntry(
      store,
      { actorSub, action: 'session.create', at: session.updatedAt, record: sessionAuditRecord(session) },
      [sessionCreatePut(store, session), ...extraOps],
    );
  } catch (err) {
    if (err instanceof StaleWriteError && err.index >= 1) throw new IdempotencyFencedError();
    throw err;
  }
}

/** Public records among a session change's extra writes (agenda versions, recommendations), for the chain. */
function auditedExtras(extra: TransactOp[]): AuditRecord[] {
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

/**
 * Applies `edit` to the session as of `expected` version and stores it as version + 1, together
 * with any `extra` writes, all or nothing. Throws StaleVersionError when someone else got there first.
 */
export async function saveSession(
  store: Store,
  current: Session,
  expected: number,
  next: Session,
  extra: TransactOp[] = [],
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
        sessionSavePut(store, saved, expected),
        ...extra,
        ...agendaEventOps(store, current, saved, actorSub),
        ...minutesEventOps(store, current, saved, actorSub),
      ],
    );
  } catch (err) {
    if (err instanceof StaleWriteError)
      throw new StaleVersionError((await getSession(store, current.id))?.version ?? null);
    throw err;
  }
  return saved;
}

export async function loadSession(store: Store, id: string): Promise<Session> {
  const s = await getSession(store, id);
  if (!s) throw new NotFoundError(`No session ${id}.`);
  return s;
}

export function requireStatus(s: Session, test: (st: SessionStatus) => boolean, what: string): void {
  if (!test(s.status))
    throw new ConflictError(`The session is ${s.status.replace('_', ' ')}; ${what}.`, {
      code: 'session.wrong_status',
      params: { status: s.status },
    });
}

/** Saves an edit, turning a lost race into 409 so the editor reloads and nothing is overwritten. */
export async function save(
  store: Store,
  current: Session,
  expected: number,
  next: Session,
  extra?: TransactOp[],
): Promise<Session> {
  try {
    return await saveSession(store, current, expected, next, extra);
  } catch (err) {
    if (err instanceof StaleVersionError)
      throw new ConflictError(
        `This session was changed by someone else (now version ${err.current}); reload and apply your edit again.`,
        { code: 'session.stale' },
      );
    throw err;
  }
}

export function touched(s: Session, now: Date): Session {
  return { ...s, updatedAt: now.toISOString() };
}

/** The session with every slot computed from the order; 409 `agenda.overrun` when it does not fit. */
export function timed(s: Session): Session {
  const r = retimeEntries(s, s.entries);
  if (r.ok) return { ...s, entries: r.entries };
  throw new ConflictError(
    `The agenda needs ${r.neededMinutes} minutes but the session lasts ${r.windowMinutes}: it would end at ${r.endsAt} instead of ${r.windowEnd}.`,
    {
      code: 'agenda.overrun',
      params: {
        overrunMinutes: r.overrunMinutes,
        neededMinutes: r.neededMinutes,
        windowMinutes: r.windowMinutes,
        endsAt: r.endsAt,
        windowEnd: r.windowEnd,
      },
    },
  );
}

/**
 * Entries as readers see them: slots computed from the order. A record stored before timing whose
 * agenda does not fit keeps its stored slots (it is not refused on read).
 */
export function displayEntries<T extends AgendaEntry>(
  s: { startsAt: string; durationMinutes: number },
  entries: T[],
): T[] {
  const r = retimeEntries(s, entries);
  return r.ok ? r.entries : entries;
}

function findEntry(s: Session, entryId: string): AgendaEntry {
  const e = s.entries.find((x) => x.id === entryId);
  if (!e) throw new NotFoundError(`No agenda entry ${entryId} in this session.`);
  return e;
}

/** Saves a change of the agenda after re-timing it (refused as a whole when it overruns). */
function saveAgenda(store: Store, s: Session, expected: number, entries: AgendaEntry[], now: Date) {
  requireStatus(s, isAgendaEditable, 'its agenda can no longer change');
  return save(store, s, expected, touched(timed({ ...s, entries }), now));
}

/** An entry's fields as stored: a length, never a hand-typed start. */
function lengthOf(fields: { minutes?: number | undefined; slot?: { minutes: number } | undefined }) {
  const minutes = fields.minutes ?? fields.slot?.minutes;
  return minutes === undefined ? {} : { minutes };
}

export async function addEntry(
  store: Store,
  s: Session,
  expected: number,
  input: NewEntry,
  now: Date,
): Promise<Session> {
  requireStatus(s, isAgendaEditable, 'its agenda can no longer change');
  const item = await getItem(store, input.itemId);
  if (!item)
    throw new ValidationError([
      { in: 'json', field: 'itemId', message: 'no such item', code: 'reference.not_found' },
    ]);
  const question = input.questionId ? await getQuestion(store, input.itemId, input.questionId) : null;
  if (input.questionId && !question)
    throw new ValidationError([
      {
        in: 'json',
        field: 'questionId',
        message: 'no such question on this item',
        code: 'reference.not_found',
      },
    ]);
  if (s.entries.some((e) => e.itemId === input.itemId && e.questionId === input.questionId))
    throw new ConflictError('This item is already on the agenda.', { code: 'session.entry_exists' });
  const { slot: _typed, minutes: _m, ...rest } = input;
  // The body that must answer: the question's (it follows redirects), else the item's.
  const bodyId = input.bodyId ?? question?.bodyId ?? item.body.id;
  const entry: AgendaEntry = { id: newId(), ...rest, ...lengthOf(input), bodyId };
  return saveAgenda(store, s, expected, [...s.entries, entry], now);
}

/**
 * Adds to a session chosen by id, or (null) to the next one being prepared. Without a version (an
 * "add" button knows none) the session is re-read and a lost race retried a few times.
 */
export async function addEntryTo(
  store: Store,
  pick: () => Promise<Session | null>,
  input: NewEntry,
  now: () => Date,
  expected?: number,
): Promise<Session> {
  for (let attempt = 0; ; attempt++) {
    const s = await pick();
    if (!s) throw new NotFoundError('No upcoming session is being prepared; create one first.');
    try {
      return await addEntry(store, s, expected ?? s.version, input, now());
    } catch (err) {
      // Only a lost race (a stale version) is worth another try; any other refusal stands.
      const retry = expected === undefined && err instanceof ConflictError && err.code === 'session.stale';
      if (!retry || attempt >= 2) throw err;
    }
  }
}

export async function editEntry(
  store: Store,
  s: Session,
  expected: number,
  entryId: string,
  fields: Omit<NewEntry, 'itemId' | 'questionId'>,
  now: Date,
): Promise<Session> {
  findEntry(s, entryId);
  const { slot: _typed, minutes: _m, ...rest } = fields;
  const entries = s.entries.map((e) => (e.id === entryId ? { ...e, ...rest, ...lengthOf(fields) } : e));
  return saveAgenda(store, s, expected, entries, now);
}

export async function removeEntry(
  store: Store,
  s: Session,
  expected: number,
  entryId: string,
  now: Date,
): Promise<Session> {
  findEntry(s, entryId);
  return saveAgenda(
    store,
    s,
    expected,
    s.entries.filter((e) => e.id !== entryId),
    now,
  );
}

export async function reorderAgenda(
  store: Store,
  s: Session,
  expected: number,
  entryIds: string[],
  now: Date,
): Promise<Session> {
  requireStatus(s, isAgendaEditable, 'its agenda can no longer change');
  const entries = reorderEntries(s.entries, entryIds);
  if (!entries) {
    if (s.version !== expected) await save(store, s, expected, s); // stale: report 409, not 400
    throw new ValidationError([
      { in: 'json', field: 'entryIds', message: 'must list every entry exactly once' },
    ]);
  }
  return saveAgenda(store, s, expected, entries, now);
}

/**
 * Edits the details. A new start or length re-times the agenda (a shorter session the agenda no
 * longer fits is refused); moving the start of a published session publishes a new version.
 */
export async function editDetails(
  store: Store,
  s: Session,
  expected: number,
  patch: Omit<SessionPatch, 'version'>,
  by: string,
  now: Date,
): Promise<Session> {
  requireStatus(s, isAgendaEditable, 'its details can no longer change');
  const merged = { ...s, ...patch };
  const checked = SessionInput.safeParse(merged);
  if (!checked.success)
    throw new ValidationError(
      checked.error.issues.map((i) => ({ in: 'json', field: i.path.join('.'), message: i.message })),
    );
  const next = timed({ ...merged, startUtc: almatyInstant(merged.startsAt).toISOString() });
  // Members were told the published time: a move is recorded as a new published version.
  const moved = s.status === 'agenda_published' && next.startsAt !== s.startsAt;
  const republished: AgendaVersion | null = moved
    ? {
        sessionId: s.id,
        version: s.agendaVersion + 1,
        changeNote: `Start moved from ${s.startsAt} to ${next.startsAt} (Almaty).`,
        publishedAt: now.toISOString(),
        publishedBy: by,
        title: next.title,
        startsAt: next.startsAt,
        venue: next.venue,
        entries: next.entries,
      }
    : null;
  if (republished) next.agendaVersion = republished.version;
  // A new start tells the invited bodies, in the same transaction as the move.
  const notices =
    next.startsAt !== s.startsAt ? await inviteeNoticeOps(store, next, 'session.rescheduled', now) : [];
  return save(store, s, expected, touched(next, now), [
    ...(republished ? [agendaVersionPut(store, republished)] : []),
    ...notices,
  ]);
}

/** The status `action` moves the session to; 409 with a machine code when the lifecycle forbids it. */
export function requireTransition(s: Session, action: SessionTransition, now: Date): Session['status'] {
  const r = sessionTransition(s, action, now);
  if (r.ok) return r.to;
  throw new ConflictError(
    r.code === 'session.not_started'
      ? `The session starts at ${s.startsAt} (Almaty); it cannot be marked held before then.`
      : `A session that is ${s.status.replace('_', ' ')} cannot be given "${action}".`,
    { code: r.code, params: r.params },
  );
}

/** A session with its slots as readers see them and the recommendations made on its entries. */
export async function sessionView(store: Store, s: Session, now: Date): Promise<SessionView> {
  const today = almatyDate(now);
  const recs = await recommendationsOfSession(store, s);
  return {
    ...s,
    entries: displayEntries(s, s.entries),
    recommendations: recs.map((r) => toRecommendationView(r, today)),
  };
}

/**
 * What the public sees: nothing of a draft; while the agenda is published but the session not yet
 * held, the latest published agenda rather than the working copy the members keep editing.
 */
export async function publicSessionView(store: Store, s: Session, now: Date): Promise<SessionView | null> {
  if (s.status === 'draft') return null;
  if (s.status === 'agenda_published') {
    const published = await getAgendaVersion(store, s.id, s.agendaVersion);
    if (published) return sessionView(store, { ...s, entries: published.entries }, now);
  }
  return sessionView(store, s, now);
}

/** Published sessions, past or upcoming, as the public sees them (past ones newest first). */
export async function publicSessions(
  store: Store,
  when: 'past' | 'upcoming' | 'all',
  now: Date,
): Promise<SessionView[]> {
  const chosen = (await listSessions(store)).filter(
    (s) => when === 'all' || (when === 'upcoming') === isUpcoming(s, now),
  );
  const views = (await Promise.all(chosen.map((s) => publicSessionView(store, s, now)))).filter(
    (v): v is SessionView => v !== null,
  );
  if (when === 'past') views.reverse();
  return views;
}

/**
 * The published sessions that consider one item (the item's panel lists them with their broadcast
 * and recordings), newest first. Only sessions whose public agenda names the item are viewed, so an
 * item's panel no longer reads every session's recommendations.
 */
export async function publicSessionsOfItem(store: Store, itemId: string, now: Date): Promise<SessionView[]> {
  const names = (entries: Session['entries']) => entries.some((e) => e.itemId === itemId);
  // A published agenda may differ from the working copy: those sessions are judged by the published one.
  const maybe = (await listSessions(store)).filter(
    (s) => s.status !== 'draft' && (s.status === 'agenda_published' || names(s.entries)),
  );
  const views = await Promise.all(maybe.map((s) => publicSessionView(store, s, now)));
  return views
    .filter((v): v is SessionView => v !== null && names(v.entries))
    .sort((a, b) => b.startUtc.localeCompare(a.startUtc));
}

/** Every session including drafts, as club members work on them. */
export async function memberSessions(store: Store, now: Date): Promise<SessionView[]> {
  const sessions = await listSessions(store);
  return Promise.all(sessions.map((s) => sessionView(store, s, now)));
}

/** The next session still open for agenda changes: the earliest that has not ended yet. */
export async function nextSession(store: Store, now: Date): Promise<Session | null> {
  const sessions = await listSessions(store);
  return sessions.find((s) => isAgendaEditable(s.status) && isUpcoming(s, now)) ?? null;
}

function involvesBodies(s: Session, bodies: string[], recSessionIds: Set<string>): boolean {
  return (
    recSessionIds.has(s.id) ||
    s.participants.some((p) => p.bodyId && bodies.includes(p.bodyId)) ||
    s.entries.some((e) => e.bodyId && bodies.includes(e.bodyId))
  );
}

/** Sessions that involve any of `bodies`: invited, on the agenda, or given recommendations. */
export async function sessionsInvolving(store: Store, bodies: string[], now: Date): Promise<SessionView[]> {
  const recs = (await Promise.all(bodies.map((b) => recommendationsForBody(store, b)))).flat();
  const recSessions = new Set(recs.map((r) => r.sessionId));
  const sessions = (await listSessions(store)).filter((s) => involvesBodies(s, bodies, recSessions));
  return Promise.all(sessions.map((s) => sessionView(store, s, now)));
}

/**
 * Creates a draft from `input`; `completion` gives the Idempotency-Key's ops for the view it
 * answers with, so the draft, the key and the chain entry land in one transaction.
 */
export async function createDraft(
  store: Store,
  input: SessionInput,
  at: Date,
  actorSub: string | null,
  completion: (view: SessionView) => TransactOp[],
): Promise<SessionView> {
  const s: Session = {
    id: newId(),
    ...input,
    startUtc: almatyInstant(input.startsAt).toISOString(),
    status: 'draft',
    version: 1,
    agendaVersion: 0,
    entries: [],
    updatedAt: at.toISOString(),
  };
  const view = { ...s, recommendations: [] };
  await createSession(store, s, completion(view), actorSub);
  return view;
}

/** Publishes the agenda as a new immutable version (later versions need a change note). */
export async function publishAgenda(
  store: Store,
  s: Session,
  expected: number,
  changeNote: string,
  by: string,
  at: Date,
): Promise<AgendaVersion> {
  requireTransition(s, 'publishAgenda', at);
  if (s.entries.length === 0)
    throw new ConflictError('The agenda is empty; add at least one item before publishing.', {
      code: 'session.agenda_empty',
    });
  if (s.agendaVersion > 0 && !changeNote)
    throw new ValidationError([
      { in: 'json', field: 'changeNote', message: 'say what changed since the last published version' },
    ]);
  const published: AgendaVersion = {
    sessionId: s.id,
    version: s.agendaVersion + 1,
    changeNote,
    publishedAt: at.toISOString(),
    publishedBy: by,
    title: s.title,
    startsAt: s.startsAt,
    venue: s.venue,
    entries: s.entries,
  };
  await save(
    store,
    s,
    expected,
    touched({ ...s, status: 'agenda_published', agendaVersion: published.version }, at),
    [agendaVersionPut(store, published)],
  );
  return published;
}

/** Marks the session as held, so outcomes can be recorded. */
export function markHeld(store: Store, s: Session, expected: number, now: Date): Promise<Session> {
  const status = requireTransition(s, 'markHeld', now);
  return save(store, s, expected, touched({ ...s, status }, now));
}

/** Cancels a session; the invited bodies hear it in the same transaction as the cancellation. */
export async function cancelSession(
  store: Store,
  s: Session,
  expected: number,
  reason: CancelInput['reason'],
  at: Date,
): Promise<Session> {
  const status = requireTransition(s, 'cancel', at);
  const next: Session = { ...s, status, cancellation: { reason, at: at.toISOString() } };
  const notices = await inviteeNoticeOps(store, next, 'session.cancelled', at, { reason });
  return save(store, s, expected, touched(next, at), notices);
}

function recommendationsFromOutcome(
  s: Session,
  entry: AgendaEntry,
  input: OutcomeInput,
  existing: Recommendation[],
): { recs: Recommendation[]; removed: Recommendation[] } {
  const byId = new Map(existing.map((r) => [r.id, r]));
  const recs = input.recommendations.map((r, i): Recommendation => {
    if (r.id) {
      const before = byId.get(r.id);
      if (!before)
        throw new ValidationError([
          { in: 'json', field: `recommendations.${i}.id`, message: 'not a recommendation of this entry' },
        ]);
      return { ...before, bodyId: r.bodyId, text: r.text, due: r.due };
    }
    return {
      id: newId(),
      sessionId: s.id,
      entryId: entry.id,
      itemId: entry.itemId,
      ...(entry.questionId ? { questionId: entry.questionId } : {}),
      bodyId: r.bodyId,
      text: r.text,
      due: r.due,
      status: 'open',
      sessionTitle: s.title,
      sessionStartsAt: s.startsAt,
    };
  });
  const kept = new Set(recs.map((r) => r.id));
  return { recs, removed: existing.filter((r) => !kept.has(r.id)) };
}

/**
 * Records the decision and recommendations on an agenda entry after the session is held: the
 * session change, the new or changed recommendations and the removed ones in one transaction.
 */
export async function recordOutcome(
  store: Store,
  s: Session,
  entryId: string,
  input: OutcomeInput,
  now: Date,
): Promise<Session> {
  requireStatus(s, (st) => st === 'held', 'outcomes are recorded after it is held and before minutes');
  const entry = findEntry(s, entryId);
  const existing = await getRecommendations(
    store,
    (entry.outcome?.recommendationIds ?? []).map((rid) => ({ itemId: entry.itemId, id: rid })),
  );
  const { recs, removed } = recommendationsFromOutcome(s, entry, input, existing);
  const entries = s.entries.map((e) =>
    e.id === entryId
      ? { ...e, outcome: { decision: input.decision, recommendationIds: recs.map((r) => r.id) } }
      : e,
  );
  return save(store, s, input.version, touched({ ...s, entries }, now), [
    ...recs.map((r) => recommendationPut(store, r)),
    ...removed.map((r) => recommendationDelete(store, r)),
  ]);
}

export async function loadRecommendation(store: Store, itemId: string, id: string): Promise<Recommendation> {
  const rec = await getRecommendation(store, itemId, id);
  if (!rec) throw new NotFoundError(`No recommendation ${id} on this item.`);
  return rec;
}

/**
 * Replaces a recommendation with `next` (the club's verdict on a follow-up, the body's follow-up
 * itself) and puts it on the audit chain in the same transaction. `expectStatus` guards against a
 * concurrent change of its status: the write is refused (StaleWriteError) if it moved meanwhile.
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
    [recommendationReplacePut(store, next, expectStatus)],
  );
  return next;
}

/** Club recommendations made about an item, with their follow-up on `now`'s Almaty date. */
export async function itemRecommendations(
  store: Store,
  itemId: string,
  now: Date,
): Promise<RecommendationView[]> {
  const today = almatyDate(now);
  return (await recommendationsForItem(store, itemId)).map((r) => toRecommendationView(r, today));
}

/** Every published version of a session's agenda (none of a draft never published: 404). */
export async function agendaVersions(store: Store, id: string): Promise<AgendaVersion[]> {
  const s = await loadSession(store, id);
  if (s.status === 'draft' && s.agendaVersion === 0) throw new NotFoundError('No such session.');
  return listAgendaVersions(store, id);
}

/**
 * The sessions of the calendar feed (announced, held or later; not drafts or cancelled ones) and
 * the titles of their entries' items. A club has a handful of sessions, a few entries each.
 */
export async function calendarSessions(
  store: Store,
): Promise<{ sessions: Session[]; titles: Map<string, Item['title']> }> {
  const sessions = (await listSessions(store)).filter(
    (s) => s.status !== 'draft' && s.status !== 'cancelled',
  );
  const ids = [...new Set(sessions.flatMap((s) => s.entries.map((e) => e.itemId)))];
  const found = await Promise.all(ids.map((id) => getItem(store, id)));
  return { sessions, titles: new Map(found.flatMap((i) => (i ? [[i.id, i.title] as const] : []))) };
}

/** The club's figures: sessions held, questions considered, recommendations by follow-up. */
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
