import type { ItemStatus } from './categories';
import { percentOf } from './money';

export const EXECUTION_STATES = ['not_started', 'on_track', 'lagging', 'overspent', 'completed'] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];

/** How far (in percentage points) spending may trail elapsed time before an item counts as lagging. */
export const LAG_TOLERANCE_POINTS = 25;

export interface ExecutionInput {
  status: ItemStatus;
  plannedTiyn: bigint;
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

export function executionState(i: ExecutionInput, today: string): ExecutionState {
  if (i.status === 'completed') return 'completed';
  const ceiling = i.contractedTiyn > 0n ? i.contractedTiyn : i.plannedTiyn;
  if (i.spentTiyn > ceiling) return 'overspent';
  if (i.spentTiyn === 0n && (i.status === 'planned' || i.status === 'procurement' || today < i.periodStart)) {
    return 'not_started';
  }
  const spentShare = executionPercent(i);
  const elapsed = elapsedPercent(i.periodStart, i.periodEnd, today);
  return elapsed - spentShare > LAG_TOLERANCE_POINTS ? 'lagging' : 'on_track';
}
