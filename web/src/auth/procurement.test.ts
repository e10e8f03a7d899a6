import { describe, expect, it } from 'vitest';
import { withControlDigit } from '../../../shared/bin';
import { binChange, binInputProblem, runOutcome } from './procurement';

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

describe('runOutcome', () => {
  const run = {
    kind: 'goszakup-sync' as const,
    trigger: 'schedule' as const,
    at: '2026-06-02T22:00:00Z',
    created: 3,
    updated: 1,
    unchanged: 40,
    refused: 2,
    issues: [],
  };
  it('gives a failed run its one line, never counts that mean nothing', () => {
    expect(runOutcome({ ...run, ok: false, error: 'the portal refused the token (HTTP 401)' })).toEqual({
      key: 'realdata.runs.failed',
      params: { error: 'the portal refused the token (HTTP 401)' },
    });
  });
  it('gives a successful run its counts', () => {
    expect(runOutcome({ ...run, ok: true }).params).toEqual({
      created: 3,
      updated: 1,
      unchanged: 40,
      refused: 2,
    });
  });
});
