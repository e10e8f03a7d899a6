/**
 * Agenda candidates (issue 21, deliver 1): the items and questions the club should take up next,
 * ranked by the signals the hub already has, each with the reasons that put it on the list.
 *
 * Where the candidates come from, without a Scan:
 *   - risk flags and execution states (late, paid ahead, overspent): the published map snapshot's
 *     compact records (`FeedView.index`, in memory; the same records the list and stats read);
 *   - answers past their legal date: the open questions ordered by due date (byKind
 *     `KIND#QUESTION#open`, `gsi7sk < today`), one bounded Query;
 *   - overdue recommendations: recommendations ordered by due date (byKind `KIND#REC`,
 *     `gsi7sk < today`), open ones only.
 * Then, for the strongest of these only (`ENRICH_LIMIT`), per item: problems found on site visits
 * (the item's visit counts, one GetItem), comments (the thread counters), +1s (the thread's comment
 * records, projected) and followers (a COUNT on the item's subscriber index). Interest alone does
 * not bring an item in: no index orders items by discussion, and a quiet item with no risk signal is
 * not what an agenda is for.
 *
 * Scores are integer weights (below), so the order is stable and explainable: the page shows every
 * reason with its figure, not the score alone.
 */
import { almatyDate } from '../../shared/dates';
import type { ExecutionState } from '../../shared/execution';
import { FLAG_CODES, type FlagCode } from '../../shared/flags';
import type { Localized } from '../../shared/i18n-text';
import { isAgendaEditable, isUpcoming, type Session } from '../../shared/sessions';
import type { Store } from '../data/client';
import { countComments, supportOnItem } from '../data/comments';
import { getItem } from '../data/items';
import { countSubscribers } from '../data/notifications';
import { queryEntityRecords } from '../data/query-all';
import { listOpenQuestionsDueBetween } from '../data/questions';
import { entitiesOf } from '../data/schema';
import { listSessions } from '../data/sessions';
import { getVisitCounts } from '../data/visits';
import type { IndexedRecord } from '../feed/records';
import { executionOf } from '../feed/render';

/** Execution states that put an item forward. */
export const CANDIDATE_EXECUTION_STATES = ['late', 'paid_ahead', 'overspent'] as const;
type CandidateExecution = (typeof CANDIDATE_EXECUTION_STATES)[number];

export type CandidateReason =
  | { code: 'flag'; flag: FlagCode }
  | { code: 'execution'; state: CandidateExecution }
  | { code: 'answer_overdue'; dueOn: string; daysLate: number }
  | { code: 'recommendation_overdue'; due: string; daysLate: number; count: number }
  | { code: 'site_problems'; count: number }
  | { code: 'comments'; count: number }
  | { code: 'support'; count: number }
  | { code: 'followers'; count: number };

export interface AgendaCandidate {
  kind: 'item' | 'question';
  itemId: string;
  questionId?: string;
  title: Localized;
  /** The question's text (absent when a moderator hid it). */
  questionText?: string;
  /** The body the entry would invite: the question's, else the item's. */
  bodyId: string;
  score: number;
  reasons: CandidateReason[];
  /** Upcoming sessions whose agenda already has this (item, or item with this question). */
  onAgendaOf: string[];
}

export interface CandidateSession {
  id: string;
  title: Session['title'];
  startsAt: string;
  startUtc: string;
  status: Session['status'];
}

export interface AgendaCandidates {
  today: string;
  candidates: AgendaCandidate[];
  /** Sessions a candidate can be put on: upcoming, agenda still editable, earliest first. */
  sessions: CandidateSession[];
}

/** Weights: what an agenda is for comes first (money and deadlines), interest adds to it. */
export const WEIGHTS = {
  flag: 3,
  execution: { late: 4, paid_ahead: 4, overspent: 3 } satisfies Record<CandidateExecution, number>,
  answerOverdue: 5,
  recommendationOverdue: 5,
  /** Per 30 days late, on top of the base, at most this many times. */
  lateness: 1,
  latenessCap: 3,
  siteProblems: 3,
  /** Interest: one point per this many, at most `interestCap` points per kind. */
  commentsPerPoint: 5,
  supportPerPoint: 5,
  followersPerPoint: 3,
  interestCap: 3,
} as const;

/** Items looked at closely (site visits, interest); the rest of the pool is ranked on what is known. */
export const ENRICH_LIMIT = 40;

const DAY_MS = 86_400_000;
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
const latenessPoints = (days: number) =>
  Math.min(WEIGHTS.latenessCap, Math.floor(days / 30) * WEIGHTS.lateness);
