import { describe, expect, it } from 'vitest';
import { withControlDigit } from './bin';
import {
  FLAG_CODES,
  FLAGS,
  type GroupFlagItem,
  groupFlags,
  hhi,
  type ItemFlagInput,
  itemFlags,
} from './flags';

// A resident entity registered in March 2026 (digits 1–4 "2603", 5th digit 4).
const NEW_BIN = withControlDigit('26034000123') ?? withControlDigit('26034000124');
const IIN = withControlDigit('26030300123') ?? withControlDigit('26030300124');
const amended = (before: string, after: string) => ({
  amendments: [{ date: '2026-03-12', valueBefore: before, valueAfter: after }],
});

const itemTable: [string, ItemFlagInput, boolean][] = [
  ['R-AMENDED-UP fires at +20.01 %', amended('1000.00', '1200.10'), true],
  ['R-AMENDED-UP silent at exactly +20 %', amended('1000.00', '1200.00'), false],
  ['R-AMENDED-UP silent without a value at award (minimum sample)', amended('0.00', '5000.00'), false],
  ['R-SINGLE-BID fires on one tenderer', { tender: { numberOfTenderers: 1 } }, true],
  ['R-SINGLE-BID fires on a direct award', { tender: { procurementMethod: 'direct' } }, true],
  [
    'R-SINGLE-BID silent on two tenderers in an open tender',
    { tender: { procurementMethod: 'open', numberOfTenderers: 2 } },
    false,
  ],
  ['R-SINGLE-BID silent without tender data', {}, false],
  [
    'R-NEW-COMPANY fires 5 months after registration',
    { contractorBin: NEW_BIN, tender: { awardDate: '2026-08-20' } },
    true,
  ],
  [
    'R-NEW-COMPANY silent 6 months after registration',
    { contractorBin: NEW_BIN, tender: { awardDate: '2026-09-01' } },
    false,
  ],
  ['R-NEW-COMPANY never reads an IIN', { contractorBin: IIN, tender: { awardDate: '2026-04-01' } }, false],
  ['R-NEW-COMPANY silent without an award date', { contractorBin: NEW_BIN }, false],
];

describe('item flags', () => {
  it.each(itemTable)('%s', (name, input, fires) => {
    const code = name.split(' ')[0] as string;
    expect(itemFlags(input).includes(code as never)).toBe(fires);
  });
});

const BIN_A = '080540001238';
const BIN_B = '123456789013';
const BIN_C = '987654321090';
let n = 0;
const item = (
  body: string,
  bin: string | undefined,
  kzt: bigint,
  extra: Partial<GroupFlagItem> = {},
): GroupFlagItem => ({
  id: `I${++n}`,
  body,
  year: 2026,
  ...(bin ? { contractorBin: bin } : {}),
  contractedTiyn: kzt * 100n,
  status: 'in_progress',
  updatedAt: '2026-06-01T00:00:00.000Z',
  ...extra,
});
const flagsOf = (items: GroupFlagItem[], today = '2026-07-01') => {
  const { flags } = groupFlags(items, today);
  return items.map((i) => flags.get(i.id) ?? []);
};

describe('group and calendar flags', () => {
  it('R-CONCENTRATION fires at a 50 % share of the body-year', () => {
    const f = flagsOf([item('b', BIN_A, 500n), item('b', BIN_B, 300n), item('b', BIN_C, 200n)]);
    expect(f[0]).toContain('R-CONCENTRATION');
    expect(f[1]).not.toContain('R-CONCENTRATION');
  });
  it('R-CONCENTRATION stays silent just under 50 %', () => {
    const f = flagsOf([item('b', BIN_A, 499n), item('b', BIN_B, 301n), item('b', BIN_C, 200n)]);
    expect(f.flat()).not.toContain('R-CONCENTRATION');
  });
  it('R-CONCENTRATION needs 3 contracts in the body-year (minimum sample)', () => {
    const f = flagsOf([item('b', BIN_A, 900n), item('b', BIN_B, 100n)]);
    expect(f.flat()).not.toContain('R-CONCENTRATION');
  });
  it('gives the HHI of each body-year', () => {
    const { hhi: byGroup } = groupFlags([item('b', BIN_A, 500n), item('b', BIN_B, 500n)], '2026-07-01');
    expect(byGroup.get('b|2026')).toBe(5000);
    expect(hhi([1n])).toBe(10000);
  });
  it('R-REPEAT-AWARD fires on the third contract of the same body and contractor in a year', () => {
    const f = flagsOf([item('b', BIN_A, 1n), item('b', BIN_A, 1n), item('b', BIN_A, 1n)]);
    expect(f.every((x) => x.includes('R-REPEAT-AWARD'))).toBe(true);
  });
  it('R-REPEAT-AWARD stays silent on two, and across bodies or years', () => {
    const f = flagsOf([
      item('b', BIN_A, 1n),
      item('b', BIN_A, 1n),
      item('c', BIN_A, 1n),
      item('b', BIN_A, 1n, { year: 2025 }),
    ]);
    expect(f.flat()).not.toContain('R-REPEAT-AWARD');
  });
  it('R-STALE fires after 90 days without an update, not at 89', () => {
    const stale = item('b', undefined, 0n, { updatedAt: '2026-04-02T00:00:00.000Z' });
    const fresh = item('b', undefined, 0n, { updatedAt: '2026-04-03T00:00:00.000Z' });
    const done = item('b', undefined, 0n, { status: 'completed', updatedAt: '2025-01-01T00:00:00.000Z' });
    expect(flagsOf([stale, fresh, done])).toEqual([['R-STALE'], [], []]);
  });
});

describe('flag catalogue', () => {
  it('describes every code once, with formula, data, threshold, sample, source and wording in kk/ru/en', () => {
    expect(FLAGS.map((f) => f.code)).toEqual([...FLAG_CODES]);
    for (const f of FLAGS) {
      for (const v of [
        f.formula,
        f.dataNeeded,
        f.threshold,
        f.minimumSample,
        f.source,
        f.title.kk,
        f.title.ru,
        f.title.en,
      ]) {
        expect(v.length).toBeGreaterThan(0);
      }
    }
  });
});
