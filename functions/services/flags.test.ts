import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { withControlDigit } from '../../shared/bin';
import { DEFAULT_QUERY_CAP } from '../data/query-all';
import { computeItemFlags, readItems, SITE_CONTESTED_MIN_VISITS, splitRange } from './flags';

const BIN_A = '080540001238';
const BIN_B = '123456789013';
const BIN_C = '987654321090';
const NEW_BIN = withControlDigit('26034000123') ?? withControlDigit('26034000124')!;
const TODAY = '2026-07-01';

let n = 0;
type Stored = Parameters<typeof computeItemFlags>[0][number];
const item = (extra: Partial<Stored> = {}): Stored => ({
  id: `I${++n}`,
  area: 'taraz',
  body: { id: 'b' },
  fiscalYear: 2026,
  contractedTiyn: 100_00,
  status: 'in_progress',
  provenance: { updatedAt: '2026-06-01T00:00:00.000Z' },
  ...extra,
});
const withBin = (bin: string, tiyn: number) =>
  item({ contractor: { name: 'ТОО', bin }, contractedTiyn: tiyn });

/** [what, items, the item looked at, the flag, its numbers or null when it must stay silent] */
const table: [string, () => Stored[], number, string, Record<string, unknown> | null][] = [
  [
    'R-AMENDED-UP fires with the exact percent',
    () => [item({ amendments: [{ date: '2026-03-12', valueBefore: '1000.00', valueAfter: '1340.00' }] })],
    0,
    'R-AMENDED-UP',
    { valueAtAward: '1000.00', valueNow: '1340.00', increasePercent: '34.0' },
  ],
  [
    'R-AMENDED-UP silent at +20 % exactly',
    () => [item({ amendments: [{ date: '2026-03-12', valueBefore: '1000.00', valueAfter: '1200.00' }] })],
    0,
    'R-AMENDED-UP',
    null,
  ],
  [
    'R-SINGLE-BID fires with the tenderers',
    () => [item({ tender: { numberOfTenderers: 1 } })],
    0,
    'R-SINGLE-BID',
    { tenderers: 1 },
  ],
  ['R-SINGLE-BID silent without tender data', () => [item()], 0, 'R-SINGLE-BID', null],
  [
    'R-NEW-COMPANY fires with the months',
    () => [item({ contractor: { name: 'ТОО', bin: NEW_BIN }, tender: { awardDate: '2026-08-20' } })],
    0,
    'R-NEW-COMPANY',
    { registered: '2026-03', awarded: '2026-08-20', months: 5 },
  ],
  [
    'R-CONCENTRATION fires with share and HHI',
    () => [withBin(BIN_A, 600_00), withBin(BIN_B, 300_00), withBin(BIN_C, 100_00)],
    0,
    'R-CONCENTRATION',
    { body: 'b', year: 2026, contractor: BIN_A, sharePercent: '60.0', hhi: 4600 },
  ],
  [
    'R-CONCENTRATION silent under its minimum sample (2 contracts)',
    () => [withBin(BIN_A, 900_00), withBin(BIN_B, 100_00)],
    0,
    'R-CONCENTRATION',
    null,
  ],
  [
    'R-REPEAT-AWARD fires with the count',
    () => [withBin(BIN_A, 1), withBin(BIN_A, 1), withBin(BIN_A, 1)],
    2,
    'R-REPEAT-AWARD',
    { body: 'b', year: 2026, contractor: BIN_A, contracts: 3 },
  ],
  ['R-REPEAT-AWARD silent on two', () => [withBin(BIN_A, 1), withBin(BIN_A, 1)], 1, 'R-REPEAT-AWARD', null],
  [
    'R-STALE fires with the days',
    () => [item({ provenance: { updatedAt: '2026-03-01T00:00:00.000Z' } })],
    0,
    'R-STALE',
    { daysWithoutUpdate: 122, lastUpdate: '2026-03-01' },
  ],
  [
    'R-STALE silent on a completed item',
    () => [item({ status: 'completed', provenance: { updatedAt: '2025-01-01T00:00:00.000Z' } })],
    0,
    'R-STALE',
    null,
  ],
];

