import { describe, expect, it } from 'vitest';
import { barPercent, formatDate, formatDateTime, formatKzt, formatKztShort, formatPercent } from './format';

const digits = (s: string) => s.replace(/\D/g, '');

describe('formatting', () => {
  it('formats a KZT amount exactly, even past float precision', () => {
    // 900719925474099.31 is not representable as a double; the string path keeps every digit.
    expect(digits(formatKzt('900719925474099.31', 'en'))).toBe('90071992547409931');
    expect(formatKzt('1234567.89', 'en')).toMatch(/1,234,567\.89/);
    expect(formatKzt('1234567.89', 'ru')).toMatch(/1\s234\s567,89/);
  });

  it('marks amounts with the tenge sign in every language', () => {
    for (const lang of ['kk', 'ru', 'en'] as const) expect(formatKzt('10.00', lang)).toContain('₸');
  });

  it('shortens large totals given as bigint', () => {
    expect(formatKztShort(1_200_000_000n, 'en')).toMatch(/1\.2\s?bn/);
  });

  it('writes percentages with one decimal', () => {
    expect(formatPercent(42.55, 'en')).toMatch(/42\.[56]%/);
    expect(formatPercent(100, 'ru')).toMatch(/100\s?%/);
  });

  it('shows a calendar date as the same day in Almaty', () => {
    expect(formatDate('2026-01-01', 'en')).toBe('1 Jan 2026');
  });

  it('shows an instant in Almaty time (UTC+5)', () => {
    expect(formatDateTime('2025-12-31T20:30:00Z', 'en')).toMatch(/1 Jan 2026.*01:30/);
  });

  it('clamps bar widths to 0..100 and survives a zero whole', () => {
    expect(barPercent('50.00', '200.00')).toBe(25);
    expect(barPercent('300.00', '200.00')).toBe(100);
    expect(barPercent('1.00', '0.00')).toBe(0);
  });
});
