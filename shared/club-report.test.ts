import { describe, expect, it } from 'vitest';
import { rankFlags } from './club-report';

const CATALOGUE = ['R-A', 'R-B', 'R-C'];

describe('the report’s most frequent flags', () => {
  it('count an item once per flag, most items first', () => {
    expect(rankFlags([['R-B', 'R-B'], ['R-B', 'R-C'], ['R-C'], ['R-C']], CATALOGUE)).toEqual([
      { code: 'R-C', items: 3 },
      { code: 'R-B', items: 2 },
    ]);
  });

  it('break ties in catalogue order, not in the order the items came', () => {
    expect(rankFlags([['R-C'], ['R-A']], CATALOGUE).map((f) => f.code)).toEqual(['R-A', 'R-C']);
  });
});
