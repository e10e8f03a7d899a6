/**
 * The club's content on screen and in forms: a text in the reader's language, or in the other one
 * with a visible "in Russian"/"in Kazakh" mark; and the bilingual field, one input per language
 * under the field's id. The field is controlled: its values live in the form that owns it.
 */
import { type ClubText as ClubTextValue, readClubText } from '../../../shared/club-text';
import { getLang, t } from '../i18n';
import { type Bilingual, EDITED_LANGS, type EditedLang } from './clubText';

/** The text with its `lang`, marked when it is not in the reader's language. */
export function ClubText({ value, className }: { value: ClubTextValue | undefined; className?: string }) {
  const read = readClubText(value, getLang());
  return (
    <span lang={read.lang} className={className}>
      {read.text}
      {read.fallback ? (
        <>
          {' '}
          <small className="club-fallback">
            {t('club.text.shownIn', { lang: t(`club.lang.${read.lang}`) })}
          </small>
        </>
      ) : null}
    </span>
  );
}

export function BilingualField({
  id,
  labelKey,
  value,
  onChange,
  multiline,
  required,
  maxlength,
  rows,
}: {
  id: string;
  labelKey: string;
  value: Bilingual;
  /** One language's text changed (the owner updates from its latest state: see `withLang`). */
  onChange: (lang: EditedLang, text: string) => void;
  multiline?: boolean;
  required?: boolean;
  maxlength: number;
  rows?: number;
}) {
  return (
    <div className="bilingual-field" data-field={id}>
      {EDITED_LANGS.map((lang) => {
        const inputId = `${id}-${lang}`;
        const common = {
          id: inputId,
          name: inputId,
          lang,
          maxLength: maxlength,
          required: Boolean(required),
          value: value[lang],
          onInput: (e: Event) => onChange(lang, (e.currentTarget as HTMLInputElement).value),
        };
        return (
          <div className="field" key={lang}>
            <label for={inputId}>
              {t('club.field.inLang', { field: t(labelKey), lang: t(`club.lang.${lang}`) })}
            </label>
            {multiline ? <textarea {...common} rows={rows ?? 3} /> : <input {...common} />}
          </div>
        );
      })}
    </div>
  );
}
