import { describe, expect, it } from 'vitest';
import { MAX_FLAG_EXPLANATION } from '../../../shared/flags-explanations';
import type { Principal } from '../../../shared/users';
import {
  defaultExplanationLang,
  explanationDraft,
  explanationsOf,
  MAX_EXPLANATION,
  mayExplain,
  moderationNote,
} from './explainLogic';

const person = (roles: Principal['roles'], bodies: string[] = []): Principal => ({
  sub: 's',
  name: 'n',
  roles,
  bodies,
});
const entry = (id: string, code: string, extra: object = {}) =>
  ({
    id,
    itemId: 'i',
    code,
    bodyId: 'zha-roads',
    text: 't',
    lang: 'kk',
    at: '2026-01-01T00:00:00Z',
    ...extra,
  }) as never;

describe('who is offered "Explain"', () => {
  it('is an official of the item’s body, and nobody else', () => {
    expect(mayExplain(person(['official'], ['zha-roads']), 'zha-roads')).toBe(true);
    expect(mayExplain(person(['official'], ['zha-edu']), 'zha-roads')).toBe(false);
    expect(mayExplain(person(['moderator', 'club_secretary']), 'zha-roads')).toBe(false);
    expect(mayExplain(null, 'zha-roads')).toBe(false);
  });
});

describe('explanations beside their flag', () => {
  it('keeps each flag’s own, oldest first', () => {
    const list = [entry('1', 'R-STALE'), entry('2', 'R-SINGLE-BID'), entry('3', 'R-STALE')];
    expect(explanationsOf(list, 'R-STALE').map((e) => (e as { id: string }).id)).toEqual(['1', '3']);
    expect(explanationsOf(list, 'R-NEW-COMPANY')).toEqual([]);
  });
  it('marks a moderated one hidden or pending with its reason; a public one carries no mark', () => {
    expect(moderationNote(entry('1', 'R-STALE'))).toBeNull();
    expect(moderationNote(entry('1', 'R-STALE', { visibility: 'hidden', hiddenReason: 'abuse' }))).toEqual({
      key: 'integrity.explain.hidden',
      reasonKey: 'reason.abuse',
    });
    expect(moderationNote(entry('1', 'R-STALE', { visibility: 'pending' }))).toEqual({
      key: 'integrity.explain.pending',
      reasonKey: 'reason.other',
    });
  });
});

describe('a draft explanation', () => {
  it('is sent trimmed in its language', () => {
    expect(explanationDraft('  Хаттама порталда.  ', 'ru')).toEqual({
      ok: true,
      body: { text: 'Хаттама порталда.', lang: 'ru' },
    });
  });
  it('is refused empty or longer than the API takes', () => {
    expect(explanationDraft('   ', 'kk')).toEqual({ ok: false, reason: 'empty' });
    expect(explanationDraft('x'.repeat(MAX_EXPLANATION + 1), 'kk')).toEqual({ ok: false, reason: 'tooLong' });
    expect(explanationDraft('x'.repeat(MAX_EXPLANATION), 'kk').ok).toBe(true);
  });
  it('has the same limit as the API', () => {
    expect(MAX_EXPLANATION).toBe(MAX_FLAG_EXPLANATION);
  });
  it('starts in the reader’s language when it is kk or ru, else in kk', () => {
    expect(defaultExplanationLang('ru')).toBe('ru');
    expect(defaultExplanationLang('en')).toBe('kk');
  });
});
