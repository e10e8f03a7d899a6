import { describe, expect, it } from 'vitest';
import { areaFromName, checkPoint, nearestArea, parseAmount, parseDate, parseDecimal } from './values';

describe('parseAmount', () => {
  it.each([
    ['1 234 567,89', '1234567.89'],
    ['1\u00a0234\u00a0567,89', '1234567.89'],
    ['1\u202f234,5', '1234.50'],
    ['1234567.89', '1234567.89'],
    ['1 000 000', '1000000.00'],
    ['0', '0.00'],
  ])('reads %s as %s', (raw, expected) => {
    expect(parseAmount(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([['12,345,67'], ['-5'], ['ten'], ['1,234'], ['']])('refuses %s with what was expected', (raw) => {
    const r = parseAmount(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.expected).toContain('1 234 567,89');
  });

  it('calls a three-digit fraction a likely thousands separator', () => {
    const r = parseAmount('1,234');
    expect(!r.ok && r.message).toContain('thousands separator');
  });
});

describe('parseDate', () => {
  it('reads ISO and Russian dates and refuses impossible ones', () => {
    expect(parseDate('2026-03-01')).toEqual({ ok: true, value: '2026-03-01' });
    expect(parseDate('01.03.2026')).toEqual({ ok: true, value: '2026-03-01' });
    expect(parseDate('2016-01-01T00:00:00Z')).toEqual({ ok: true, value: '2016-01-01' });
    expect(parseDate('31.02.2026').ok).toBe(false);
    expect(parseDate('March 1').ok).toBe(false);
  });
});

describe('coordinates and areas', () => {
  it('reads comma decimals', () => {
    expect(parseDecimal('42,9')).toBe(42.9);
    expect(parseDecimal('east')).toBeNull();
  });

  it('accepts Taraz, refuses London, and notices swapped longitude and latitude', () => {
    expect(checkPoint(71.37, 42.9).ok).toBe(true);
    expect(checkPoint(-0.12, 51.5).ok).toBe(false);
    const swapped = checkPoint(42.9, 71.37);
    expect(!swapped.ok && swapped.message).toContain('swapped');
  });

  it('finds areas by nearest centre and by any of their names', () => {
    expect(nearestArea(72.6, 42.95)).toBe('ryskulov');
    expect(areaFromName('Меркі ауданы')).toBe('merki');
    expect(areaFromName('город Тараз')).toBe('taraz');
    expect(areaFromName('Atlantis')).toBeUndefined();
  });
});
