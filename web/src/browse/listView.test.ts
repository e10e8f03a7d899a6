import { describe, expect, it } from 'vitest';
import { sortMark } from './listView';
import { emptyFilters } from './urlState';

const state = (key: 'amount' | 'execution', dir: 'asc' | 'desc') => ({
  view: 'list' as const,
  itemId: null,
  filters: emptyFilters(),
  sort: { key, dir },
  page: 1,
});

describe('sortMark', () => {
  it('marks the sorted column with its direction and the others as sortable', () => {
    expect(sortMark(state('execution', 'asc'), 'execution')).toBe(' ▲');
    expect(sortMark(state('execution', 'desc'), 'execution')).toBe(' ▼');
    expect(sortMark(state('execution', 'desc'), 'amount')).toBe(' ↕');
  });
});
