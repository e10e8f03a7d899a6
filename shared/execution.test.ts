import { describe, expect, it } from 'vitest';
import { type ExecutionInput, elapsedPercent, executionPercent, executionState } from './execution';

const base: ExecutionInput = {
  status: 'in_progress',
  plannedTiyn: 100_000n,
  contractedTiyn: 90_000n,
  spentTiyn: 45_000n,
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
};

describe('execution', () => {
  it('measures spending against the contract when there is one', () => {
    expect(executionPercent(base)).toBe(50);
  });
  it('measures spending against the plan before a contract exists', () => {
    expect(executionPercent({ ...base, contractedTiyn: 0n })).toBe(45);
  });
  it('calls an item on track when spending keeps up with elapsed time', () => {
    expect(executionState(base, '2026-07-01')).toBe('on_track');
  });
  it('calls an item lagging when spending trails elapsed time by more than the tolerance', () => {
    expect(executionState({ ...base, spentTiyn: 9_000n }, '2026-11-28')).toBe('lagging');
  });
  it('calls an item overspent when spending passes the contract', () => {
    expect(executionState({ ...base, spentTiyn: 90_001n }, '2026-07-01')).toBe('overspent');
  });
  it('calls an item not started when nothing is spent and work has not begun', () => {
    expect(executionState({ ...base, status: 'procurement', spentTiyn: 0n }, '2026-07-01')).toBe(
      'not_started',
    );
  });
  it('calls a completed item completed whatever the figures', () => {
    expect(executionState({ ...base, status: 'completed', spentTiyn: 1n }, '2026-07-01')).toBe('completed');
  });
  it('clamps elapsed time to the period', () => {
    expect(elapsedPercent('2026-01-01', '2026-12-31', '2025-06-01')).toBe(0);
    expect(elapsedPercent('2026-01-01', '2026-12-31', '2027-06-01')).toBe(100);
  });
});
