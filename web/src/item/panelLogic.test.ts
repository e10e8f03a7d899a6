import { describe, expect, it } from 'vitest';
import { coordinatesText, moneyBarWidths, sortedMilestones } from './panelLogic';

describe('item panel view logic', () => {
  it('draws the money bars on one scale, the widest amount full', () => {
    expect(moneyBarWidths({ planned: '1000.00', contracted: '1200.00', spent: '300.00' })).toEqual({
      planned: (1000 / 1200) * 100,
      contracted: 100,
      spent: 25,
    });
  });

  it('draws no bars for an item with nothing planned, contracted or spent', () => {
    expect(moneyBarWidths({ planned: '0.00', contracted: '0.00', spent: '0.00' })).toEqual({
      planned: 0,
      contracted: 0,
      spent: 0,
    });
  });

  it('lists milestones by due date without reordering the item', () => {
    const ms = [{ due: '2026-05-01' }, { due: '2026-01-15' }];
    expect(sortedMilestones(ms).map((m) => m.due)).toEqual(['2026-01-15', '2026-05-01']);
    expect(ms[0]?.due).toBe('2026-05-01');
  });

  it('shows coordinates as latitude, longitude with five decimals', () => {
    expect(coordinatesText([71.370001, 42.9])).toBe('42.90000, 71.37000');
  });
});
