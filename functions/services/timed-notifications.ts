/**
 * Timed notices: events that no change writes, because they are about time passing. Written into
 * the same outbox as every other event, by a job that the cloud runs on a schedule
 * (functions/notify/timed-handler.ts), `npm start` on a timer and tests with their own clock.
 *
 *   - `question.due-soon`: an open question's answer is due in 3 working days or less
 *     (shared/deadlines.ts `isDueSoon`, working days in Asia/Almaty): the body's mailbox and its
 *     opted-in officials hear it.
 *   - `question.overdue`: the day after the due date passed without an answer: the asker, the
 *     item's followers and the body hear it.
 *   - `recommendation.due-soon` / `recommendation.overdue`: a club recommendation to a
 *     body, open, due in 3 working days or less / past its due date: the body's mailbox and its
 *     opted-in officials hear it, once per recommendation and due date.
 *   - `session.invitation-reminder`: the day before a club session, each invited body that has not
 *     declined (./invitations.ts `emitSessionReminders`; once per session, body and start).
 *   - `ops.dlq-nonempty` (issue 17): the dead-letter queue holds messages: the admins hear it, at
 *     most once per hour while it does (`emitDeadLetterNotice`).
 *
 * The same hourly pass writes the digests that are due (./digests.ts).
 *
 * Idempotent per (question, kind, due date): the event id is made of the three, and the outbox
 * put is conditional on the id being new. A re-run, or two runs at once, write each notice once;
 * an extension (a new due date) makes a new notice due.
 */
import { almatyDate } from '../../shared/dates';
import { addDays, addWorkingDays, DUE_SOON_WORKING_DAYS, isDueSoon } from '../../shared/deadlines';
import { isOverdue, type Question } from '../../shared/questions';
import { isOverdue as isRecommendationOverdue, type Recommendation } from '../../shared/sessions';
import type { Store } from '../data/client';
import { getItem } from '../data/items';
import {
  countDeadLetters,
  type NotificationEvent,
  putOutboxEvent,
  questionEventData,
} from '../data/notifications';
import { listOpenQuestionsDueBetween } from '../data/questions';
import { listRecommendationsDueBetween } from '../data/sessions';
import { composeDigests } from './digests';
import { emitSessionReminders } from './invitations';

/** A missed run (a day of downtime) still sends the overdue notice if the due date is this recent. */
export const OVERDUE_CATCH_UP_DAYS = 7;

export type TimedKind = 'question.due-soon' | 'question.overdue';

export interface TimedRunReport {
  today: string;
  /** Notices written by this run (0 on a re-run the same day). */
  dueSoon: number;
  overdue: number;
  /** Notices found already written (by an earlier or a concurrent run). */
  already: number;
  /** Day-before reminders of club sessions written by this run. */
  sessionReminders?: number;
  /** Club recommendations to a body due in 3 working days or less, and past due. */
  recommendationDueSoon?: number;
  recommendationOverdue?: number;
  /** Dead letters held in the last day, and whether this run wrote the hour's notice to admins (issue 17). */
  deadLetters?: number;
  deadLetterNotice?: boolean;
}

/** How long the local dead-letter queue keeps a dead letter (its "retention"): one day. */
export const DEAD_LETTER_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * `ops.dlq-nonempty` (issue 17): while the dead-letter queue holds messages, the admins hear of it
 * by their channels, at most once per hour (the event id is the UTC hour, its put conditional), so
 * an hourly job, a re-run or two runs at once write one notice an hour. In the cloud the CloudWatch
 * alarm on the SQS dead-letter queue's depth (infra/constructs/operations.ts) pages as well.
 */
export async function emitDeadLetterNotice(
  store: Store,
  now: Date,
): Promise<{ depth: number; written: boolean }> {
  const depth = await countDeadLetters(store, new Date(now.getTime() - DEAD_LETTER_WINDOW_MS));
  if (depth === 0) return { depth, written: false };
  const written = await putOutboxEvent(store, {
    id: `ops-dlq-nonempty-${now.toISOString().slice(0, 13)}`,
    type: 'ops.dlq-nonempty',
    at: now.toISOString(),
    subject: { kind: 'data-run', id: 'dead-letters' },
    actorSub: null,
    data: { depth: String(depth) },
  });
  return { depth, written };
}

export type RecommendationTimedKind = 'recommendation.due-soon' | 'recommendation.overdue';

/** One notice per (recommendation, kind, due date): a re-run the same day (or any later day) writes nothing. */
export function recommendationEventId(
  kind: RecommendationTimedKind,
  rec: Pick<Recommendation, 'id' | 'due'>,
): string {
  return `rec-${kind === 'recommendation.due-soon' ? 'due-soon' : 'overdue'}-${rec.id}-${rec.due}`;
}

/**
 * Club recommendations addressed to a body: its mailbox and opted-in officials hear when
 * an open one is due in 3 working days or less, and the day after its due date passed. Two bounded
 * Queries on the recommendations by due date, never a Scan; the item titles for the message in one
 * parallel round.
 */
