/**
 * UI text in Kazakh (default), Russian and English. The messages live in the catalogues
 * web/src/locales/{kk,ru,en}.json (ICU MessageFormat, editable without touching TypeScript), compiled
 * at build time by web/build/messages.ts; `t` formats one. The chosen language persists in
 * localStorage and in <html lang>.
 */

import messages, { loaders } from 'virtual:messages';
import { signal } from '@preact/signals';
import { DEFAULT_LANG, LANGS, type Lang } from '../../shared/i18n-text';
import { formatMessage, type MessageValues } from './messageFormat';

const listeners = new Set<(lang: Lang) => void>();
const STORAGE_KEY = 'obm.lang';

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
  const message = messages[current]?.[key] ?? messages.kk[key];
  return message === undefined ? key : formatMessage(message, vars, current);
}

/** Whether the catalogues have `key` (for messages chosen at run time, e.g. from a problem code). */
export function hasMessage(key: string): boolean {
  return key in messages.kk;
}

export function getLang(): Lang {
  return lang.value;
}

/** Loads a language's catalogue if this page has not got it yet (only kk ships with the first page). */
export async function loadLang(next: Lang): Promise<void> {
  if (messages[next] || next === 'kk') return;
  messages[next] = await loaders[next]();
}

/** Switches the language; a catalogue not loaded yet is fetched first, then every page re-renders. */
export function setLang(next: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {}
  if (messages[next]) apply(next);
  else void loadLang(next).then(() => apply(next));
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
