import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../i18n';
import { badgeText, shownBadges } from './badges';

afterEach(() => setLang('kk'));

describe('role badges', () => {
  it('leaves out "citizen" when the user has another role', () => {
    expect(shownBadges([{ role: 'citizen' }, { role: 'moderator' }]).map((b) => b.role)).toEqual([
      'moderator',
    ]);
  });

  it('keeps "citizen" when it is the only role', () => {
    expect(shownBadges([{ role: 'citizen' }]).map((b) => b.role)).toEqual(['citizen']);
  });

  it("names an official's body in the chosen language", () => {
    setLang('ru');
    const text = badgeText({ role: 'official', body: { id: 'x', name: { kk: 'Бір', ru: 'Один' } } });
    expect(text).toContain('Один');
  });
});
