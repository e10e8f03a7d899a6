/**
 * UI text in Kazakh (default), Russian and English. The messages live in the catalogues
 * web/src/locales/{kk,ru,en}.json (ICU MessageFormat, editable without touching TypeScript), compiled
 * at build time by web/build/messages.ts; `t` formats one. The chosen language persists in
 * localStorage and in <html lang>.
 */
import messages from 'virtual:messages';
import { DEFAULT_LANG, LANGS, type Lang } from '../../shared/i18n-text';
import { formatMessage, type MessageValues } from './messageFormat';

const listeners = new Set<(lang: Lang) => void>();
const STORAGE_KEY = 'obm.lang';

let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  } catch {}
  return DEFAULT_LANG;
}

/** The message `key` in the current language, its arguments (plural, select, `{name}`) from `vars`. */
export function t(key: string, vars: MessageValues = {}): string {
  const message = messages[current][key] ?? messages[DEFAULT_LANG][key];
  return message === undefined ? key : formatMessage(message, vars, current);
}

/** Whether the catalogues have `key` (for messages chosen at run time, e.g. from a problem code). */
export function hasMessage(key: string): boolean {
  return key in messages[DEFAULT_LANG];
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {}
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const l of listeners) l(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