const interestPoints = (count: number, per: number) => Math.min(WEIGHTS.interestCap, Math.floor(count / per));

/** The score of a candidate's reasons (exported for the unit test of the ranking). */
export function scoreOf(reasons: readonly CandidateReason[]): number {
  let score = 0;
  for (const r of reasons) {
    switch (r.code) {
      case 'flag':
        score += WEIGHTS.flag;
        break;
      case 'execution':
        score += WEIGHTS.execution[r.state];
        break;
      case 'answer_overdue':
        score += WEIGHTS.answerOverdue + latenessPoints(r.daysLate);
        break;
      case 'recommendation_overdue':
        score += WEIGHTS.recommendationOverdue * r.count + latenessPoints(r.daysLate);
        break;
      case 'site_problems':
        score += WEIGHTS.siteProblems + Math.min(WEIGHTS.interestCap, r.count - 1);
        break;
      case 'comments':
        score += interestPoints(r.count, WEIGHTS.commentsPerPoint);
        break;
      case 'support':
        score += interestPoints(r.count, WEIGHTS.supportPerPoint);
        break;
      case 'followers':
        score += interestPoints(r.count, WEIGHTS.followersPerPoint);
        break;
    }
  }
  return score;
}

/** Highest score first; ties: the question before its item, then by id (stable). */
export function rankCandidates<T extends Pick<AgendaCandidate, 'score' | 'itemId' | 'questionId'>>(
  list: T[],
): T[] {
  return [...list].sort(
    (a, b) =>
      b.score - a.score ||
      (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0) ||
      (a.questionId ?? '~').localeCompare(b.questionId ?? '~'),
  );
}

/** What an item's compact record says by itself: its risk flags and execution state. */
export function recordReasons(r: IndexedRecord, today: string): CandidateReason[] {
  const reasons: CandidateReason[] = [];
  const state = executionOf(r, today).state as ExecutionState;
  if ((CANDIDATE_EXECUTION_STATES as readonly string[]).includes(state))
    reasons.push({ code: 'execution', state: state as CandidateExecution });
  for (const f of r.fl ?? [])
    if ((FLAG_CODES as readonly string[]).includes(f)) reasons.push({ code: 'flag', flag: f as FlagCode });
  return reasons;
}

async function overdueRecommendations(store: Store, today: string) {
  // `gsi7sk < <today>`: the sort key is `<due>#<id>`, so a recommendation due today is not yet late.
  const rows = await queryEntityRecords(
    entitiesOf(store)
      .recommendation.query.all({})
      .lt({ due: today })
      .where((a, o) => `${o.eq(a.kind, 'recommendation')} AND ${o.eq(a.status, 'open')}`),
    { options: { attributes: ['itemId', 'due'] } },
  );
  const byItem = new Map<string, { due: string; count: number }>();
  for (const r of rows) {
    const id = r.itemId as string;
    const due = r.due as string;
    const seen = byItem.get(id);
    byItem.set(id, { due: seen && seen.due < due ? seen.due : due, count: (seen?.count ?? 0) + 1 });
  }
  return byItem;
}

/** The interest and site-visit figures of one item (a handful of key reads, no Scan). */
async function itemSignals(store: Store, itemId: string): Promise<CandidateReason[]> {
  const [visits, comments, support, followers] = await Promise.all([
    getVisitCounts(store, itemId),
    countComments(store, itemId),
    supportOnItem(store, itemId),
    countSubscribers(store, 'item', itemId),
  ]);
  const reasons: CandidateReason[] = [];
  const problems = Number(visits.withProblems ?? 0);
  if (problems > 0) reasons.push({ code: 'site_problems', count: problems });
  if (comments > 0) reasons.push({ code: 'comments', count: comments });
  if (support > 0) reasons.push({ code: 'support', count: support });
  if (followers > 0) reasons.push({ code: 'followers', count: followers });
  return reasons;
}

const agendaKey = (itemId: string, questionId?: string) => `${itemId}|${questionId ?? ''}`;

/**
 * The ranked candidates on `now`'s Almaty day, at most `limit`. `records` are the published
 * snapshot's compact records (the caller's FeedView.index.records).
 */
