import { describe, expect, it } from 'vitest';
import { emptyFilters, parseState, stateToPath } from './urlState';

const ID = '01JD0000000000000000000000';
const at = (path: string) => parseState(new URL(path, 'http://hub.test'));

describe('URL state', () => {
  it('reads the map view with no filters from the root path', () => {
    const s = at('/');
    expect(s).toEqual({
      view: 'map',
      itemId: null,
      filters: emptyFilters(),
      sort: { key: 'amount', dir: 'desc' },
      page: 1,
    });
  });

  it('round-trips filters, view, sort and page through the path', () => {
    const path =
      '/list?area=taraz,merki&cat=roads&status=in_progress&exec=lagging,overspent&year=2026&body=zha-roads&min=1000&max=5000000&q=мектеп&sort=execution-asc&page=3';
    const s = at(path);
    expect(s.view).toBe('list');
    expect(s.filters.areas).toEqual(['taraz', 'merki']);
    expect(s.filters.states).toEqual(['lagging', 'overspent']);
    expect(s.filters.minAmount).toBe(1000);
    expect(s.filters.q).toBe('мектеп');
    expect(s.sort).toEqual({ key: 'execution', dir: 'asc' });
    expect(s.page).toBe(3);
    expect(at(stateToPath(s))).toEqual(s);
  });

  it('drops unknown codes and malformed numbers instead of failing', () => {
    const s = at('/?area=taraz,atlantis&cat=spaceflight&min=-5&max=1e9&year=26&page=0&sort=colour-up');
    expect(s.filters.areas).toEqual(['taraz']);
    expect(s.filters.categories).toEqual([]);
    expect(s.filters.minAmount).toBeNull();
    expect(s.filters.maxAmount).toBeNull();
    expect(s.filters.years).toEqual([]);
    expect(s.page).toBe(1);
    expect(s.sort).toEqual({ key: 'amount', dir: 'desc' });
  });

  it('keeps the overdue-only filter in the URL as overdue=1 and ignores other values', () => {
    const s = at('/?overdue=1');
    expect(s.filters.overdue).toBe(true);
    expect(stateToPath(s)).toBe('/?overdue=1');
    expect(at('/?overdue=yes').filters.overdue).toBe(false);
    expect(stateToPath(at('/?overdue=0'))).toBe('/');
  });

  it('opens an item by its path and keeps the list behind it', () => {
    const s = at(`/items/${ID}?view=list&area=shu`);
    expect(s.itemId).toBe(ID);
    expect(s.view).toBe('list');
    expect(stateToPath(s)).toBe(`/items/${ID}?area=shu&view=list`);
  });

  it('writes the default state as the bare root path', () => {
    expect(stateToPath(at('/?sort=amount-desc&page=1'))).toBe('/');
  });
});
