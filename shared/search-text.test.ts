import { describe, expect, it } from 'vitest';
import { indexTokens, KAZAKH_SUFFIXES, kazakhStem, queryKeys, tokensMatch, words } from './search-text';

describe('kazakhStem', () => {
  // Word forms as the demo titles write them (functions/demo/catalogue.ts), with the stem a search
  // for the dictionary form must reach.
  it.each([
    ['көшесін', 'көше'], // Қазыбек би көшесін орташа жөндеу
    ['көшесінде', 'көше'], // Сәтбаев көшесінде … спорт алаңын салу
    ['көшесіндегі', 'көше'], // Әуезов көшесіндегі кәріз желісін
    ['көшесіне', 'көше'], // Абай көшесіне көше жарығын орнату
    ['мектептің', 'мектеп'], // №8 мектептің спорт залын жөндеу
    ['мектепті', 'мектеп'], // №8 мектепті күрделі жөндеу
    ['мектебін', 'мектеп'], // балалар музыка мектебін жөндеу (б → п)
    ['саябақты', 'саябақ'], // саябақты абаттандыру
    ['залын', 'зал'],
    ['арығын', 'арық'], // суару арығын тазарту (ғ → қ)
    ['құбырын', 'құбыр'],
    ['пандустар', 'пандус'],
    ['мекемелерге', 'мекеме'],
    ['балабақшаны', 'балабақша'],
    ['пунктті', 'пункт'],
    ['алаңын', 'алаң'],
    ['шатырын', 'шатыр'],
    ['бағытын', 'бағыт'],
    ['тараздағы', 'тараз'],
    ['жолдар', 'жол'],
    ['үйлердің', 'үйлер'], // "үй" would be shorter than the minimal stem
    ['жөндеу', 'жөндеу'],
  ])('%s → %s', (form, stem) => {
    expect(kazakhStem(form)).toBe(stem);
  });

  it('lists at most 40 endings, longest first', () => {
    expect(KAZAKH_SUFFIXES.length).toBeLessThanOrEqual(40);
    const lengths = KAZAKH_SUFFIXES.map((s) => s.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });
});

describe('words', () => {
  it('keeps a programme code and a BIN whole, and splits other punctuation', () => {
    expect(words('«Жол», 122-023-000; БИН 060440010001 №8 Ёлка')).toEqual([
      'жол',
      '122-023-000',
      'бин',
      '060440010001',
      '8',
      'елка',
    ]);
  });
});

describe('queryKeys and indexTokens', () => {
  const item = indexTokens('Тараз: средний ремонт улицы Казыбек би', 'Жолдар / Дороги / Roads');

  it('finds Russian word forms through one stem', () => {
    for (const q of ['дорога', 'дороги', 'дорогу', 'дорогами'])
      expect(tokensMatch(item, queryKeys(q))).toBe(true);
    expect(queryKeys('дороги дорогу')).toEqual([['дорог']]);
  });

  it('needs every query word and drops function words', () => {
    expect(tokensMatch(item, queryKeys('ремонт на улице Тараза'))).toBe(true);
    expect(tokensMatch(item, queryKeys('ремонт школы'))).toBe(false);
  });

  it('keeps prefix matching while a word is typed', () => {
    expect(tokensMatch(indexTokens('Мектепті күрделі жөндеу'), queryKeys('ЖӨНД'))).toBe(true);
  });

  it('has no keys for a query of punctuation and function words', () => {
    expect(queryKeys('«»! и на of')).toEqual([]);
  });

  it('stores no token that starts another token of the same item', () => {
    expect(indexTokens('жол жолдар жолдары')).toEqual(['жолдар']);
  });
});
