import { describe, expect, it } from 'vitest';
import { topRows } from './statsStrip';

const row = (key: string, planned: string) => ({ key, count: 1, planned, contracted: '0', spent: '0' });

describe('topRows', () => {
  it('keeps the rows with the most planned money, largest first, compared exactly', () => {
    const rows = [
      row('a', '10'),
      row('b', '9007199254740993.01'),
      row('c', '9007199254740993.02'),
      row('d', '5'),
    ];
    expect(topRows(rows, 3).map((r) => r.key)).toEqual(['c', 'b', 'a']);
  });
});
