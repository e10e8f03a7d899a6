import type { ItemStatus } from './categories';
import { percentOf } from './money';

/**
 * Execution states, in the order they are tested. `late` and `paid_ahead` come before the lag test:
 * an item past its period or its handover date, or paid almost in full before the works are handed
 * over, must not show as "on track" only because spending keeps pace with elapsed time.
 * "Overdue" is kept for answers past their legal date (the `answersOverdue` filter), never for works.
 */
export const EXECUTION_STATES = [
  'not_started',
  'on_track',
  'lagging',
  'late',
  'paid_ahead',
  'overspent',
  'completed',
] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];

/** How far (in percentage points) spending may trail elapsed time before an item counts as lagging. */
export const LAG_TOLERANCE_POINTS = 25;
/** Share of the current (amended) contract value paid, in percent, from which payment is "ahead". */
export const PAID_AHEAD_PERCENT = 90n;

/**
 * What the state needs besides money and period. The milestone figures are optional because a record
 * may carry none; then `late` rests on the period alone and `paid_ahead` cannot be judged (stays silent).
 */
export interface ExecutionMilestones {
  /** Due date (YYYY-MM-DD) of the handover/acceptance milestone, when the item has one. */
  handoverDue?: string;
  /** True when the handover/acceptance milestone is met. */
  handoverMet?: boolean;
  /** Milestones counted (cancelled ones left out) and how many of them are met. */
  milestonesTotal?: number;
  milestonesMet?: number;
}

export interface ExecutionInput extends ExecutionMilestones {
  status: ItemStatus;
  plannedTiyn: bigint;
  /** The current contract value, amendments included. */
  contractedTiyn: bigint;
  spentTiyn: bigint;
  periodStart: string; // YYYY-MM-DD
  periodEnd: string; // YYYY-MM-DD
}

/** Execution % is spent against the contract when there is one, else against the plan. */
export function executionPercent(
  i: Pick<ExecutionInput, 'plannedTiyn' | 'contractedTiyn' | 'spentTiyn'>,
): number {
  const base = i.contractedTiyn > 0n ? i.contractedTiyn : i.plannedTiyn;
  return percentOf(i.spentTiyn, base);
}

function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

/** Share of the item's period already elapsed on `today` (YYYY-MM-DD, Asia/Almaty), 0..100. */
export function elapsedPercent(periodStart: string, periodEnd: string, today: string): number {
  const start = dayNumber(periodStart);
  const end = dayNumber(periodEnd);
  const now = dayNumber(today);
  if (now <= start) return 0;
  if (now >= end || end <= start) return 100;
  return Math.round(((now - start) / (end - start)) * 1000) / 10;
}

/**
 * Late on `today`: the period has ended (its last day is a working day) or the handover milestone's
 * due date has passed without it being met. Completed and cancelled items are never late.
 */
export function isLate(i: ExecutionInput, today: string): boolean {
  if (i.status === 'completed' || i.status === 'cancelled') return false;
  if (today > i.periodEnd) return true;
  return i.handoverDue !== undefined && !i.handoverMet && today > i.handoverDue;
}

/**
 * Paid ahead: at least 90 % of the current contract value is paid while the handover is not met, or
 * fewer than half of the milestones are met. Without a contract or any milestone data it stays silent.
 */
export function isPaidAhead(i: ExecutionInput): boolean {
  if (i.status === 'completed' || i.contractedTiyn <= 0n) return false;
  if (i.spentTiyn * 100n < i.contractedTiyn * PAID_AHEAD_PERCENT) return false;
  const handoverOpen = i.handoverDue !== undefined && !i.handoverMet;
  const total = i.milestonesTotal ?? 0;
  const fewMet = total > 0 && (i.milestonesMet ?? 0) * 2 < total;
  return handoverOpen || fewMet;
}

export function executionState(i: ExecutionInput, today: string): ExecutionState {
  if (i.status === 'completed') return 'completed';
  const ceiling = i.contractedTiyn > 0n ? i.contractedTiyn : i.plannedTiyn;
  if (i.spentTiyn > ceiling) return 'overspent';
  if (isLate(i, today)) return 'late';
  if (isPaidAhead(i)) return 'paid_ahead';
  if (i.spentTiyn === 0n && (i.status === 'planned' || i.status === 'procurement' || today < i.periodStart)) {
    return 'not_started';
  }
  const spentShare = executionPercent(i);
  const elapsed = elapsedPercent(i.periodStart, i.periodEnd, today);
  return elapsed - spentShare > LAG_TOLERANCE_POINTS ? 'lagging' : 'on_track';
}

/** A milestone as the item model keeps it (see shared/item.ts), reduced to what the state reads. */
export interface MilestoneFacts {
  due: string;
  met?: string;
  status: string;
  type?: string;
}

/**
 * Milestone figures of an item: the handover is the last-due milestone of OCDS type "delivery"
 * (handover/acceptance of the works); cancelled milestones are not counted.
 */
export function milestoneFacts(milestones: readonly MilestoneFacts[] | undefined): ExecutionMilestones {
  const live = (milestones ?? []).filter((m) => m.status !== 'cancelled');
  if (live.length === 0) return {};
  let handover: MilestoneFacts | undefined;
  for (const m of live) if (m.type === 'delivery' && (!handover || m.due >= handover.due)) handover = m;
  const isMet = (m: MilestoneFacts) => m.status === 'met' || m.met !== undefined;
  return {
    ...(handover ? { handoverDue: handover.due, handoverMet: isMet(handover) } : {}),
    milestonesTotal: live.length,
    milestonesMet: live.filter(isMet).length,
  };
}
