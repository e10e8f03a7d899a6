import { describe, expect, it } from 'vitest';
import { factValue } from './flagFacts';
import { moneyHistory } from './moneyHistory';

const base = {
  fiscalYear: 2026,
  amounts: { planned: '1000000.00', contracted: '1340000.00', spent: '500000.10' },
};

describe('money history', () => {
  it('goes planned → contracted at award → each amendment with its exact change → payments with the running total', () => {
    const steps = moneyHistory({
      ...base,
      tender: { awardDate: '2026-02-01' },
      amendments: [
        { id: 'a2', date: '2026-05-01', valueBefore: '1200000.00', valueAfter: '1340000.00' },
        {
          id: 'a1',
          date: '2026-03-12',
          valueBefore: '1000000.00',
          valueAfter: '1200000.00',
          source: 'ocds-1',
        },
      ],
      transactions: [
        { id: 't2', date: '2026-06-01', amount: '0.10' },
        { id: 't1', date: '2026-04-01', amount: '500000.00' },
      ],
    });
    expect(steps).toEqual([
      { kind: 'planned', year: 2026, amount: '1000000.00' },
      { kind: 'contracted', date: '2026-02-01', amount: '1000000.00' },
      {
        kind: 'amended',
        date: '2026-03-12',
        before: '1000000.00',
        after: '1200000.00',
        change: '+200000.00',
        changePercent: '+20.0',
        source: 'ocds-1',
      },
      {
        kind: 'amended',
        date: '2026-05-01',
        before: '1200000.00',
        after: '1340000.00',
        change: '+140000.00',
        changePercent: '+11.6',
      },
      { kind: 'paid', date: '2026-04-01', amount: '500000.00', paidSoFar: '500000.00' },
      { kind: 'paid', date: '2026-06-01', amount: '0.10', paidSoFar: '500000.10' },
    ]);
  });

  it('shows a cut as a negative change', () => {
    const steps = moneyHistory({
      ...base,
      amendments: [{ id: 'a', date: '2026-03-01', valueBefore: '100.00', valueAfter: '90.50' }],
    });
    expect(steps[2]).toMatchObject({ change: '-9.50', changePercent: '-9.5' });
  });

  it('has the planned and contracted amounts only when nothing was amended or paid', () => {
    expect(moneyHistory(base).map((s) => s.kind)).toEqual(['planned', 'contracted']);
  });
});

describe('flag facts', () => {
  it('formats amounts exactly, shares with a percent sign and leaves counts as they are', () => {
    expect(factValue('valueNow', '1340000.05', 'en')).toContain('1,340,000.05');
    expect(factValue('sharePercent', '62.5', 'ru')).toBe('62,5 %');
    expect(factValue('contracts', 4, 'kk')).toBe('4');
  });
});
