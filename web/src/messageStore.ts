/**
 * The UI messages loaded so far, per language. The map route's messages in the default language
 * come with the first chunk; every other group of messages (a top-level key prefix: `sessions`,
 * `questions`, `problem`…) and every other language's are chunks fetched when a page needs them
 * (split at build time by web/build/messageSplit.ts). The store remembers which groups are in use,
 * so a language switch fetches exactly what the pages shown so far need in the new language.
 */
import type { Lang } from '../../shared/i18n-text';
import type { CompiledMessage } from './messageFormat';

export type Catalogue = Record<string, CompiledMessage>;
export type CatalogueLoader = () => Promise<Catalogue>;

/** The map route's messages (what a language needs before the first render). */
export const FIRST_GROUP = '@map';

export interface MessageStore {
  message(lang: Lang, key: string): CompiledMessage | undefined;
  /** Whether `lang`'s up-front messages and `groups` are loaded. */
  isLoaded(lang: Lang, groups: Iterable<string>): boolean;
  /**
   * Loads what `lang` lacks of its up-front messages and of `groups` (each chunk fetched once, also
   * when asked twice at the same time). The groups count as in use from now on.
   */
  load(lang: Lang, groups: Iterable<string>): Promise<void>;
  /** Groups asked for so far, in any language: what a language switch must bring along. */
  readonly inUse: ReadonlySet<string>;
}

/**
 * `first`: the messages that ship with the page, by language (all of them, in unit tests);
 * `loaders`: per language, a loader per group ({@link FIRST_GROUP} included for the languages
 * whose up-front messages are not in `first`). A group without a loader has nothing to load.
 */
export function createMessageStore(
  first: Partial<Record<Lang, Catalogue>>,
  loaders: Partial<Record<Lang, Record<string, CatalogueLoader>>>,
): MessageStore {
  const messages: Partial<Record<Lang, Catalogue>> = {};
  for (const [lang, catalogue] of Object.entries(first) as [Lang, Catalogue][])
    messages[lang] = { ...catalogue };
  const pending = new Map<string, Promise<void>>();
  const done = new Set<string>();
  const inUse = new Set<string>();

  const needed = (lang: Lang, groups: Iterable<string>) =>
    [FIRST_GROUP, ...groups].filter((g) => !done.has(`${lang}/${g}`) && loaders[lang]?.[g]);

  function loadOne(lang: Lang, group: string): Promise<void> {
    const id = `${lang}/${group}`;
    let p = pending.get(id);
    if (!p) {
      p = loaders[lang]![group]!().then(
        (chunk) => {
          messages[lang] = Object.assign(messages[lang] ?? {}, chunk);
          done.add(id);
          pending.delete(id);
        },
        (err: unknown) => {
          // Asked again later (the next page, the next switch), it is fetched again.
          pending.delete(id);
          throw err;
        },
      );
      pending.set(id, p);
    }
    return p;
  }

  return {
    message: (lang, key) => messages[lang]?.[key],
    isLoaded: (lang, groups) => needed(lang, groups).length === 0,
    async load(lang, groups) {
      const list = [...groups];
      for (const g of list) inUse.add(g);
      await Promise.all(needed(lang, list).map((g) => loadOne(lang, g)));
    },
    inUse,
  };
}