export async function listAgendaCandidates(
  store: Store,
  records: readonly IndexedRecord[],
  now: Date,
  limit: number,
): Promise<AgendaCandidates> {
  const today = almatyDate(now);
  const [overdueQuestions, overdueRecs, sessions] = await Promise.all([
    // Due strictly before today: `listOpenQuestionsDueBetween` is inclusive, so up to yesterday.
    listOpenQuestionsDueBetween(store, '0000-00-00', almatyDate(new Date(now.getTime() - DAY_MS))),
    overdueRecommendations(store, today),
    listSessions(store),
  ]);

  const upcoming = sessions
    .filter((s) => isAgendaEditable(s.status) && isUpcoming(s, now))
    .sort((a, b) => a.startUtc.localeCompare(b.startUtc));
  const onAgenda = new Map<string, string[]>();
  for (const s of upcoming)
    for (const e of s.entries) {
      const k = agendaKey(e.itemId, e.questionId);
      onAgenda.set(k, [...(onAgenda.get(k) ?? []), s.id]);
    }

  // Item candidates: what the snapshot says, plus overdue recommendations.
  const pool = new Map<string, { bodyId: string; reasons: CandidateReason[] }>();
  for (const r of records) {
    const reasons = recordReasons(r, today);
    if (reasons.length) pool.set(r.id, { bodyId: r.b, reasons });
  }
  for (const [itemId, rec] of overdueRecs) {
    const reason: CandidateReason = {
      code: 'recommendation_overdue',
      due: rec.due,
      daysLate: daysBetween(rec.due, today),
      count: rec.count,
    };
    const seen = pool.get(itemId);
    if (seen) seen.reasons.push(reason);
    else pool.set(itemId, { bodyId: '', reasons: [reason] }); // the item's body, read with its title
  }

  // Question candidates: each answer past its legal date.
  const questionCandidates = overdueQuestions.map((q) => ({
    kind: 'question' as const,
    itemId: q.itemId,
    questionId: q.id,
    bodyId: q.bodyId,
    questionText: q.hiddenParts?.question ? undefined : q.text,
    reasons: [
      { code: 'answer_overdue', dueOn: q.dueOn, daysLate: daysBetween(q.dueOn, today) },
    ] as CandidateReason[],
  }));

  // Rank on what is known, look closely at the strongest items, rank again.
  const items = rankCandidates(
    [...pool].map(([itemId, p]) => ({
      kind: 'item' as const,
      itemId,
      bodyId: p.bodyId,
      reasons: p.reasons,
      score: scoreOf(p.reasons),
    })),
  ).slice(0, ENRICH_LIMIT);
  const interest = new Map<string, CandidateReason[]>();
  const enrichIds = [...new Set([...items.map((i) => i.itemId), ...questionCandidates.map((q) => q.itemId)])];
  await Promise.all(
    enrichIds.slice(0, ENRICH_LIMIT * 2).map(async (id) => interest.set(id, await itemSignals(store, id))),
  );

  const ranked = rankCandidates([
    ...items.map((i) => {
      const reasons = [...i.reasons, ...(interest.get(i.itemId) ?? [])];
      return { ...i, reasons, score: scoreOf(reasons) };
    }),
    // A question carries its item's interest too: the people following the item wait for the answer.
    ...questionCandidates.map((q) => {
      const reasons = [...q.reasons, ...(interest.get(q.itemId) ?? [])];
      return { ...q, reasons, score: scoreOf(reasons) };
    }),
  ]).slice(0, limit);

  // Titles (and the item's body where the snapshot had none) for what is shown only.
  const itemsById = new Map(
    await Promise.all(
      [...new Set(ranked.map((c) => c.itemId))].map(async (id) => [id, await getItem(store, id)] as const),
    ),
  );
  const candidates: AgendaCandidate[] = [];
  for (const c of ranked) {
    const item = itemsById.get(c.itemId);
    if (!item) continue; // withdrawn since the snapshot: nothing to put on an agenda
    const strongestFirst = [...c.reasons].sort((a, b) => scoreOf([b]) - scoreOf([a]));
    candidates.push({
      kind: c.kind,
      itemId: c.itemId,
      ...('questionId' in c ? { questionId: c.questionId } : {}),
      ...('questionText' in c && c.questionText ? { questionText: c.questionText } : {}),
      title: item.title,
      bodyId: c.bodyId || item.body.id,
      score: c.score,
      reasons: strongestFirst,
      onAgendaOf: onAgenda.get(agendaKey(c.itemId, 'questionId' in c ? c.questionId : undefined)) ?? [],
    });
  }
  return {
    today,
    candidates,
    sessions: upcoming.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt,
      startUtc: s.startUtc,
      status: s.status,
    })),
  };
}
