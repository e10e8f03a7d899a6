/**
 * Agenda candidates for club members: items and questions ranked by their risk signals and citizen
 * interest, with the reasons (functions/services/agenda-candidates.ts). Putting one on an agenda is
 * the existing `POST /sessions/{id}/entries` (the invited body defaults there).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { FLAG_CODES } from '../../../shared/flags';
import { CANDIDATE_EXECUTION_STATES, listAgendaCandidates } from '../../services/agenda-candidates';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { Ulid } from '../schemas/item';
import { ClubTextRecord, SESSION_STATUSES } from '../schemas/sessions';
import { feedView } from './feed-view';

const Count = z.number().int().min(0);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const CandidateReason = z
  .discriminatedUnion('code', [
    z.object({ code: z.literal('flag'), flag: z.enum(FLAG_CODES) }),
    z.object({ code: z.literal('execution'), state: z.enum(CANDIDATE_EXECUTION_STATES) }),
    z.object({ code: z.literal('answer_overdue'), dueOn: IsoDate, daysLate: Count }),
    z.object({ code: z.literal('recommendation_overdue'), due: IsoDate, daysLate: Count, count: Count }),
    z.object({ code: z.literal('site_problems'), count: Count }),
    z.object({ code: z.literal('comments'), count: Count }),
    z.object({ code: z.literal('support'), count: Count }),
    z.object({ code: z.literal('followers'), count: Count }),
  ])
  .openapi('AgendaCandidateReason');

const AgendaCandidate = z
  .object({
    kind: z.enum(['item', 'question']),
    itemId: Ulid,
    questionId: Ulid.optional(),
    title: z.record(z.string(), z.string()),
    questionText: z.string().optional(),
    bodyId: z.string(),
    score: Count,
    reasons: z.array(CandidateReason),
    onAgendaOf: z.array(Ulid),
  })
  .openapi('AgendaCandidate');

const AgendaCandidates = z
  .object({
    today: IsoDate,
    candidates: z.array(AgendaCandidate),
    sessions: z.array(
      z.object({
        id: Ulid,
        title: ClubTextRecord,
        startsAt: z.string(),
        startUtc: z.iso.datetime(),
        status: z.enum(SESSION_STATUSES),
      }),
    ),
  })
  .openapi('AgendaCandidates');

export const agendaCandidateRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute('sessions.edit', {
    method: 'get',
    path: '/club/agenda-candidates',
    tags: ['sessions'],
    summary:
      'Items and questions ranked for the next agendas by risk flags, execution state, answers and recommendations past their date, site-visit problems and citizen interest, each with its reasons; and the sessions they can be put on',
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(25) }) },
    responses: {
      200: {
        description: 'Candidates, strongest first',
        content: { 'application/json': { schema: AgendaCandidates } },
      },
      ...problemResponses(400, 401, 403, 503),
    },
  }),
  async (c) => {
    const { store, now } = c.var.deps;
    const { limit } = c.req.valid('query');
    const feed = await feedView(c);
    return c.json(await listAgendaCandidates(store, feed.index.records, now(), limit), 200);
  },
);
