import { describe, expect, it } from 'vitest';
import {
  type ExecutionInput,
  type ExecutionState,
  elapsedPercent,
  executionPercent,
  executionState,
  milestoneFacts,
} from './execution';

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
  it('clamps elapsed time to the period', () => {
    expect(elapsedPercent('2026-01-01', '2026-12-31', '2025-06-01')).toBe(0);
    expect(elapsedPercent('2026-01-01', '2026-12-31', '2027-06-01')).toBe(100);
  });
});

// Handover due 1 October, not met; 4 milestones, 1 met.
const handoverOpen = { handoverDue: '2026-10-01', handoverMet: false, milestonesTotal: 4, milestonesMet: 1 };
const handoverDone = { handoverDue: '2026-10-01', handoverMet: true, milestonesTotal: 4, milestonesMet: 4 };

const table: [string, Partial<ExecutionInput>, string, ExecutionState][] = [
  ['on track when spending keeps up with elapsed time', {}, '2026-07-01', 'on_track'],
  [
    'lagging when spending trails time by more than the tolerance',
    { spentTiyn: 9_000n },
    '2026-11-28',
    'lagging',
  ],
  ['overspent when spending passes the contract', { spentTiyn: 90_001n }, '2026-07-01', 'overspent'],
  ['overspent even when also late', { spentTiyn: 90_001n }, '2027-02-01', 'overspent'],
  [
    'not started when nothing is spent in procurement',
    { status: 'procurement', spentTiyn: 0n },
    '2026-07-01',
    'not_started',
  ],
  ['not started before the period begins', { spentTiyn: 0n }, '2025-12-01', 'not_started'],
  ['completed whatever the figures', { status: 'completed', spentTiyn: 1n }, '2026-07-01', 'completed'],
  [
    'completed even after the period and with the handover open',
    { status: 'completed', ...handoverOpen },
    '2027-03-01',
    'completed',
  ],
  // late: period ended
  [
    'late the day after the period ends (78.6 % spent, the sewer case)',
    { spentTiyn: 70_740n },
    '2027-01-01',
    'late',
  ],
  ['not late on the last day of the period', { spentTiyn: 70_740n }, '2026-12-31', 'on_track'],
  ['late when suspended past the period', { status: 'suspended' }, '2027-01-05', 'late'],
  ['late when still planned past the period', { status: 'planned', spentTiyn: 0n }, '2027-01-05', 'late'],
  ['never late when cancelled (only the lag test applies)', { status: 'cancelled' }, '2027-01-05', 'lagging'],
  // late: handover milestone past due and not met
  [
    'late the day after a missed handover date',
    { ...handoverOpen, spentTiyn: 60_000n },
    '2026-10-02',
    'late',
  ],
  [
    'not late on the handover due date itself',
    { ...handoverOpen, spentTiyn: 60_000n },
    '2026-10-01',
    'on_track',
  ],
  [
    'not late when the handover was met on time',
    { ...handoverDone, spentTiyn: 60_000n },
    '2026-10-02',
    'on_track',
  ],
  ['late wins over paid ahead', { ...handoverOpen, spentTiyn: 85_000n }, '2026-10-02', 'late'],
  // paid ahead: ≥ 90 % of the current contract
  [
    'paid ahead at exactly 90 % with the handover open',
    { ...handoverOpen, spentTiyn: 81_000n },
    '2026-03-01',
    'paid_ahead',
  ],
  ['not paid ahead just under 90 %', { ...handoverOpen, spentTiyn: 80_999n }, '2026-03-01', 'on_track'],
  [
    'not paid ahead when the handover is met',
    { ...handoverDone, spentTiyn: 85_000n },
    '2026-09-01',
    'on_track',
  ],
  [
    'paid ahead with no handover milestone but fewer than half the milestones met',
    { milestonesTotal: 4, milestonesMet: 1, spentTiyn: 85_000n },
    '2026-03-01',
    'paid_ahead',
  ],
  [
    'not paid ahead with half of the milestones met and no handover milestone',
    { milestonesTotal: 4, milestonesMet: 2, spentTiyn: 85_000n },
    '2026-03-01',
    'on_track',
  ],
  ['silent on paid ahead without any milestone data', { spentTiyn: 85_000n }, '2026-03-01', 'on_track'],
  [
    'measured against the amended contract value (raised to 100,000: 85 % is not ahead)',
    { ...handoverOpen, contractedTiyn: 100_000n, spentTiyn: 85_000n },
    '2026-03-01',
    'on_track',
  ],
  [
    'paid ahead is checked before the lag test',
    { ...handoverOpen, spentTiyn: 81_000n },
    '2026-09-30',
    'paid_ahead',
  ],
  [
    'not paid ahead without a contract',
    { ...handoverOpen, contractedTiyn: 0n, spentTiyn: 95_000n },
    '2026-03-01',
    'on_track',
  ],
];

describe('execution state table', () => {
  it.each(table)('%s', (_name, change, today, expected) => {
    expect(executionState({ ...base, ...change }, today)).toBe(expected);
  });
});

describe('milestone facts', () => {
  it('takes the last-due delivery milestone as the handover and leaves cancelled ones out', () => {
    expect(
      milestoneFacts([
        { due: '2026-03-01', status: 'met', met: '2026-03-02' },
        { due: '2026-05-01', status: 'met', type: 'delivery', met: '2026-05-01' },
        { due: '2026-10-01', status: 'missed', type: 'delivery' },
        { due: '2026-11-01', status: 'cancelled', type: 'delivery' },
      ]),
    ).toEqual({ handoverDue: '2026-10-01', handoverMet: false, milestonesTotal: 3, milestonesMet: 2 });
  });
  it('gives nothing for an item without milestones', () => {
    expect(milestoneFacts([])).toEqual({});
  });
});
