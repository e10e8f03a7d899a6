export const LANGS = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'kk';

export type Localized = Partial<Record<Lang, string>>;

/** Picks the text in `lang`, falling back kk → ru → en so something is always shown. */
export function pickText(text: Localized | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] ?? text.kk ?? text.ru ?? text.en ?? '';
}