describe('the flag job’s computation', () => {
  it.each(table)('%s', (_what, make, at, code, numbers) => {
    const items = make();
    const result = computeItemFlags(items, TODAY).get(items[at]!.id)!;
    if (numbers === null) {
      expect(result.flags).not.toContain(code);
    } else {
      expect(result.flags).toContain(code);
      expect(result.facts[code as keyof typeof result.facts]).toEqual(numbers);
    }
  });

  it('lists flags in catalogue order, so equal results serialize equally', () => {
    const i = item({
      tender: { numberOfTenderers: 1 },
      amendments: [{ date: '2026-03-12', valueBefore: '1.00', valueAfter: '2.00' }],
      provenance: { updatedAt: '2025-01-01T00:00:00.000Z' },
    });
    expect(computeItemFlags([i], TODAY).get(i.id)!.flags).toEqual([
      'R-AMENDED-UP',
      'R-SINGLE-BID',
      'R-STALE',
    ]);
  });

  it('R-SITE-CONTESTED fires from the evidence seam at its minimum of visits, not below', () => {
    const a = item();
    const b = item();
    const visits = new Map([
      [a.id, SITE_CONTESTED_MIN_VISITS],
      [b.id, SITE_CONTESTED_MIN_VISITS - 1],
    ]);
    const r = computeItemFlags([a, b], TODAY, visits);
    expect(r.get(a.id)!.facts['R-SITE-CONTESTED']).toEqual({
      visitsFindingProblems: SITE_CONTESTED_MIN_VISITS,
    });
    expect(r.get(b.id)!.flags).not.toContain('R-SITE-CONTESTED');
  });
});

describe("the flag job's whole-table read", () => {
  it('reads every item once, past the default cap of a full read, splitting a range of more than a page on its next id digit instead of paging through it (a region with 12,000 items gets its flags)', async () => {
    const total = DEFAULT_QUERY_CAP + 7000;
    // The byKind index's item keys (`<year>#<id>`), sorted: three years, ids whose first digit is
    // 0–7 (as a ULID's) and later digits over all of base32, and two ids of another shape; every key
    // answered as its item, a hundred to a page.
    const digits = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const keys = [
      ...Array.from(
        { length: total },
        (_, i) =>
          `${2024 + (i % 3)}#${digits[(i >> 2) % 8]}${digits[(i * 7) % 32]}${String(i).padStart(24, '0')}`,
      ),
      '2025#~not-base32',
      '2026#zz-other',
    ].sort();
    const conditions: string[] = [];
    let laterPages = 0;
    const send = async (cmd: {
      input: {
        KeyConditionExpression: string;
        ExpressionAttributeValues: Record<string, string>;
        ScanIndexForward?: boolean;
        Limit?: number;
        ExclusiveStartKey?: { n: number };
      };
    }) => {
      const { KeyConditionExpression: c, ExpressionAttributeValues: v } = cmd.input;
      if (cmd.input.ExclusiveStartKey) laterPages++;
      else conditions.push(c);
      const [a = '', b = ''] = [v[':a'], v[':b']];
      let matched = keys.filter((k) =>
        c.includes('BETWEEN')
          ? a <= k && k <= b
          : c.includes('>=')
            ? k >= a
            : c.includes('<=')
              ? k <= b
              : true,
      );
      if (cmd.input.ScanIndexForward === false) matched = matched.reverse();
      const from = cmd.input.ExclusiveStartKey?.n ?? 0;
      const to = Math.min(from + (cmd.input.Limit ?? 100), matched.length);
      const Items = matched.slice(from, to).map((k) => ({ id: k, gsi7sk: k }));
      return { Items, ...(to < matched.length ? { LastEvaluatedKey: { n: to } } : {}) };
    };
    const store = { doc: { send } as unknown as DynamoDBDocumentClient, table: 'flags-test' };
    const read = await readItems(store);
    expect(read.map((i) => i.id).sort()).toEqual(keys);
    // 24 ranges of about 500 keys (a year and a first digit), each split after its first page.
    expect(conditions.length).toBeGreaterThan(24 * 8);
    expect(laterPages).toBe(0);
  });

  it('splits the rest of a range after its last key into one range per next id digit, covering it up to its end', () => {
    const parts = splitRange({ lo: '2026#3', hi: '2026#4', prefix: '2026#3' }, '2026#3K5');
    expect(parts[0]).toEqual({ lo: '2026#3K5', hi: '2026#3M', prefix: '2026#3K' });
    expect(parts.map((p) => p.lo?.slice(-1)).join('')).toBe('5MNPQRSTVWXYZ');
    expect(parts.at(-1)).toEqual({ lo: '2026#3Z', hi: '2026#4', prefix: '2026#3Z' });
    for (const [i, p] of parts.entries()) if (i) expect(p.lo).toBe(parts[i - 1]!.hi);
  });
});
