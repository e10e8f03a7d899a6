import { z as zodSchema } from 'zod';

export const LANGS = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'kk';

export type Localized = Partial<Record<Lang, string>>;

/** Text in kk/ru/en where at least one language is present. */
export function localizedText(max: number) {
  const part = zodSchema.string().trim().min(1).max(max);
  return zodSchema
    .object({ kk: part.optional(), ru: part.optional(), en: part.optional() })
    .strict()
    .refine((t) => Boolean(t.kk || t.ru || t.en), { message: 'at least one of kk, ru, en is required' });
}

/** Picks the text in `lang`, falling back kk → ru → en so something is always shown. */
export function pickText(text: Localized | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] ?? text.kk ?? text.ru ?? text.en ?? '';
}
