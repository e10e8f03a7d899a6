/**
 * The club's own content (session titles, venues, agenda notes, decisions, recommendations, minutes)
 * in Kazakh and Russian, English optional. A record written before this model holds one string: it
 * is read as the language it was written in (no migration), and a reader of another language sees
 * it with a visible "shown in …" mark instead of nothing. Pure, without zod: the web uses it too.
 */
import type { Lang } from './i18n-text';

/** What a record holds: a single string (as written before), or the text per language. */
export type ClubText = string | { kk?: string; ru?: string; en?: string };

/** What a client sends: Kazakh and Russian, English optional, or (a client written before) one string. */
export type ClubTextInput = string | { kk: string; ru: string; en?: string | undefined };

/** Letters Kazakh writes and Russian does not: a Cyrillic text with one of them is Kazakh. */
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;
const CYRILLIC = /[а-яёА-ЯЁ]/;

/** The language a single string was written in (Kazakh letters → kk, other Cyrillic → ru, else en). */
export function writtenIn(text: string): Lang {
  if (KAZAKH_LETTERS.test(text)) return 'kk';
  if (CYRILLIC.test(text)) return 'ru';
  return 'en';
}

export interface ReadText {
  text: string;
  /** The language the text shown is in. */
  lang: Lang;
  /** True when the reader's language was missing and another one is shown. */
  fallback: boolean;
}

/** Who falls back to what: a Kazakh reader to Russian, a Russian reader to Kazakh, English to either. */
const FALLBACK: Record<Lang, Lang[]> = {
  kk: ['kk', 'ru', 'en'],
  ru: ['ru', 'kk', 'en'],
  en: ['en', 'ru', 'kk'],
};

/** The text for a reader of `lang`, with the language it is actually in. */
export function readClubText(value: ClubText | undefined, lang: Lang): ReadText {
  if (value === undefined) return { text: '', lang, fallback: false };
  if (typeof value === 'string') {
    const written = writtenIn(value);
    return { text: value, lang: written, fallback: value !== '' && written !== lang };
  }
  for (const l of FALLBACK[lang]) {
    const text = value[l];
    if (text) return { text, lang: l, fallback: l !== lang };
  }
  return { text: '', lang, fallback: false };
}

/** Just the text (for calendars, change notes and other plain-text places). */
export function clubPlain(value: ClubText | undefined, lang: Lang): string {
  return readClubText(value, lang).text;
}

/** The text in each language it has (a single string: in the language it was written in). */
export function clubLanguages(value: ClubText): Partial<Record<Lang, string>> {
  return typeof value === 'string' ? { [writtenIn(value)]: value } : value;
}
