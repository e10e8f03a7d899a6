import { describe, expect, it, vi } from 'vitest';

// The built app's shape of `virtual:messages` (the unit project's plugin ships everything at once):
// the map route's Kazakh messages up front, every other group and language behind a loader.
const fetched = vi.hoisted(() => [] as string[]);
vi.mock('virtual:messages', () => {
  const chunk = (id: string, messages: Record<string, string>) => async () => {
    fetched.push(id);
    return messages;
  };
  return {
    default: { kk: { 'nav.home': 'Карта' } },
    loaders: {
      kk: {
        sessions: chunk('kk/sessions', { 'sessions.title': 'Клуб отырыстары' }),
        questions: chunk('kk/questions', { 'questions.title': 'Сұрақтар' }),
      },
      ru: {
        '@map': chunk('ru/@map', { 'nav.home': 'Карта (ru)' }),
        sessions: chunk('ru/sessions', { 'sessions.title': 'Заседания клуба' }),
        questions: chunk('ru/questions', { 'questions.title': 'Вопросы' }),
      },
    },
  };
});

const { lang, setLang, t, withMessages } = await import('./i18n');

describe('messages loaded with the pages', () => {
  it("renders a lazily loaded page's text once its import resolves, and a switch brings the new language's", async () => {
    expect(t('sessions.title')).toBe('sessions.title');
    const page = await withMessages(Promise.resolve({ render: () => t('sessions.title') }), ['sessions']);
    expect(page.render()).toBe('Клуб отырыстары');

    setLang('ru');
    await vi.waitUntil(() => lang.value === 'ru');
    expect(page.render()).toBe('Заседания клуба');
    expect(t('nav.home')).toBe('Карта (ru)');
    // Only what the pages shown so far need: the questions group stays on the server.
    expect(fetched).toEqual(['kk/sessions', 'ru/@map', 'ru/sessions']);
  });
});
