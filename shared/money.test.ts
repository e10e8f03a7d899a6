import { describe, expect, it } from 'vitest';
import { fromTiyn, KztAmount, percentOf, toTiyn } from '../functions/api/schemas/money';

describe('KZT amounts', () => {
  it('round-trips decimal strings through integer tiyn exactly', () => {
    expect(fromTiyn(toTiyn('1234567.89'))).toBe('1234567.89');
    expect(fromTiyn(toTiyn('0.1'))).toBe('0.10');
  });
  it('adds amounts without float error (0.1 + 0.2 is 0.30)', () => {
    expect(fromTiyn(toTiyn('0.10') + toTiyn('0.20'))).toBe('0.30');
  });
  it('sums past Number.MAX_SAFE_INTEGER tiyn exactly', () => {
    const big = toTiyn('999999999999999.99');
    expect(fromTiyn(big * 3n)).toBe('2999999999999999.97');
  });
  it('rejects negative, three-decimal and float-formatted amounts', () => {
    for (const bad of ['-1', '1.234', '1e6', '01', '']) expect(KztAmount.safeParse(bad).success).toBe(false);
  });
  it('computes a percentage in integers, to one decimal', () => {
    expect(percentOf(1n, 3n)).toBe(33.3);
    expect(percentOf(5n, 0n)).toBe(0);
  });
});
