import { describe, expect, it } from 'vitest';
import { binRegistrationMonth, checkIdentificationNumber, controlDigit, withControlDigit } from './bin';

describe('BIN / IIN control digit', () => {
  it('computes the first-pass digit: weights 1…11 mod 11', () => {
    // 1·0+2·6+3·0+4·4+5·4+6·0+7·0+8·0+9·1+10·2+11·3 = 110 → 0
    expect(controlDigit('06044000123')).toBe(0);
  });

  it('falls back to weights 3…11,1,2 when the first pass gives 10', () => {
    // first pass: 10·1 = 10 → second pass: weight 1 on digit 10 → 1
    expect(controlDigit('00000000010')).toBe(1);
  });

  it('reports a number that cannot be issued when both passes give 10', () => {
    // both passes give 10 for these digits (checked with an independent script)
    expect(controlDigit('85010230012')).toBeUndefined();
    expect(withControlDigit('85010230012')).toBeUndefined();
  });

  it('accepts a BIN with its right control digit and tells its kind', () => {
    const bin = withControlDigit('14044000123') as string;
    expect(checkIdentificationNumber(bin)).toEqual({ ok: true, kind: 'bin' });
  });

  it('refuses a wrong control digit', () => {
    const bin = withControlDigit('14044000123') as string;
    const wrong = `${bin.slice(0, 11)}${(Number(bin[11]) + 1) % 10}`;
    expect(checkIdentificationNumber(wrong)).toEqual({ ok: false, code: 'bin.control_digit' });
  });

  it('refuses anything but 12 digits', () => {
    for (const bad of ['', '12345678901', '1234567890123', '12345678901a', ' 123456789012']) {
      expect(checkIdentificationNumber(bad)).toEqual({ ok: false, code: 'bin.format' });
    }
  });

  it('tells an IIN (digit 5 of 0–3) from a BIN', () => {
    const iin = withControlDigit('85010230013') as string;
    expect(checkIdentificationNumber(iin)).toEqual({ ok: true, kind: 'iin' });
  });

  it('reads the registration month from a BIN only, never from an IIN', () => {
    const bin = withControlDigit('19034000555') as string;
    expect(binRegistrationMonth(bin, 2026)).toEqual({ year: 2019, month: 3 });
    const iin = withControlDigit('85010230013') as string;
    expect(binRegistrationMonth(iin, 2026)).toBeUndefined();
  });
});
