import { afterEach, describe, expect, it } from 'vitest';
import { formatDate } from '../format';
import { setLang, t } from '../i18n';
import type { ResponsivenessRow } from './model';
import { answerLanguage, canExtendFurther, dueExplanation, nextSort, sortRows } from './viewLogic';

const row = (
  bodyId: string,
  name: string,
  received: number,
  onTimeRate: number | null,
): ResponsivenessRow => ({
  bodyId,
  name: { kk: name, ru: name, en: name },
  received,
  answeredOnTime: 0,
  answeredLate: 0,
  overdueNow: 0,
  answeredInOtherLanguage: 0,
  medianDaysToAnswer: null,
  averageRating: null,
  onTimeRate,
});
const rows = [row('a', 'Әкімдік', 3, null), row('b', 'Басқарма', 9, 0.8), row('c', 'Департамент', 6, 0.75)];

describe('the responsiveness table', () => {
  it('sorts a figure highest first, and a body with too few questions last either way', () => {
    const ids = (sort: Parameters<typeof sortRows>[1]) => sortRows(rows, sort, 'kk').map((r) => r.bodyId);
    expect(ids({ key: 'received', dir: -1 })).toEqual(['b', 'c', 'a']);
    expect(ids({ key: 'onTimeRate', dir: -1 })).toEqual(['b', 'c', 'a']);
    expect(ids({ key: 'onTimeRate', dir: 1 })).toEqual(['c', 'b', 'a']);
    expect(ids({ key: 'name', dir: 1 })).toEqual(['a', 'b', 'c']);
  });
  it('turns the order of the same column around; another column starts A–Z for names, else highest first', () => {
    expect(nextSort({ key: 'received', dir: -1 }, 'received')).toEqual({ key: 'received', dir: 1 });
    expect(nextSort({ key: 'received', dir: -1 }, 'name')).toEqual({ key: 'name', dir: 1 });
    expect(nextSort({ key: 'name', dir: 1 }, 'onTimeRate')).toEqual({ key: 'onTimeRate', dir: -1 });
  });
});

describe('the language of an answer', () => {
  it('is sent as is in Kazakh or in the question language, else with the official confirmation', () => {
    expect(answerLanguage('ru', 'kk', false)).toEqual({ lang: 'kk' });
    expect(answerLanguage('ru', 'ru', false)).toEqual({ lang: 'ru' });
    expect(answerLanguage('kk', 'ru', true)).toEqual({ lang: 'ru', confirmLanguage: true });
    expect(answerLanguage(undefined, 'en', false)).toEqual({ lang: 'en', confirmLanguage: false });
  });
});

describe('extending again (APPK art. 76(2): no limit on how many, a cap on how long)', () => {
  const cap = {
    latest: '2026-03-10',
    rule: { article: '76', part: '2', cite: 'APPK art. 76(2)' },
    lawSilent: null,
  };
  const basis = (dueOn: string) => ({ kind: 'extended' as const, rules: [], from: '2026-01-10', dueOn, cap });

  it('offers a second extension while the term is before the two-month cap', () => {
    expect(canExtendFurther({ dueOn: '2026-02-20', dueBasis: basis('2026-02-20') as never })).toBe(true);
  });

  it('offers none once the term has reached the cap', () => {
    expect(canExtendFurther({ dueOn: '2026-03-10', dueBasis: basis('2026-03-10') as never })).toBe(false);
  });

  it('offers the first extension (no cap in the basis yet)', () => {
    expect(canExtendFurther({ dueOn: '2026-01-24' })).toBe(true);
  });
});

describe('the note under the due date: a registered appeal (issue 20, item 4)', () => {
  afterEach(() => setLang('kk'));
  const dueBasis = {
    kind: 'answer' as const,
    rules: [{ article: 91, paragraph: 1, cite: 'APPK art. 91(1)' }],
    from: '2026-03-02',
    dueOn: '2026-03-23',
  };

  it.each(['kk', 'ru', 'en'] as const)(
    'says in %s that a question registered in eOtinish is a registered appeal, with its number and date',
    (lang) => {
      setLang(lang);
      const note = dueExplanation(
        {
          dueBasis,
          eotinish: { number: 'ЖТ-2026-00417', registeredOn: '2026-03-04', recordedOn: '2026-03-05' },
        },
        lang,
      );
      expect(note).toMatchObject({ registered: true, articles: 'APPK art. 91(1)' });
      expect(note?.text).toContain(
        t('hubops.eotinish.registered', { number: 'ЖТ-2026-00417', date: formatDate('2026-03-04', lang) }),
      );
      expect(note?.text).not.toContain(t('questions.basis.standing'));
    },
  );

  it('says a question not registered in eOtinish is not a registered appeal', () => {
    setLang('ru');
    const note = dueExplanation({ dueBasis }, 'ru');
    expect(note).toMatchObject({ registered: false });
    expect(note?.text).toContain(t('questions.basis.standing'));
    expect(note?.text).not.toContain('ЖТ-');
  });
});
