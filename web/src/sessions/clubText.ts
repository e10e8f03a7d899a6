/**
 * The club's content on screen and in forms, in Kazakh and Russian (shared/club-text.ts): shown in
 * the reader's language, or in the other one with a visible "in Russian"/"in Kazakh" mark; edited as
 * one input per language. A record holding one string is shown as the language it was written in.
 */
import { type ClubText, clubLanguages, readClubText } from '../../../shared/club-text';
import type { Lang } from '../../../shared/i18n-text';
import { h } from '../dom';
import { getLang, t } from '../i18n';

/** The text as plain words in the reader's language (option labels, status lines). */
export function clubString(value: ClubText | undefined): string {
  return readClubText(value, getLang()).text;
}

/** The text as an element with its `lang`, marked when it is not in the reader's language. */
export function clubNode(value: ClubText | undefined, className?: string): HTMLElement {
  const read = readClubText(value, getLang());
  const el = h('span', { lang: read.lang, ...(className ? { className } : {}) }, read.text);
  if (read.fallback)
    el.append(
      ' ',
      h(
        'small',
        { className: 'club-fallback' },
        t('club.text.shownIn', { lang: t(`club.lang.${read.lang}`) }),
      ),
    );
  return el;
}

const EDITED: Lang[] = ['kk', 'ru'];

/**
 * One input per language (kk, ru) under the field's name. `read()` gives `{ kk, ru }`, or undefined
 * when both are empty (an optional field left blank).
 */
export function bilingualField(
  id: string,
  labelKey: string,
  value: ClubText | undefined,
  opts: { multiline?: boolean; required?: boolean; maxlength: number; rows?: number },
): { node: HTMLElement; read(): ClubText | undefined } {
  const current = value === undefined ? {} : clubLanguages(value);
  const inputs = EDITED.map((lang) => {
    const inputId = `${id}-${lang}`;
    const common = { id: inputId, lang, maxlength: opts.maxlength, required: Boolean(opts.required) };
    const input = opts.multiline
      ? h('textarea', { ...common, rows: opts.rows ?? 3 }, current[lang] ?? '')
      : h('input', { ...common, value: current[lang] ?? '' });
    const label = h(
      'label',
      { for: inputId },
      t('club.field.inLang', { field: t(labelKey), lang: t(`club.lang.${lang}`) }),
    );
    return { lang, input, node: h('div', { className: 'field' }, label, input) };
  });
  return {
    node: h('div', { className: 'bilingual-field', 'data-field': id }, ...inputs.map((i) => i.node)),
    read() {
      const out: Record<string, string> = {};
      for (const i of inputs) if (i.input.value.trim()) out[i.lang] = i.input.value.trim();
      if (Object.keys(out).length === 0) return undefined;
      // A single language filled in is sent as that language; the server keeps it as written.
      return Object.keys(out).length === 1 ? (Object.values(out)[0] as string) : out;
    },
  };
}
