import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv } from './csv';

const opts = { sourceName: 'csv', now: new Date('2026-07-01T00:00:00Z') };
const HEADER =
  'source_id;title_ru;category;body_id;body_name_ru;programme_code;fiscal_year;planned;status;period_start;period_end;lon;lat';

describe('parseCsv', () => {
  it('picks ";" when the header has more semicolons than commas', () => {
    expect(detectSeparator(`${HEADER}\n`)).toBe(';');
    expect(detectSeparator('a,b,c\n')).toBe(',');
  });

  it('builds an item from a valid row', () => {
    const { records } = parseCsv(
      `${HEADER}\nX-1;Ремонт;roads;zha-roads;Управление дорог;123-015-000;2026;1 000,50;planned;01.01.2026;31.12.2026;71,37;42,9\n`,
      opts,
    );
    expect(records[0]?.issues).toEqual([]);
    expect(records[0]?.change).toMatchObject({
      kind: 'item',
      item: { amounts: { planned: '1000.50', spent: '0.00' }, area: 'taraz' },
    });
  });

  it('reports every bad field of a row, not just the first', () => {
    const { records } = parseCsv(
      `${HEADER}\nX-1;Ремонт;bridges;zha-roads;У;12;1999;abc;done;2026-13-01;2026-12-31;71.37;42.9\n`,
      opts,
    );
    expect(records[0]?.change).toBeUndefined();
    expect(records[0]?.issues.map((i) => i.field)).toEqual([
      'category',
      'status',
      'planned',
      'fiscal_year',
      'period_start',
    ]);
  });

  it('reports a row with the wrong number of fields', () => {
    const { records } = parseCsv(`${HEADER}\nX-1;Ремонт\n`, opts);
    expect(records[0]?.issues[0]).toMatchObject({ field: '(row)', severity: 'error' });
  });

  it('reports an unclosed quote as a file error', () => {
    const { fileIssues, records } = parseCsv(`${HEADER}\n"X-1;Ремонт\n`, opts);
    expect(records).toEqual([]);
    expect(fileIssues[0]).toMatchObject({ record: '(file)', severity: 'error' });
  });

  it('refuses a contractor BIN whose control digit is wrong, and stores no item with it', () => {
    const row = (bin: string) =>
      `${HEADER};contractor_name;contractor_bin\nX-1;Ремонт;roads;zha-roads;Управление дорог;123-015-000;2026;1000;planned;01.01.2026;31.12.2026;71,37;42,9;ТОО «Жол»;${bin}\n`;
    const bad = parseCsv(row('123456789012'), opts).records[0];
    expect(bad?.change).toBeUndefined();
    expect(bad?.issues).toMatchObject([{ field: 'contractor_bin', severity: 'error' }]);
    const good = parseCsv(row('123456789013'), opts).records[0];
    expect(good?.change).toMatchObject({ item: { contractor: { bin: '123456789013' } } });
  });
});