export async function emitRecommendationNotices(
  store: Store,
  now: Date,
): Promise<{ dueSoon: number; overdue: number; already: number }> {
  const today = almatyDate(now);
  const [soon, late] = await Promise.all([
    listRecommendationsDueBetween(
      store,
      today,
      addDays(addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1), -1),
    ),
    listRecommendationsDueBetween(store, addDays(today, -OVERDUE_CATCH_UP_DAYS), addDays(today, -1)),
  ]);
  const due: [RecommendationTimedKind, Recommendation][] = [
    ...soon
      .filter((r) => r.status === 'open' && isDueSoon(r.due, today))
      .map((r) => ['recommendation.due-soon', r] as [RecommendationTimedKind, Recommendation]),
    ...late
      .filter((r) => isRecommendationOverdue(r, today))
      .map((r) => ['recommendation.overdue', r] as [RecommendationTimedKind, Recommendation]),
  ];
  const titles = new Map(
    await Promise.all(
      [...new Set(due.map(([, r]) => r.itemId))].map(
        async (id) => [id, (await getItem(store, id))?.title ?? {}] as const,
      ),
    ),
  );
  const out = { dueSoon: 0, overdue: 0, already: 0 };
  await Promise.all(
    due.map(async ([kind, r]) => {
      const fresh = await putOutboxEvent(store, {
        id: recommendationEventId(kind, r),
        type: kind,
        at: now.toISOString(),
        subject: { kind: 'item', id: r.itemId, itemId: r.itemId },
        actorSub: null,
        data: {
          itemId: r.itemId,
          recommendationId: r.id,
          bodyId: r.bodyId,
          dueOn: r.due,
          itemTitle: JSON.stringify(titles.get(r.itemId) ?? {}),
        },
      });
      if (!fresh) out.already++;
      else if (kind === 'recommendation.due-soon') out.dueSoon++;
      else out.overdue++;
    }),
  );
  return out;
}

/** The event id: one per (question, kind, due date), so the conditional put makes the job idempotent. */
export function timedEventId(kind: TimedKind, q: Pick<Question, 'id' | 'dueOn'>): string {
  return `${kind === 'question.due-soon' ? 'due-soon' : 'overdue'}-${q.id}-${q.dueOn}`;
}

function timedEvent(kind: TimedKind, q: Question, now: Date): NotificationEvent {
  return {
    id: timedEventId(kind, q),
    type: kind,
    at: now.toISOString(),
    subject: { kind: 'question', id: q.id, itemId: q.itemId },
    actorSub: null,
    data: questionEventData(q),
  };
}

/**
 * Writes the timed notices due at `now` into the outbox (the notifier fans them out as any event).
 * Two bounded Queries on the open questions by due date, never a Scan.
 */
export async function emitTimedEvents(store: Store, now: Date): Promise<TimedRunReport> {
  const today = almatyDate(now);
  const [soon, late] = await Promise.all([
    // Due today up to the third working day from now (and any day off before the fourth, e.g. an
    // extension capped on a holiday); `isDueSoon` then applies the rule itself.
    listOpenQuestionsDueBetween(store, today, addDays(addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1), -1)),
    // Past due (yesterday or before), within the catch-up window.
    listOpenQuestionsDueBetween(store, addDays(today, -OVERDUE_CATCH_UP_DAYS), addDays(today, -1)),
  ]);
  const events = [
    ...soon.filter((q) => isDueSoon(q.dueOn, today)).map((q) => timedEvent('question.due-soon', q, now)),
    ...late.filter((q) => isOverdue(q, today)).map((q) => timedEvent('question.overdue', q, now)),
  ];
  const [sessions, recommendations, deadLetters] = await Promise.all([
    emitSessionReminders(store, now),
    emitRecommendationNotices(store, now),
    emitDeadLetterNotice(store, now),
  ]);
  const report: TimedRunReport = {
    today,
    dueSoon: 0,
    overdue: 0,
    already: sessions.already,
    sessionReminders: sessions.reminders,
    recommendationDueSoon: recommendations.dueSoon,
    recommendationOverdue: recommendations.overdue,
    deadLetters: deadLetters.depth,
    deadLetterNotice: deadLetters.written,
  };
  report.already += recommendations.already;
  for (const written of await Promise.all(
    events.map(async (e) => ({ e, fresh: await putOutboxEvent(store, e) })),
  )) {
    if (!written.fresh) report.already++;
    else if (written.e.type === 'question.due-soon') report.dueSoon++;
    else report.overdue++;
  }
  return report;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * `npm start`'s timer: now (after the demo load) and then every hour; a run finds nothing new
 * until a date turns, so the hour only bounds how late after midnight a notice is written.
 */
export function startTimedEvents(
  store: Store,
  opts: { everyMs?: number; now?: () => Date; log?: Pick<Console, 'warn'> } = {},
): () => void {
  const log = opts.log ?? console;
  // The hourly pass also writes the digests that are due (./digests.ts).
  const run = () => {
    const now = (opts.now ?? (() => new Date()))();
    return Promise.all([emitTimedEvents(store, now), composeDigests(store, now)]).then(
      () => undefined,
      (err: unknown) =>
        log.warn(`Timed notices could not run: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  void run();
  const timer = setInterval(run, opts.everyMs ?? HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
