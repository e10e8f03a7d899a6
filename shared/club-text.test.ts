import { describe, expect, it } from 'vitest';
import { clubLanguages, readClubText, writtenIn } from './club-text';

describe('single strings stored before the bilingual model (read without migration)', () => {
  it('reads Kazakh text as Kazakh', () => {
    expect(writtenIn('Клуб отырысы 1: Тараздағы жол жөндеу')).toBe('kk');
    expect(readClubText('Тараздағы жол жөндеу', 'kk')).toEqual({
      text: 'Тараздағы жол жөндеу',
      lang: 'kk',
      fallback: false,
    });
  });

  it('reads Russian text as Russian and marks it as a fallback for a Kazakh reader', () => {
    expect(readClubText('Ремонт дорог в Таразе', 'kk')).toEqual({
      text: 'Ремонт дорог в Таразе',
      lang: 'ru',
      fallback: true,
    });
  });

  it('reads Latin text as English', () => {
    expect(writtenIn('Club session: school repairs')).toBe('en');
    expect(clubLanguages('Club session')).toEqual({ en: 'Club session' });
  });
});

describe('bilingual text', () => {
  const both = { kk: 'Жол жөндеу', ru: 'Ремонт дорог' };

  it('gives each reader their language', () => {
    expect(readClubText(both, 'kk')).toMatchObject({ text: 'Жол жөндеу', fallback: false });
    expect(readClubText(both, 'ru')).toMatchObject({ text: 'Ремонт дорог', fallback: false });
  });

  it('shows an English reader the Russian text, marked, when there is no English', () => {
    expect(readClubText(both, 'en')).toEqual({ text: 'Ремонт дорог', lang: 'ru', fallback: true });
  });

  it('falls back from Russian to Kazakh when only Kazakh is there', () => {
    expect(readClubText({ kk: 'Жол жөндеу' }, 'ru')).toEqual({
      text: 'Жол жөндеу',
      lang: 'kk',
      fallback: true,
    });
  });
});
