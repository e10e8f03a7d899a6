import { afterEach, describe, expect, it } from 'vitest';
import { setLang, t } from './i18n';

afterEach(() => setLang('kk'));

describe('t', () => {
  it('reads the message of the chosen language from the compiled catalogues', () => {
    setLang('ru');
    expect(t('nav.home')).toBe('Карта');
    setLang('en');
    expect(t('nav.home')).toBe('Map');
  });

  it('fills arguments into the message', () => {
    setLang('en');
    expect(t('shown.summary', { count: 3, planned: '5 ₸' })).toContain('3');
  });

  it('returns the key itself for a key no catalogue has', () => {
    expect(t('no.such.key')).toBe('no.such.key');
  });
});

describe('plural messages', () => {
  it('says "1 comment" and "2 comments" in English', () => {
    setLang('en');
    expect(t('thread.count', { n: 1 })).toBe('1 comment');
    expect(t('thread.count', { n: 2 })).toBe('2 comments');
  });
});
