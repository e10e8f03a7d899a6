import { describe, expect, it } from 'vitest';
import { compileMessage } from '../build/messages';
import { formatMessage } from './messageFormat';

const comments = {
  ru: '{count, plural, one {# комментарий} few {# комментария} many {# комментариев} other {# комментария}}',
  en: '{count, plural, =0 {no comments} one {# comment} other {# comments}}',
};

describe('formatMessage', () => {
  it('picks the Russian plural form by the number', () => {
    const m = compileMessage('c', comments.ru);
    expect([1, 3, 5, 21, 25].map((count) => formatMessage(m, { count }, 'ru'))).toEqual([
      '1 комментарий',
      '3 комментария',
      '5 комментариев',
      '21 комментарий',
      '25 комментариев',
    ]);
  });

  it('prefers an exact =N option over the plural category', () => {
    const m = compileMessage('c', comments.en);
    expect([0, 1, 2].map((count) => formatMessage(m, { count }, 'en'))).toEqual([
      'no comments',
      '1 comment',
      '2 comments',
    ]);
  });

  it('chooses a select option and falls back to other', () => {
    const m = compileMessage('s', '{role, select, official {Official} other {Citizen}}: {name}');
    expect(formatMessage(m, { role: 'official', name: 'A' }, 'en')).toBe('Official: A');
    expect(formatMessage(m, { role: 'x', name: 'B' }, 'en')).toBe('Citizen: B');
  });

  it('keeps a message without arguments as plain text', () => {
    expect(compileMessage('p', 'Карта')).toBe('Карта');
  });
});
