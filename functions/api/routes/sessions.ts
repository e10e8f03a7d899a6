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
import { checkCalendarDateTime } from '../../../shared/dates';
import { type Lang, type Localized, pickText } from '../../../shared/i18n-text';
import { serverLang, serverText } from '../../../shared/server-texts';
import type { Principal } from '../../../shared/users';
import { recordFollowUp } from '../../services/follow-ups';
import { publishMinutes } from '../../services/minutes';
import { setEntryRecording } from '../../services/recordings';
import {
  addEntryTo,
  agendaVersions,
  calendarSessions,
  cancelSession,
  clubStats,
  createDraft,
  editDetails,
  editEntry,
  itemRecommendations,
  loadRecommendation,
  loadSession,
  markHeld,
  memberSessions,
  nextSession,
  publicSessions,
  publicSessionsOfItem,
  publicSessionView,
  publishAgenda,
  recordOutcome,
  removeEntry,
  reorderAgenda,
  requireTransition,
  sessionsInvolving,
  sessionView,
} from '../../services/sessions';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { type CalendarEvent, calendarText } from '../ical';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { Ulid } from '../schemas/item';
import {
  AgendaVersion,
  CancelInput,
  EntryFields,
  FollowUpInput,
  MinutesInput,
  NewEntry,
  OutcomeInput,
  PublishAgendaInput,
  RecommendationView,
  RecordingInput,
  Session,
  SessionInput,
  SessionPatch,
  Versioned,
} from '../schemas/sessions';

export const SessionView = Session.extend({ recommendations: z.array(RecommendationView) }).openapi(
  'Session',
);
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
      const { store, now } = c.var.deps;
      return c.json({ sessions: await publicSessions(store, c.req.valid('query').when, now()) }, 200);
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
      const { sessions, titles } = await calendarSessions(c.var.deps.store);
      const lang = serverLang(c.req.valid('query').lang);
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
      const view = await publicSessionView(store, await loadSession(store, c.req.valid('param').id), now());
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
      return c.json({ versions: await agendaVersions(c.var.deps.store, c.req.valid('param').id) }, 200);
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
      return c.json(
        { recommendations: await itemRecommendations(store, c.req.valid('param').id, now()) },
        200,
      );
    },
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/items/{id}/sessions',
      tags: ['sessions'],
      summary: 'Published sessions whose agenda considers the item, newest first',
      request: { params: IdParam },
      responses: { 200: ok('Sessions, newest first', SessionList), ...problemResponses(400, 503) },
    }),
    async (c) => {
      const { store, now } = c.var.deps;
      return c.json({ sessions: await publicSessionsOfItem(store, c.req.valid('param').id, now()) }, 200);
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
      return c.json({ sessions: await memberSessions(store, now()) }, 200);
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
      return c.json(await sessionView(store, s, now()), 200);
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
      return c.json(await sessionView(store, saved, now()), 201);
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
      return c.json(await sessionView(store, await loadSession(store, c.req.valid('param').id), now()), 200);
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
      const { store, now } = c.var.deps;
      const view = await createDraft(store, input, now(), c.var.user?.sub ?? null, (v) =>
        completionOps(c, 201, v),
      );
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
      return c.json(await sessionView(store, saved, now()), 200);
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
      return c.json(await sessionView(store, saved, now()), 201);
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
      return c.json(await sessionView(store, saved, now()), 200);
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
      return c.json(await sessionView(store, saved, now()), 200);
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
      return c.json(await sessionView(store, saved, now()), 200);
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
      const by = (c.var.user as Principal).name;
      const published = await publishAgenda(store, s, version, changeNote, by, now());
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
      const saved = await markHeld(store, s, c.req.valid('json').version, now());
      return c.json(await sessionView(store, saved, now()), 200);
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
      const saved = await recordOutcome(store, s, entryId, input, now());
      return c.json(await sessionView(store, saved, now()), 200);
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
      return c.json(await sessionView(store, saved, now()), 200);
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
      return c.json(await sessionView(store, saved, at), 200);
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
      const rec = await loadRecommendation(store, itemId, recId);
      authorize(c.var.user, 'sessions.followUp', { bodyId: rec.bodyId });
      const input = c.req.valid('json');
      // "Done" is the body's own word (the club then confirms or contests it: routes/follow-ups.ts).
      if (input.status === 'done') authorize(c.var.user, 'sessions.markDone', { bodyId: rec.bodyId });
      // With the official's documents, claimed in the same transaction (services/follow-ups.ts).
      return c.json(await recordFollowUp(store, rec, input, now(), c.var.user ?? null), 200);
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
      return c.json({ sessions: await sessionsInvolving(store, bodies, now()) }, 200);
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
    const saved = await cancelSession(store, s, version, reason, at);
    return c.json(await sessionView(store, saved, at), 200);
  },
);
