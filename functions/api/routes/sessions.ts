/**
 * Club sessions: preparing an agenda from map items, publishing it in versions, recording the
 * decision and recommendations per agenda entry, publishing minutes, following recommendations up.
 *
 * Who: club members edit drafts (`sessions.edit`), the secretary publishes (`sessions.publish`),
 * officials follow up what is addressed to their body (`sessions.followUp`), anyone reads what is
 * published. Every draft edit carries the version it was based on; a stale one gets 409.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { Temporal } from 'temporal-polyfill';
import { clubPlain } from '../../../shared/club-text';
import { almatyDate, checkCalendarDateTime } from '../../../shared/dates';
import { type Lang, type Localized, pickText } from '../../../shared/i18n-text';
import { Ulid } from '../../../shared/item';
import { serverLang, serverText } from '../../../shared/server-texts';
import {
  type AgendaEntry,
  AgendaVersion,
  almatyInstant,
  CancelInput,
  EntryFields,
  FollowUpInput,
  isAgendaEditable,
  isUpcoming,
  MinutesInput,
  NewEntry,
  OutcomeInput,
  PublishAgendaInput,
  type Recommendation,
  RecommendationView,
  RecordingInput,
  Session,
  SessionInput,
  SessionPatch,
  type SessionTransition,
  sessionTransition,
  Versioned,
} from '../../../shared/sessions';
import type { Principal } from '../../../shared/users';
import type { Store } from '../../data/client';
import { getItem } from '../../data/items';
import {
  agendaVersionPut,
  clubStats,
  createSession,
  getAgendaVersion,
  getRecommendation,
  getRecommendations,
  listAgendaVersions,
  listSessions,
  newId,
  recommendationDelete,
  recommendationPut,
  recommendationsForBody,
  recommendationsForItem,
  recommendationsOfSession,
  toRecommendationView,
} from '../../data/sessions';
import { recordFollowUp } from '../../services/follow-ups';
import { inviteeNoticeOps } from '../../services/invitations';
import { publishMinutes } from '../../services/minutes';
import { setEntryRecording } from '../../services/recordings';
import {
  addEntryTo,
  displayEntries,
  editDetails,
  editEntry,
  loadSession,
  removeEntry,
  reorderAgenda,
  requireStatus,
  save,
  touched,
} from '../../services/sessions';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { type CalendarEvent, calendarText } from '../ical';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { ConflictError, NotFoundError, ValidationError } from '../problems';
import { spendRatePolicy } from '../rate-policy';

export const SessionView = Session.extend({ recommendations: z.array(RecommendationView) }).openapi(
  'Session',
);
type SessionView = z.infer<typeof SessionView>;
const SessionList = z.object({ sessions: z.array(SessionView) });
const ClubStatsView = z
  .object({
    sessionsHeld: z.number().int(),
    questionsConsidered: z.number().int(),
    upcoming: z.number().int(),
    recommendations: z.object({
      total: z.number().int(),
      done: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
    }),
  })
  .openapi('ClubStats');

const IdParam = z.object({ id: Ulid });
const EntryParam = z.object({ id: Ulid, entryId: Ulid });
const json = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const ok = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

/** The status `action` moves the session to; 409 with a machine code when the lifecycle forbids it. */
function requireTransition(s: Session, action: SessionTransition, now: Date): Session['status'] {
  const r = sessionTransition(s, action, now);
  if (r.ok) return r.to;
  throw new ConflictError(
    r.code === 'session.not_started'
      ? `The session starts at ${s.startsAt} (Almaty); it cannot be marked held before then.`
      : `A session that is ${s.status.replace('_', ' ')} cannot be given "${action}".`,
    { code: r.code, params: r.params },
  );
}

function findEntry(s: Session, entryId: string): AgendaEntry {
  const e = s.entries.find((x) => x.id === entryId);
  if (!e) throw new NotFoundError(`No agenda entry ${entryId} in this session.`);
  return e;
}

