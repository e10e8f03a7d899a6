import { describe, expect, it } from 'vitest';
import { exportUrl } from './exportQuery';

describe('exportUrl', () => {
  it('maps the browse filters to the export API parameters', () => {
    expect(
      exportUrl('items.csv', '?area=taraz&cat=roads&status=in_progress&year=2026&body=zha-roads&q=мост'),
    ).toBe(
      '/api/export/items.csv?area=taraz&category=roads&status=in_progress&year=2026&body=zha-roads&q=%D0%BC%D0%BE%D1%81%D1%82',
    );
  });

  it('keeps lists, amounts, execution states, overdue and flags, so the file holds what is shown', () => {
    expect(
      exportUrl('oc4ids.json', '?area=taraz,merki&exec=lagging&min=1000&max=5000&overdue=1&flag=any'),
    ).toBe(
      '/api/export/oc4ids.json?area=taraz,merki&state=lagging&minAmount=1000&maxAmount=5000&overdue=1&flag=any',
    );
  });

  it('exports everything without filters', () => {
    expect(exportUrl('items.geojson', '')).toBe('/api/export/items.geojson');
  });
});
