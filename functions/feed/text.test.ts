import { describe, expect, it } from 'vitest';
import { foldText, tokenize } from './text';

describe('foldText', () => {
  it('lower-cases Cyrillic including Kazakh letters', () => {
    expect(foldText('ТАРАЗ ҚАЛАСЫ ӨҢІРІ')).toBe('тараз қаласы өңірі');
  });
  it('folds ё into е', () => {
    expect(foldText('Ёлка Щёлково')).toBe('елка щелково');
  });
  it('turns punctuation into single spaces', () => {
    expect(foldText('«Жол», ремонт—дороги!')).toBe('жол ремонт дороги');
  });
});

describe('tokenize', () => {
  it('gives the distinct words of every text, skipping missing ones', () => {
    expect(tokenize('Жол жөндеу', undefined, 'жол, ремонт')).toEqual(['жол', 'жөндеу', 'ремонт']);
  });
});
