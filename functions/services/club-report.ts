/**
 * The club's public report (issue 21, part 8) for a quarter or a year, computed from the same
 * records the pages read: sessions held in the period (by their Almaty start day) and the questions
 * they considered (their agenda entries), the recommendations made at them and their follow-up as of
 * today (done, confirmed by the club, overdue), the answers given in the period and whether on time
 * (the legal term the question workflow computed with shared/deadlines.ts: `dueOn`, extensions
 * included, fixed as `answeredLate` at the first answer), and the impact ledger's effects dated in
 * the period (exact sums), and the most frequent risk flags on the items those sessions considered
 * (the flags the flag job wrote on each item plus the item-only ones, as the item panel shows them;
 * one BatchGet per 100 items, no Scan). The audit chain's head is read first, so every figure counts
 * records at or before it.
 */
import { type ClubReport, inRange, periodRange, rankFlags } from '../../shared/club-report';
import { almatyDate } from '../../shared/dates';
import { FLAG_CODES, itemFlags } from '../../shared/flags';
import { sumImpact } from '../../shared/impact';
import { fromTiyn, toTiyn } from '../../shared/money';
import { followUpStatus, isHeld } from '../../shared/sessions';
import { readHead } from '../audit/chain';
import type { Store } from '../data/client';
import { listImpact } from '../data/impact';
import { fromItemRecord } from '../data/items';
import { batchGetItems } from '../data/list-items';
import { listAllQuestions } from '../data/questions';
import { listRecommendations, listSessions } from '../data/sessions';

export async function clubReport(store: Store, period: string, now: Date): Promise<ClubReport> {
  const range = periodRange(period);
  const today = almatyDate(now);
  const chainHead = await readHead(store);
  const [sessions, recs, questions, effects] = await Promise.all([
    listSessions(store),
    listRecommendations(store),
    listAllQuestions(store),
    listImpact(store, range),
  ]);
  const held = sessions.filter((s) => isHeld(s.status) && inRange(range, s.startsAt));
  const heldIds = new Set(held.map((s) => s.id));
  const made = recs.filter((r) => heldIds.has(r.sessionId));
  const answered = questions.filter((q) => q.answeredOn !== undefined && inRange(range, q.answeredOn));
  const late = answered.filter((q) => q.answeredLate ?? q.answeredOn! > q.dueOn).length;
  const considered = [...new Set(held.flatMap((s) => s.entries.map((e) => e.itemId)))];
  const records = await batchGetItems(store, considered);
  const topFlags = rankFlags(
    [...records.values()].map((record) => {
      const item = fromItemRecord(record);
      const stored = Array.isArray(record.flags) ? (record.flags as string[]) : [];
      return [
        ...stored,
        ...itemFlags({
          ...(item.amendments ? { amendments: item.amendments } : {}),
          ...(item.tender ? { tender: item.tender } : {}),
          ...(item.contractor ? { contractorBin: item.contractor.bin } : {}),
        }),
      ];
    }),
    FLAG_CODES,
  );
  const totals = sumImpact(effects);
  const money = ['money_saved', 'money_recovered', 'purchase_cancelled', 'penalty_applied'] as const;
  const confirmedMoney = money.reduce((n, k) => n + toTiyn(totals.confirmed[k].amountKzt), 0n);
  return {
    ...range,
    asOf: today,
    chainHead,
    figures: {
      sessionsHeld: held.length,
      questionsConsidered: held.reduce((n, s) => n + s.entries.length, 0),
      recommendationsMade: made.length,
      recommendationsDone: made.filter((r) => r.status === 'done').length,
      recommendationsConfirmed: made.filter(
        (r) => r.status === 'done' && r.verification?.verdict === 'confirmed',
      ).length,
      recommendationsOverdue: made.filter((r) => followUpStatus(r, today) === 'overdue').length,
      answersGiven: answered.length,
      answersOnTime: answered.length - late,
      answersLate: late,
      moneySavedKzt: totals.all.money_saved.amountKzt,
      moneyRecoveredKzt: totals.all.money_recovered.amountKzt,
      purchasesCancelledKzt: totals.all.purchase_cancelled.amountKzt,
      penaltiesKzt: totals.all.penalty_applied.amountKzt,
      defectsFixed: totals.all.defect_fixed.count,
      moneyConfirmedKzt: fromTiyn(confirmedMoney),
    },
    topFlags,
  };
}
