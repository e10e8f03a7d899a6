import { describe, expect, it } from 'vitest';
import { type Catalogue, createMessageStore, FIRST_GROUP } from './messageStore';

/** Loaders that count their fetches and answer when `release` is called (or at once). */
function chunks(byLang: Record<string, Record<string, Catalogue>>) {
  const fetched: string[] = [];
  const loaders = Object.fromEntries(
    Object.entries(byLang).map(([lang, groups]) => [
      lang,
      Object.fromEntries(
        Object.entries(groups).map(([group, catalogue]) => [
          group,
          async () => {
            fetched.push(`${lang}/${group}`);
            return catalogue;
          },
        ]),
      ),
    ]),
  );
  return { loaders, fetched };
}

const first = { kk: { 'nav.home': 'Карта' } };
const { loaders: sampleLoaders } = chunks({
  kk: { sessions: { 'sessions.title': 'Отырыстар' } },
  ru: { [FIRST_GROUP]: { 'nav.home': 'Карта (ru)' }, sessions: { 'sessions.title': 'Заседания' } },
});

describe('message store', () => {
  it("has a page's messages only once its group is loaded", async () => {
    const store = createMessageStore(first, sampleLoaders);
    expect(store.message('kk', 'sessions.title')).toBeUndefined();
    expect(store.isLoaded('kk', ['sessions'])).toBe(false);
    await store.load('kk', ['sessions']);
    expect(store.message('kk', 'sessions.title')).toBe('Отырыстар');
    expect(store.message('kk', 'nav.home')).toBe('Карта');
  });

  it('loads, for another language, its up-front messages and every group asked for so far', async () => {
    const { loaders, fetched } = chunks({
      kk: { sessions: { 'sessions.title': 'Отырыстар' }, questions: { 'questions.title': 'Сұрақтар' } },
      ru: {
        [FIRST_GROUP]: { 'nav.home': 'Карта (ru)' },
        sessions: { 'sessions.title': 'Заседания' },
        questions: { 'questions.title': 'Вопросы' },
      },
    });
    const store = createMessageStore(first, loaders);
    await store.load('kk', ['sessions']);
    expect(store.isLoaded('ru', store.inUse)).toBe(false);
    await store.load('ru', store.inUse);
    expect(store.message('ru', 'nav.home')).toBe('Карта (ru)');
    expect(store.message('ru', 'sessions.title')).toBe('Заседания');
    // A group no page asked for stays on the server.
    expect(fetched).toEqual(['kk/sessions', 'ru/@map', 'ru/sessions']);
    expect(store.isLoaded('ru', store.inUse)).toBe(true);
  });

  it('fetches a chunk once when two pages ask for it at the same time', async () => {
    const { loaders, fetched } = chunks({ kk: { sessions: { 'sessions.title': 'Отырыстар' } } });
    const store = createMessageStore(first, loaders);
    await Promise.all([store.load('kk', ['sessions']), store.load('kk', ['sessions'])]);
    await store.load('kk', ['sessions']);
    expect(fetched).toEqual(['kk/sessions']);
  });

  it('fetches a chunk again after a failed fetch', async () => {
    let calls = 0;
    const store = createMessageStore(first, {
      kk: {
        sessions: async () => {
          calls++;
          if (calls === 1) throw new Error('offline');
          return { 'sessions.title': 'Отырыстар' };
        },
      },
    });
    await expect(store.load('kk', ['sessions'])).rejects.toThrow('offline');
    await store.load('kk', ['sessions']);
    expect(store.message('kk', 'sessions.title')).toBe('Отырыстар');
  });

  it('has everything at once when every language ships whole (unit tests, no loaders)', () => {
    const store = createMessageStore({ kk: { 'a.b': 'kk' }, ru: { 'a.b': 'ru' } }, {});
    expect(store.isLoaded('ru', ['sessions', 'questions'])).toBe(true);
    expect(store.message('ru', 'a.b')).toBe('ru');
  });
});
