import { describe, expect, it } from 'vitest';
import { blankUpdate, updateInput } from './updateInput';

describe('updateInput', () => {
  it('sends nothing for an untouched form', () => {
    expect(updateInput(blankUpdate('2026-05-12'), [])).toEqual({});
  });

  it('sends only the parts filled in, trimmed, with the evidence on the milestone', () => {
    const v = { ...blankUpdate('2026-05-12'), milestone: 'm1', spent: ' 1200.50 ', note: '  ok ' };
    expect(updateInput(v, ['01J0'])).toEqual({
      milestone: { milestoneId: 'm1', metOn: '2026-05-12', evidence: ['01J0'] },
      spent: { total: '1200.50', asOf: '2026-05-12' },
      note: 'ok',
    });
  });

  it('sends a new end date with its reason and a new status', () => {
    const v = { ...blankUpdate('2026-05-12'), status: 'completed', end: '2026-09-01', reason: ' rain ' };
    expect(updateInput(v, [])).toEqual({
      status: 'completed',
      expectedEnd: { date: '2026-09-01', reason: 'rain' },
    });
  });

  it('sends a signature file as linked to the document it signs', () => {
    const v = { ...blankUpdate('2026-05-12'), milestone: 'm1' };
    const evidence = ['01J0', { id: '01J1', signatureOf: '01J0' }];
    expect(updateInput(v, evidence).milestone?.evidence).toEqual(evidence);
  });
});
