import { describe, expect, it } from 'vitest';
import { bodyOptions, parseAmount, toggleState, yearOptions } from './filterBar';

describe('filter bar choices', () => {
  it('lists the years newest first, with a year from the URL that the data lacks', () => {
    expect(yearOptions([2025, 2026], [2019])).toEqual([
      ['2026', '2026'],
      ['2025', '2025'],
      ['2019', '2019'],
    ]);
  });

  it('sorts the bodies by name in the reader language, then the unnamed ones by id under a placeholder, and keeps a body from the URL', () => {
    const names = new Map([
      ['b-roads', { kk: 'Жолдар басқармасы', ru: 'Управление дорог', en: 'Roads office' }],
      ['b-akimat', { kk: 'Әкімдік', ru: 'Акимат', en: 'Akimat' }],
    ]);
    expect(bodyOptions(['b-roads', 'b-z', 'b-akimat', 'b-x'], ['b-gone'], names, 'ru', '…')).toEqual([
      ['b-akimat', 'Акимат'],
      ['b-roads', 'Управление дорог'],
      ['b-x', '…'],
      ['b-z', '…'],
      ['b-gone', 'b-gone'],
    ]);
  });
});

describe('filter bar fields', () => {
  it('reads an amount as whole tenge, and anything else as no bound', () => {
    expect([' 1500 ', '', '12.5', '-3', '1e6', '1234567890123456'].map(parseAmount)).toEqual([
      1500,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('ticks and unticks one execution state, keeping the legend order', () => {
    expect(toggleState(['completed'], 'not_started', true)).toEqual(['not_started', 'completed']);
    expect(toggleState(['lagging', 'completed'], 'lagging', false)).toEqual(['completed']);
  });
});
