/**
 * The club's content (shared/club-text.ts) as the sessions UI reads and edits it: shown in the
 * reader's language (or another one, marked, see ./clubTextView.tsx), edited as one input per
 * language (kk, ru). Pure, so the form logic is unit-tested without a browser.
 */
import { type ClubText, clubLanguages, readClubText } from '../../../shared/club-text';
import { getLang } from '../i18n';

/** The text as plain words in the reader's language (option labels, status lines). */
export function clubString(value: ClubText | undefined): string {
  return readClubText(value, getLang()).text;
}

/** What a bilingual field holds while it is edited: the text typed per language. */
export interface Bilingual {
  kk: string;
  ru: string;
}

/** The languages the club edits, in the order the inputs are shown. */
export const EDITED_LANGS = ['kk', 'ru'] as const;
export type EditedLang = (typeof EDITED_LANGS)[number];

/** An update of one language's text, for `useFields().update` (see ../ui/form.ts). */
export const withLang =
  (lang: EditedLang, text: string) =>
  (current: Bilingual): Bilingual => ({ ...current, [lang]: text });

/** A stored text as the field's starting values (a language not written yet is empty). */
export function toBilingual(value: ClubText | undefined): Bilingual {
  const current = value === undefined ? {} : clubLanguages(value);
  return { kk: current.kk ?? '', ru: current.ru ?? '' };
}

/**
 * What a bilingual field sends: `{ kk, ru }`, a single language as that string (the server keeps it
 * as written), or undefined when both are empty (an optional field left blank).
 */
export function fromBilingual(value: Bilingual): ClubText | undefined {
  const out: Record<string, string> = {};
  for (const lang of EDITED_LANGS) if (value[lang].trim()) out[lang] = value[lang].trim();
  const filled = Object.values(out);
  if (filled.length === 0) return undefined;
  return filled.length === 1 ? (filled[0] as string) : out;
}
