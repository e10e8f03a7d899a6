/**
 * UI text in Kazakh (default), Russian and English. The messages live in the catalogues
 * web/src/locales/{kk,ru,en}.json (ICU MessageFormat, editable without touching TypeScript), compiled
 * at build time by web/build/messages.ts; `t` formats one. The chosen language persists in
 * localStorage and in <html lang>.
 *
 * Only the map route's messages in Kazakh ship with the first page. Every `import('…')` of a lazily
 * loaded page or section resolves once the messages it shows are loaded too (the build wraps it in
 * `withMessages`: see web/build/messageSplit.ts); a language switch fetches the new language's
 * messages for every group in use before the pages re-render.
 */

import messages, { loaders } from 'virtual:messages';
import { signal } from '@preact/signals';
import { DEFAULT_LANG, LANGS, type Lang } from '../../shared/i18n-text';
import { formatMessage, type MessageValues } from './messageFormat';
import { createMessageStore } from './messageStore';

const listeners = new Set<(lang: Lang) => void>();
const STORAGE_KEY = 'obm.lang';
const store = createMessageStore(messages, loaders);

/**
 * The chosen language as a signal: a component that calls `t` (or reads `lang.value`) while rendering
 * re-renders when it changes, so every page follows a language switch.
 */
export const lang = signal<Lang>(readStoredLang());

function readStoredLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  } catch {}
  return DEFAULT_LANG;
}

/** The message `key` in the current language, its arguments (plural, select, `{name}`) from `vars`. */
export function t(key: string, vars: MessageValues = {}): string {
  const current = lang.value;
  const message = store.message(current, key) ?? store.message(DEFAULT_LANG, key);
  return message === undefined ? key : formatMessage(message, vars, current);
}

/** Whether the catalogues have `key` (for messages chosen at run time, e.g. from a problem code). */
export function hasMessage(key: string): boolean {
  return store.message(lang.value, key) !== undefined || store.message(DEFAULT_LANG, key) !== undefined;
}

export function getLang(): Lang {
  return lang.value;
}

/**
 * Makes sure the messages of `groups` (top-level key prefixes) are loaded in the current language,
 * also when the language changes meanwhile. Never rejects: on a failed fetch the page still renders
 * (with key names where messages are missing) and the next page or switch fetches again.
 */
export async function loadMessages(groups: readonly string[]): Promise<void> {
  try {
    let current: Lang;
    do {
      current = lang.value;
      await store.load(current, groups);
    } while (current !== lang.value);
  } catch (err) {
    console.error('UI messages', err);
  }
}

/**
 * `import(…)` of a lazily loaded module, resolved once the messages of `groups` are loaded as well
 * (fetched at the same time as the code). The build wraps every `import(…)` of web/src in this.
 */
export function withMessages<M>(module: Promise<M>, groups: readonly string[]): Promise<M> {
  return Promise.all([module, loadMessages(groups)]).then(([m]) => m);
}

/** Loads a language's messages for the map route and for every group in use (pages shown so far). */
export async function loadLang(next: Lang): Promise<void> {
  // A page that starts while this loads adds its groups: load until nothing is missing.
  while (!store.isLoaded(next, store.inUse)) await store.load(next, store.inUse);
}

let wanted: Lang | null = null;

/** Switches the language; messages not loaded yet are fetched first, then every page re-renders. */
export function setLang(next: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {}
  wanted = next;
  if (store.isLoaded(next, store.inUse)) apply(next);
  else
    void loadLang(next).then(
      // A later switch wins over this one if its messages arrived first.
      () => wanted === next && apply(next),
      (err: unknown) => console.error('UI messages', err),
    );
}

function apply(next: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  lang.value = next;
  for (const l of listeners) l(next);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
