import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter } from './api';
import { formatDate } from './format';
import { setLang } from './i18n';
import { problemText } from './problemText';

afterEach(() => setLang('kk'));

const extensionRefused = new ApiError({
  type: '/problems/validation',
  title: 'Bad request',
  status: 400,
  detail: 'newDueOn: the law allows at most 2027-02-01',
  code: 'request.invalid',
  errors: [
    {
      in: 'json',
      field: 'newDueOn',
      message: 'the law allows at most 2027-02-01',
      code: 'question.extension_past_limit',
      params: { latest: '2027-02-01' },
    },
  ],
});

describe('problemText', () => {
  it('words a field refusal from its code and params, never the English message', () => {
    setLang('ru');
    const text = problemText(extensionRefused);
    expect(text).toContain('АППК');
    expect(text).toContain(formatDate('2027-02-01', 'ru'));
    expect(text).not.toContain('2027-02-01');
    expect(text).not.toContain('the law allows');
  });

  it('says the wait the server sent with a 429, in the chosen language', () => {
    setLang('en');
    const limited = new ApiError(
      { type: '/problems/rate-limited', title: 'Too Many Requests', status: 429 },
      17,
    );
    expect(problemText(limited)).toBe('Too fast. Try again in 17 seconds.');
    setLang('ru');
    expect(problemText(limited)).toBe('Слишком часто. Повторите через 17 секунд.');
  });

  it('asks an official to send a progress update again in a minute while an import runs, in kk, ru and en', () => {
    const importRunning = new ApiError(
      {
        type: '/problems/conflict',
        title: 'Conflict',
        status: 409,
        detail: 'The data is being updated by an import; send the update again in a minute.',
        code: 'item.import_running',
      },
      60,
    );
    setLang('kk');
    expect(problemText(importRunning)).toBe('Деректер жаңартылып жатыр. Бір минуттан кейін қайта жіберіңіз.');
    setLang('ru');
    expect(problemText(importRunning)).toBe('Идёт обновление данных. Отправьте ещё раз через минуту.');
    setLang('en');
    expect(problemText(importRunning)).toBe('The data is being updated. Send it again in a minute.');
  });

  it('falls back to the stable type when a server sends no code', () => {
    setLang('kk');
    const notFound = new ApiError({
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'x',
    });
    expect(problemText(notFound)).toBe('Табылмады.');
  });

  it('names a network failure instead of showing the exception', () => {
    setLang('en');
    expect(problemText(new TypeError('Failed to fetch'))).toContain('Could not reach the server');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and an HTTP date', () => {
    expect(parseRetryAfter('42')).toBe(42);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(60);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
