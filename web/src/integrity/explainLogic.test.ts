import { describe, expect, it } from 'vitest';
import { MAX_FLAG_EXPLANATION } from '../../../shared/flags-explanations';
import type { Principal } from '../../../shared/users';
import {
  bodyFlagsCell,
  defaultExplanationLang,
  explanationDraft,
  explanationEdit,
  explanationsOf,
  flaggedForOfficial,
  mayEditExplanation,
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
    expect(explanationDraft('x'.repeat(MAX_FLAG_EXPLANATION + 1), 'kk')).toEqual({
      ok: false,
      reason: 'tooLong',
    });
    expect(explanationDraft('x'.repeat(MAX_FLAG_EXPLANATION), 'kk').ok).toBe(true);
  });
  it('starts in the reader’s language when it is kk or ru, else in kk', () => {
    expect(defaultExplanationLang('ru')).toBe('ru');
    expect(defaultExplanationLang('en')).toBe('kk');
  });
});

describe('editing and withdrawing an explanation', () => {
  it('is offered to an official of the body it speaks for, not to another body’s or a moderator', () => {
    const e = { bodyId: 'zha-roads' };
    expect(mayEditExplanation(person(['citizen', 'official'], ['zha-roads']), e)).toBe(true);
    expect(mayEditExplanation(person(['citizen', 'official'], ['zha-edu']), e)).toBe(false);
    expect(mayEditExplanation(person(['citizen', 'moderator']), e)).toBe(false);
    expect(mayEditExplanation(null, e)).toBe(false);
  });

  it('sends a changed text or language, and refuses an edit that changes nothing', () => {
    const original = { text: 'Хаттама порталда.', lang: 'kk' as const };
    expect(explanationEdit(original, '  Хаттама порталда. ', 'kk')).toEqual({
      ok: false,
      reason: 'unchanged',
    });
    expect(explanationEdit(original, 'Хаттама порталда.', 'ru')).toMatchObject({ ok: true });
    expect(explanationEdit(original, 'Жаңа мәтін', 'kk')).toEqual({
      ok: true,
      body: { text: 'Жаңа мәтін', lang: 'kk' },
    });
    expect(explanationEdit(original, '   ', 'kk')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('the /flags page’s own items for an official', () => {
  const feat = (id: string, b: string, f?: string[]) => ({ properties: { id, b, ...(f ? { f } : {}) } });
  const feed = [
    feat('A', 'zha-roads', ['R-STALE']),
    feat('B', 'zha-roads', ['R-STALE', 'R-SINGLE-BID']),
    feat('C', 'zha-roads'),
    feat('D', 'zha-edu', ['R-STALE']),
  ];

  it('lists the flagged items of the official’s bodies, most flags first', () => {
    const ids = flaggedForOfficial(feed, person(['citizen', 'official'], ['zha-roads']), 10).map(
      (f) => f.properties.id,
    );
    expect(ids).toEqual(['B', 'A']);
  });

  it('lists nothing for a reader without a body, and stops at the limit', () => {
    expect(flaggedForOfficial(feed, person(['citizen']), 10)).toEqual([]);
    expect(flaggedForOfficial(feed, null, 10)).toEqual([]);
    expect(flaggedForOfficial(feed, person(['citizen', 'official'], ['zha-roads']), 1)).toHaveLength(1);
  });
});

describe('a body’s flags on the responsiveness page', () => {
  it('links to the body’s flagged items, not when none is flagged, and says nothing before the job ran', () => {
    expect(bodyFlagsCell('zha roads', { items: 5, flagged: 2 })).toEqual({
      flagged: 2,
      items: 5,
      href: '/list?body=zha%20roads&flag=any',
    });
    expect(bodyFlagsCell('zha-roads', { items: 5, flagged: 0 })?.href).toBeNull();
    expect(bodyFlagsCell('zha-roads', undefined)).toBeNull();
  });
});
