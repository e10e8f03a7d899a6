import { describe, expect, it } from 'vitest';
import { withControlDigit } from '../../../shared/bin';
import { binChange, binInputProblem } from './procurement';

const BIN = withControlDigit('06024001234')!;

describe('binInputProblem', () => {
  it('passes a legal entity BIN, with spaces typed between groups', () => {
    expect(binInputProblem(`${BIN.slice(0, 6)} ${BIN.slice(6)}`)).toBeNull();
  });
  it('names the control digit when only the last digit is wrong', () => {
    const wrong = `${BIN.slice(0, 11)}${(Number(BIN[11]) + 1) % 10}`;
    expect(binInputProblem(wrong)).toBe('bin.control_digit');
  });
  it("refuses a person's IIN and a short number with their own codes", () => {
    expect(binInputProblem(withControlDigit('90010130012')!)).toBe('bin.kind');
    expect(binInputProblem('0602400123')).toBe('bin.format');
  });
});

describe('binChange', () => {
  it('sends null to unbind, the digits to bind, and nothing when unchanged', () => {
    expect(binChange(BIN, '')).toEqual({ bin: null });
    expect(binChange(undefined, ` ${BIN} `)).toEqual({ bin: BIN });
    expect(binChange(BIN, BIN)).toBeNull();
  });
});
