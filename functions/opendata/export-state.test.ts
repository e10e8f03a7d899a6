/**
 * The export's `execution_state` column: the state the map shows on the export day, `late` and
 * `paid_ahead` included, so a spreadsheet reader sees the same honest state.
 */
import { describe, expect, it } from 'vitest';
import { sampleItem } from '../../test/support/fixtures';
import { itemsToCsv, itemToRow } from './export';

describe('execution_state in the exports', () => {
  it('is late once the period has ended without completion', () => {
    const item = sampleItem({ period: { start: '2025-01-01', end: '2025-12-31' } });
    expect(itemToRow(item, '2026-03-01').execution_state).toBe('late');
    expect(itemToRow(item, '2025-06-01').execution_state).not.toBe('late');
  });

  it('is paid_ahead at 90 % paid with half the milestones unmet', () => {
    const item = sampleItem({
      amounts: { planned: '100.00', contracted: '100.00', spent: '90.00' },
      milestones: [
        { id: '01HZZZZZZZZZZZZZZZZZZZZZZA', title: { en: 'a' }, due: '2026-03-01', status: 'scheduled' },
        { id: '01HZZZZZZZZZZZZZZZZZZZZZZB', title: { en: 'b' }, due: '2026-11-01', status: 'scheduled' },
      ] as never,
    });
    expect(itemToRow(item, '2026-04-01').execution_state).toBe('paid_ahead');
  });

  it('is a CSV column, blank when no day is given', () => {
    const item = sampleItem({ period: { start: '2025-01-01', end: '2025-12-31' } });
    const [header, row] = itemsToCsv([item], '2026-03-01').replace('\ufeff', '').trim().split('\r\n');
    const at = header!.split(',').indexOf('execution_state');
    expect(row!.split(',')[at]).toBe('late');
    expect(itemToRow(item).execution_state).toBe('');
  });
});