async function withRecommendations(store: Store, s: Session, now: Date): Promise<SessionView> {
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
async function publicView(store: Store, s: Session, now: Date): Promise<SessionView | null> {
  if (s.status === 'draft') return null;
  if (s.status === 'agenda_published') {
    const published = await getAgendaVersion(store, s.id, s.agendaVersion);
    if (published) return withRecommendations(store, { ...s, entries: published.entries }, now);
  }
  return withRecommendations(store, s, now);
}

/** The next session still open for agenda changes: the earliest that has not ended yet. */
async function nextSession(store: Store, now: Date): Promise<Session | null> {
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

/**
 * The event's description: how many entries, then each entry (item title, the question's number,
 * notes) in the reader's language; no English reaches a kk or ru feed.
 */
function calendarDescription(s: Session, titles: Map<string, Localized>, origin: string, lang: Lang): string {
  const lines = s.entries.map((e, i) => {
    const parts = [
      `${i + 1}. ${e.slot ? `${e.slot.start} ` : ''}${pickText(titles.get(e.itemId), lang) || e.itemId}`,
    ];
    const notes = clubPlain(e.notes, lang);
    if (notes) parts.push(` (${notes})`);
    return parts.join('');
  });
  return [
    `${serverText('calendar.agenda', lang, { count: s.entries.length })}.`,
    ...lines,
    `${origin}/sessions/${s.id}`,
  ].join('\n');
}

function buildCalendar(
  sessions: Session[],
  titles: Map<string, Localized>,
  origin: string,
  lang: Lang,
): string {
  const events: CalendarEvent[] = [];
  for (const s of sessions) {
    // A record stored before dates were checked may name a day that does not exist: that one
    // session is left out (and logged), the feed still answers for everyone.
    let start: Temporal.PlainDateTime;
    try {
      if (!checkCalendarDateTime(s.startsAt).ok) throw new RangeError(`not a real date-time: ${s.startsAt}`);
      start = Temporal.PlainDateTime.from(s.startsAt);
    } catch (err) {
      console.error(
        JSON.stringify({
          level: 'error',
          msg: 'session left out of the calendar',
          id: s.id,
          error: String(err),
        }),
      );
      continue;
    }
    const end = start.add({ minutes: s.durationMinutes });
    events.push({
      uid: `${s.id}@open-budget-map`,
      sequence: s.agendaVersion,
      // Wall-clock times in Asia/Almaty, written with its TZID (DTSTAMP stays in UTC).
      start,
      end,
      stamp: new Date(s.updatedAt),
      summary: clubPlain(s.title, lang),
      location: clubPlain(s.venue, lang),
      description: calendarDescription(s, titles, origin, lang),
      url: s.link ?? `${origin}/sessions/${s.id}`,
    });
  }
  return calendarText({
    name: serverText('calendar.name', lang),
    prodId: { company: 'open-budget-map', product: 'club-sessions', language: lang.toUpperCase() },
    events,
  });
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

// Typed as the plain router: the chained schema type of this many routes is too complex for tsc (TS2590)
// once merged into the app, and nothing reads it (the web's types come from the OpenAPI document).
export const sessionRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/sessions',
      tags: ['sessions'],
      summary: 'Published sessions, past or upcoming (drafts are not public)',
      request: { query: z.object({ when: z.enum(['past', 'upcoming', 'all']).default('all') }) },
      responses: { 200: ok('Sessions by start time', SessionList), ...problemResponses(400, 503) },
    }),
    async (c) => {
      const { when } = c.req.valid('query');
      const { store, now } = c.var.deps;
      const at = now();
      const chosen = (await listSessions(store)).filter(
        (s) => when === 'all' || (when === 'upcoming') === isUpcoming(s, at),
      );
      const views = (await Promise.all(chosen.map((s) => publicView(store, s, at)))).filter(
        (v): v is SessionView => v !== null,
      );
      if (when === 'past') views.reverse();
      return c.json({ sessions: views }, 200);
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/sessions.ics',
      tags: ['sessions'],
      summary: 'iCalendar feed of published sessions (times in Asia/Almaty), in ?lang=kk|ru|en (default kk)',
      request: { query: z.object({ lang: z.enum(['kk', 'ru', 'en']).optional() }) },
      responses: {
        200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } },
      },
    }),
    async (c) => {
      const sessions = (await listSessions(c.var.deps.store)).filter(
        (s) => s.status !== 'draft' && s.status !== 'cancelled',
      );
      const lang = serverLang(c.req.valid('query').lang);
      // Item titles for the entries: a club has a handful of sessions, a few entries each.
      const ids = [...new Set(sessions.flatMap((s) => s.entries.map((e) => e.itemId)))];
      const found = await Promise.all(ids.map((id) => getItem(c.var.deps.store, id)));
      const titles = new Map(found.flatMap((i) => (i ? [[i.id, i.title] as const] : [])));
      return c.body(buildCalendar(sessions, titles, new URL(c.req.url).origin, lang), 200, {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': 'inline; filename="sessions.ics"',
      });
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/club/stats',
      tags: ['sessions'],
      summary: 'Sessions held, questions considered, recommendations done and overdue',
      responses: { 200: ok('Club figures', ClubStatsView), ...problemResponses(503) },
    }),
    async (c) => c.json(await clubStats(c.var.deps.store, c.var.deps.now()), 200),
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/sessions/{id}',
      tags: ['sessions'],
      summary: 'A published session: agenda, outcomes, recommendations, minutes',
      request: { params: IdParam },
      responses: { 200: ok('The session', SessionView), ...problemResponses(400, 404, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const view = await publicView(store, await loadSession(store, c.req.valid('param').id), now());
      if (!view) throw new NotFoundError('No such session.');
      return c.json(view, 200);
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/sessions/{id}/agenda/versions',
      tags: ['sessions'],
      summary: 'Every published version of the agenda with its change note',
      request: { params: IdParam },
      responses: {
        200: ok('Versions, oldest first', z.object({ versions: z.array(AgendaVersion) })),
        ...problemResponses(400, 404, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const s = await loadSession(c.var.deps.store, id);
      if (s.status === 'draft' && s.agendaVersion === 0) throw new NotFoundError('No such session.');
      return c.json({ versions: await listAgendaVersions(c.var.deps.store, id) }, 200);
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/items/{id}/recommendations',
      tags: ['sessions'],
      summary: 'Club recommendations made about an item, with their follow-up',
      request: { params: IdParam },
      responses: {
        200: ok('Recommendations', z.object({ recommendations: z.array(RecommendationView) })),
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const today = almatyDate(now());
      const recs = await recommendationsForItem(store, c.req.valid('param').id);
      return c.json({ recommendations: recs.map((r) => toRecommendationView(r, today)) }, 200);
    },
  )
  .openapi(
    defineRoute('sessions.edit', {
      method: 'get',
      path: '/club/sessions',
      tags: ['sessions'],
      summary: 'Every session including drafts, as club members work on them',
      responses: { 200: ok('Sessions by start time', SessionList), ...problemResponses(401, 403, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const sessions = await listSessions(store);
      return c.json(
        { sessions: await Promise.all(sessions.map((s) => withRecommendations(store, s, now()))) },
        200,
      );
    },
  )
  .openapi(
    defineRoute('sessions.edit', {
      method: 'get',
      path: '/club/next-session',
      tags: ['sessions'],
      summary: 'The next session whose agenda can still change (what "add to next session" adds to)',
      responses: { 200: ok('The session', SessionView), ...problemResponses(401, 403, 404, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const s = await nextSession(store, now());
      if (!s) throw new NotFoundError('No upcoming session is being prepared.');
      return c.json(await withRecommendations(store, s, now()), 200);
    },
  )
  .openapi(
    defineCreate('sessions.edit', {
      method: 'post',
      path: '/club/next-session/entries',
      tags: ['sessions'],
      summary: 'Adds an item (and optionally a question on it) to the next session’s agenda',
      request: json(NewEntry),
      responses: {
        201: ok('The session with the new entry', SessionView),
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const input = c.req.valid('json');
      await spendRatePolicy(c, 'POST /club/next-session/entries', c.var.user!.sub);
      // The button does not know the version: the service re-reads and retries a lost race.
      const saved = await addEntryTo(store, () => nextSession(store, now()), input, now);
      return c.json(await withRecommendations(store, saved, now()), 201);
    },
  )
  .openapi(
    defineRoute('sessions.edit', {
      method: 'get',
      path: '/sessions/{id}/draft',
      tags: ['sessions'],
      summary: 'The working copy of a session with its version, for editing',
      request: { params: IdParam },
      responses: { 200: ok('The session', SessionView), ...problemResponses(400, 401, 403, 404, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      return c.json(
        await withRecommendations(store, await loadSession(store, c.req.valid('param').id), now()),
        200,
      );
    },
  )
  .openapi(
    defineCreate('sessions.edit', {
      method: 'post',
      path: '/sessions',
      tags: ['sessions'],
      summary: 'Creates a draft session',
      request: json(SessionInput),
      responses: { 201: ok('The new draft', SessionView), ...problemResponses(400, 401, 403, 429, 503) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      await spendRatePolicy(c, 'POST /sessions', c.var.user!.sub);
      const at = c.var.deps.now();
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
      await createSession(c.var.deps.store, s, completionOps(c, 201, view), c.var.user?.sub ?? null);
      return c.json(view, 201);
    },
  )
  .openapi(
    defineRoute('sessions.edit', {
      method: 'patch',
      path: '/sessions/{id}',
      tags: ['sessions'],
      summary: 'Edits a session’s details (title, time, venue, format, participants)',
      request: { params: IdParam, ...json(SessionPatch) },
      responses: { 200: ok('The session', SessionView), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { version, ...patch } = c.req.valid('json');
      const s = await loadSession(store, c.req.valid('param').id);
      const by = (c.var.user as Principal).name;
      const saved = await editDetails(store, s, version, patch, by, now());
      return c.json(await withRecommendations(store, saved, now()), 200);
    },
  )
  .openapi(
    defineCreate('sessions.edit', {
      method: 'post',
      path: '/sessions/{id}/entries',
      tags: ['sessions'],
      summary:
        'Adds an item (and optionally a question) to this session’s agenda; the invited body defaults to the question’s, else the item’s. Without `version` (an "add" button) the latest is used',
      request: { params: IdParam, ...json(NewEntry.extend({ version: Versioned.shape.version.optional() })) },
      responses: {
        201: ok('The session', SessionView),
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { version, ...entry } = c.req.valid('json');
      const { id } = c.req.valid('param');
      await spendRatePolicy(c, 'POST /sessions/{id}/entries', c.var.user!.sub);
      const saved = await addEntryTo(store, () => loadSession(store, id), entry, now, version);
      return c.json(await withRecommendations(store, saved, now()), 201);
    },
  )
  .openapi(
    defineRoute('sessions.edit', {
      method: 'patch',
      path: '/sessions/{id}/entries/{entryId}',
      tags: ['sessions'],
      summary:
        'Sets an agenda entry’s length, presenter, invited body and notes (every slot is re-timed from the order)',
      request: { params: EntryParam, ...json(EntryFields.extend(Versioned.shape)) },
      responses: { 200: ok('The session', SessionView), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { id, entryId } = c.req.valid('param');
      const { version, ...fields } = c.req.valid('json');
      const s = await loadSession(store, id);
      const saved = await editEntry(store, s, version, entryId, fields, now());
      return c.json(await withRecommendations(store, saved, now()), 200);
    },
  )
  .openapi(
    defineRoute('sessions.edit', {
      method: 'delete',
      path: '/sessions/{id}/entries/{entryId}',
      tags: ['sessions'],
      summary: 'Removes an entry from the agenda',
      request: { params: EntryParam, query: z.object({ version: z.coerce.number().int().min(1) }) },
      responses: { 200: ok('The session', SessionView), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { id, entryId } = c.req.valid('param');
      const s = await loadSession(store, id);
      const saved = await removeEntry(store, s, c.req.valid('query').version, entryId, now());
      return c.json(await withRecommendations(store, saved, now()), 200);
    },
  )
  .openapi(
    defineRoute('sessions.edit', {
      method: 'put',
      path: '/sessions/{id}/order',
      tags: ['sessions'],
      summary: 'Puts the agenda entries in a new order',
      request: {
        params: IdParam,
        ...json(Versioned.extend({ entryIds: z.array(Ulid).max(100) })),
      },
      responses: { 200: ok('The session', SessionView), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { version, entryIds } = c.req.valid('json');
      const s = await loadSession(store, c.req.valid('param').id);
      const saved = await reorderAgenda(store, s, version, entryIds, now());
      return c.json(await withRecommendations(store, saved, now()), 200);
    },
  )
  .openapi(
    defineCreate('sessions.publish', {
      method: 'post',
      path: '/sessions/{id}/agenda',
      tags: ['sessions'],
      summary: 'Publishes the agenda as a new immutable version (later versions need a change note)',
      request: { params: IdParam, ...json(PublishAgendaInput) },
      responses: {
        201: ok('The published version', AgendaVersion),
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { version, changeNote } = c.req.valid('json');
      await spendRatePolicy(c, 'POST /sessions/{id}/agenda', c.var.user!.sub);
      const s = await loadSession(store, c.req.valid('param').id);
      requireTransition(s, 'publishAgenda', now());
      if (s.entries.length === 0)
        throw new ConflictError('The agenda is empty; add at least one item before publishing.', {
          code: 'session.agenda_empty',
        });
      if (s.agendaVersion > 0 && !changeNote)
        throw new ValidationError([
          { in: 'json', field: 'changeNote', message: 'say what changed since the last published version' },
        ]);
      const at = now();
      const published: AgendaVersion = {
        sessionId: s.id,
        version: s.agendaVersion + 1,
        changeNote,
        publishedAt: at.toISOString(),
        publishedBy: (c.var.user as Principal).name,
        title: s.title,
        startsAt: s.startsAt,
        venue: s.venue,
        entries: s.entries,
      };
      await save(
        store,
        s,
        version,
        touched({ ...s, status: 'agenda_published', agendaVersion: published.version }, at),
        [agendaVersionPut(store, published)],
      );
      return c.json(published, 201);
    },
  )
  .openapi(
    defineRoute('sessions.publish', {
      method: 'post',
      path: '/sessions/{id}/held',
      tags: ['sessions'],
      summary: 'Marks the session as held, so outcomes can be recorded',
      request: { params: IdParam, ...json(Versioned) },
      responses: { 200: ok('The session', SessionView), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const s = await loadSession(store, c.req.valid('param').id);
      const status = requireTransition(s, 'markHeld', now());
      const saved = await save(store, s, c.req.valid('json').version, touched({ ...s, status }, now()));
      return c.json(await withRecommendations(store, saved, now()), 200);
    },
  )
  .openapi(
    defineCreate('sessions.edit', {
      method: 'put',
      path: '/sessions/{id}/entries/{entryId}/outcome',
      tags: ['sessions'],
      summary: 'Records the decision and recommendations on an agenda entry after the session',
      request: { params: EntryParam, ...json(OutcomeInput) },
      responses: {
        200: ok('The session', SessionView),
        ...problemResponses(400, 401, 403, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { id, entryId } = c.req.valid('param');
      const input = c.req.valid('json');
      await spendRatePolicy(c, 'PUT /sessions/{id}/entries/{entryId}/outcome', c.var.user!.sub);
      const s = await loadSession(store, id);
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
      const saved = await save(store, s, input.version, touched({ ...s, entries }, now()), [
        ...recs.map((r) => recommendationPut(store, r)),
        ...removed.map((r) => recommendationDelete(store, r)),
      ]);
      return c.json(await withRecommendations(store, saved, now()), 200);
    },
  )
  .openapi(
    defineRoute('sessions.publish', {
      method: 'put',
      path: '/sessions/{id}/entries/{entryId}/recording',
      tags: ['sessions'],
      summary:
        "Links an agenda entry to its part of the session's recording (https) with the time of day it starts, within the session",
      description:
        'After the session is held. 409 `session.recording_outside` when the start is not a time within the session.',
      request: { params: EntryParam, ...json(RecordingInput) },
      responses: { 200: ok('The session', SessionView), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { id, entryId } = c.req.valid('param');
      const s = await loadSession(store, id);
      const saved = await setEntryRecording(store, s, entryId, c.req.valid('json'), now());
      return c.json(await withRecommendations(store, saved, now()), 200);
    },
  )
  .openapi(
    defineRoute('sessions.publish', {
      method: 'post',
      path: '/sessions/{id}/minutes',
      tags: ['sessions'],
      summary:
        'Publishes the minutes (protocol number, chair, secretary, attendance; the quorum from the club settings) as version 1 of the record; outcomes are final after this',
      request: { params: IdParam, ...json(MinutesInput) },
      responses: { 200: ok('The session', SessionView), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { version, ...fields } = c.req.valid('json');
      const s = await loadSession(store, c.req.valid('param').id);
      const at = now();
      const status = requireTransition(s, 'publishMinutes', at);
      // Version 1 of the minutes record is written with the session change (services/minutes.ts).
      const saved = await publishMinutes(store, s, version, status, fields, c.var.user as Principal, at);
      return c.json(await withRecommendations(store, saved, at), 200);
    },
  )
  .openapi(
    defineRoute('sessions.followUp', {
      method: 'patch',
      path: '/items/{itemId}/recommendations/{recId}',
      tags: ['sessions'],
      summary: 'Records the follow-up of a recommendation (by an official of the body it is addressed to)',
      request: { params: z.object({ itemId: Ulid, recId: Ulid }), ...json(FollowUpInput) },
      responses: {
        200: ok('The recommendation', RecommendationView),
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const { itemId, recId } = c.req.valid('param');
      const rec = await getRecommendation(store, itemId, recId);
      if (!rec) throw new NotFoundError(`No recommendation ${recId} on this item.`);
      authorize(c.var.user, 'sessions.followUp', { bodyId: rec.bodyId });
      const input = c.req.valid('json');
      // "Done" is the body's own word (the club then confirms or contests it: routes/follow-ups.ts).
      if (input.status === 'done') authorize(c.var.user, 'sessions.markDone', { bodyId: rec.bodyId });
      const at = now();
      // With the official's documents, claimed in the same transaction (services/follow-ups.ts).
      const next = await recordFollowUp(store, rec, { ...input, at: at.toISOString() }, c.var.user ?? null);
      return c.json(toRecommendationView(next, almatyDate(at)), 200);
    },
  )
  .openapi(
    defineRoute('sessions.involved', {
      method: 'get',
      path: '/me/sessions',
      tags: ['sessions'],
      summary:
        'Sessions that involve the official’s bodies (invited, on the agenda, or given recommendations)',
      responses: { 200: ok('Sessions by start time', SessionList), ...problemResponses(401, 403, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      const bodies = (c.var.user as Principal).bodies;
      const recs = (await Promise.all(bodies.map((b) => recommendationsForBody(store, b)))).flat();
      const recSessions = new Set(recs.map((r) => r.sessionId));
      const sessions = (await listSessions(store)).filter((s) => involvesBodies(s, bodies, recSessions));
      return c.json(
        { sessions: await Promise.all(sessions.map((s) => withRecommendations(store, s, now()))) },
        200,
      );
    },
  );

/** Cancelling, on its own sub-app (one more route on the chain above is past what tsc can type). */
export const sessionCancelRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute('sessions.publish', {
    method: 'post',
    path: '/sessions/{id}/cancel',
    tags: ['sessions'],
    summary: 'Cancels a draft or announced session, with a reason shown to members',
    request: { params: IdParam, ...json(CancelInput) },
    responses: { 200: ok('The session', SessionView), ...problemResponses(400, 401, 403, 404, 409, 503) },
  }),
  async (c) => {
    const { store, now } = c.var.deps;
    const { version, reason } = c.req.valid('json');
    const s = await loadSession(store, c.req.valid('param').id);
    const at = now();
    const status = requireTransition(s, 'cancel', at);
    const next: Session = { ...s, status, cancellation: { reason, at: at.toISOString() } };
    // The invited bodies hear it in the same transaction as the cancellation.
    const notices = await inviteeNoticeOps(store, next, 'session.cancelled', at, { reason });
    const saved = await save(store, s, version, touched(next, at), notices);
    return c.json(await withRecommendations(store, saved, at), 200);
  },
);
