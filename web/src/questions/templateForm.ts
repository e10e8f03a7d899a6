/**
 * The template form's logic (issue 20, item 4), apart from the component so it is tested alone:
 * the same form adds a template or changes one, and a language left blank is not sent (a template
 * may exist in kk only, in ru only, or in both).
 */
import type { AnswerTemplate } from '../../../shared/inbox';
import type { TemplateLang } from '../../../shared/inbox-templates';

export interface TemplateFormValues {
  title: string;
  kk: string;
  ru: string;
}

export const EMPTY_TEMPLATE_FORM: TemplateFormValues = { title: '', kk: '', ru: '' };

/** The form filled with a template being changed. */
export function templateFormValues(t: Pick<AnswerTemplate, 'title' | 'text'>): TemplateFormValues {
  return { title: t.title, kk: t.text.kk ?? '', ru: t.text.ru ?? '' };
}

/** What the API takes: the title, and only the languages that have text. */
export function templateInput(v: TemplateFormValues): {
  title: string;
  text: Partial<Record<TemplateLang, string>>;
} {
  return {
    title: v.title.trim(),
    text: {
      ...(v.kk.trim() ? { kk: v.kk } : {}),
      ...(v.ru.trim() ? { ru: v.ru } : {}),
    },
  };
}
