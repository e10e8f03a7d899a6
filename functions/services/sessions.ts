/**
 * The session workflow (issue 16: routes parse and authorize, this owns the invariants): building an
 * agenda for any upcoming session, with slot times that always follow from the order and each
 * entry's length within the session's window. Every change of the entries, the start or the length
 * re-times the whole agenda; one that does not fit is refused with the overrun
 * (`agenda.overrun`, params: overrunMinutes, neededMinutes, windowMinutes, endsAt, windowEnd).
 */
import { retimeEntries } from '../../shared/agenda-timing';
import {
  type AgendaEntry,
  type AgendaVersion,
  almatyInstant,
  isAgendaEditable,
  type NewEntry,
  reorderEntries,
  type Session,
  SessionInput,
  type SessionPatch,
  type SessionStatus,
} from '../../shared/sessions';
import { ConflictError, NotFoundError, ValidationError } from '../api/problems';
import type { Store } from '../data/client';
import { getItem } from '../data/items';
import { getQuestion } from '../data/questions';
import { agendaVersionPut, getSession, newId, StaleVersionError, saveSession } from '../data/sessions';
import { inviteeNoticeOps } from './invitations';

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
  extra?: Parameters<typeof saveSession>[4],
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
