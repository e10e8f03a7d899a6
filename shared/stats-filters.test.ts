import { describe, expect, it } from 'vitest';
import { parseStatsFilters, StatsQuery, singleValued } from '../functions/api/schemas/stats-filters';

const parse = (query: Record<string, string>) => parseStatsFilters(StatsQuery.parse(query));
/** The fields zod names for a query it refuses (what the API's 400 lists). */
const refused = (query: Record<string, string>) => {
  const result = StatsQuery.safeParse(query);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('StatsQuery', () => {
  it('reads comma-separated lists of areas, categories, statuses, states, years and bodies', () => {
    expect(
      parse({
        area: 'taraz,merki',
        category: 'roads,health',
        status: 'planned,in_progress',
        state: 'lagging,overspent',
        year: '2025,2026',
        body: 'zha-roads,akimat-shu',
      }),
    ).toEqual({
      areas: ['taraz', 'merki'],
      categories: ['roads', 'health'],
      statuses: ['planned', 'in_progress'],
      states: ['lagging', 'overspent'],
      years: [2025, 2026],
      bodies: ['zha-roads', 'akimat-shu'],
    });
  });

  it('reads the flags filter (`any` or codes) and refuses an unknown flag, naming `flag`', () => {
    expect(parse({ flag: 'any' }).flags).toEqual(['any']);
    expect(parse({ flag: 'R-STALE,R-SINGLE-BID' }).flags).toEqual(['R-STALE', 'R-SINGLE-BID']);
    expect(refused({ flag: 'R-MADE-UP' })).toEqual(['flag']);
  });

  it('accepts a single value as a one-item list', () => {
    expect(parse({ area: 'taraz' })).toEqual({ areas: ['taraz'] });
  });

  it('drops repeated values of a list', () => {
    expect(parse({ state: 'lagging,lagging' }).states).toEqual(['lagging']);
  });

  it('leaves absent filters out, so no filter means every item', () => {
    expect(parse({})).toEqual({});
  });

  it('refuses an unknown execution state, naming `state`', () => {
    expect(refused({ state: 'lagging,delayed' })).toEqual(['state']);
  });

  it('refuses an empty value inside a list', () => {
    expect(refused({ area: 'taraz,' })).toEqual(['area']);
  });

  it('refuses a year outside 2000–2100', () => {
    expect(refused({ year: '2026,1999' })).toEqual(['year']);
  });

  it('keeps amount bounds as exact bigints, past 2^53 once in tiyn', () => {
    const f = parse({ minAmount: '0', maxAmount: '999999999999999' });
    expect(f.minKzt).toBe(0n);
    expect(f.maxKzt).toBe(999_999_999_999_999n);
  });

  it('accepts equal bounds (a range of one amount)', () => {
    expect(refused({ minAmount: '500', maxAmount: '500' })).toEqual([]);
  });

  it('refuses a minimum above the maximum, naming `maxAmount`', () => {
    expect(refused({ minAmount: '501', maxAmount: '500' })).toEqual(['maxAmount']);
  });

  it('refuses negative, fractional and non-numeric amounts', () => {
    expect(refused({ minAmount: '-1' })).toEqual(['minAmount']);
    expect(refused({ minAmount: '1.5' })).toEqual(['minAmount']);
    expect(refused({ maxAmount: 'lots' })).toEqual(['maxAmount']);
  });

  it('reads overdue=1 and refuses any other overdue value', () => {
    expect(parse({ overdue: '1' }).overdue).toBe(true);
    expect(refused({ overdue: 'yes' })).toEqual(['overdue']);
  });

  it('still takes bbox, q and ids as the item list does', () => {
    const id = '01JD0805400012380000000000';
    expect(parse({ bbox: '71,42,72,43', q: 'мектеп', ids: `${id},${id}` })).toEqual({
      bbox: { w: 71, s: 42, e: 72, n: 43 },
      q: 'мектеп',
      ids: [id],
    });
  });
});

describe('singleValued', () => {
  it('gives the item list one value per filter when each list holds one', () => {
    expect(
      singleValued(parse({ area: 'taraz', year: '2026', contractor: '080540001238', q: 'мост' })),
    ).toEqual({
      area: 'taraz',
      year: 2026,
      contractor: '080540001238',
      q: 'мост',
    });
  });

  it.each([
    ['several values', { area: 'taraz,merki' }],
    ['an amount bound', { minAmount: '10' }],
    ['execution states', { state: 'lagging' }],
    ['overdue questions', { overdue: '1' }],
    ['risk flags', { flag: 'any' }],
  ])('sends %s to the search index (null)', (_, query) => {
    expect(singleValued(parse(query))).toBeNull();
  });
});
