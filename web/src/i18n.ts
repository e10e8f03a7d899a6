/**
 * UI strings in Kazakh (default), Russian and English. Each feature registers its own dictionary
 * with `addStrings` (every key in all three languages — a test checks), and reads with `t`.
 * The chosen language persists in localStorage and in <html lang>.
 */
import { DEFAULT_LANG, LANGS, type Lang } from '../../shared/i18n-text';

export type Dictionary = Record<string, string>;
export type Strings = Record<Lang, Dictionary>;

const dictionaries: Record<Lang, Dictionary> = { kk: {}, ru: {}, en: {} };
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

export function addStrings(strings: Strings): void {
  for (const lang of LANGS) Object.assign(dictionaries[lang], strings[lang]);
}

/** The string for `key` in the current language; `{name}` placeholders are filled from `vars`. */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? dictionaries.kk[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
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

/** All keys registered, per language: for the completeness test. */
export function registeredKeys(): Record<Lang, string[]> {
  return {
    kk: Object.keys(dictionaries.kk),
    ru: Object.keys(dictionaries.ru),
    en: Object.keys(dictionaries.en),
  };
}
