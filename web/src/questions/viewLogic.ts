/** The questions pages' view logic, pure so it is unit-tested without a browser. */
import { type Lang, pickText } from '../../../shared/i18n-text';
import { isLawfulAnswerLanguage } from '../../../shared/questions';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { AnswerLanguage, QuestionView, ResponsivenessRow } from './model';

export type SortKey = 'name' | keyof Omit<ResponsivenessRow, 'name' | 'bodyId'>;
export interface Sort {
  key: SortKey;
  dir: 1 | -1;
}

/** A body's value in a column: its name in `lang`, or the figure (null: too few questions). */
export function cellValue(r: ResponsivenessRow, key: SortKey, lang: Lang): string | number | null {
  return key === 'name' ? pickText(r.name, lang) || r.bodyId : r[key];
}

/** The rows in the table's order; empty values (too few questions) always go last. */
export function sortRows(rows: readonly ResponsivenessRow[], sort: Sort, lang: Lang): ResponsivenessRow[] {
  return [...rows].sort((a, b) => {
    const x = cellValue(a, sort.key, lang);
    const y = cellValue(b, sort.key, lang);
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === 'string' ? x.localeCompare(String(y), lang) : x - (y as number)) * sort.dir;
  });
}

/** A header clicked: the same column turns its order around, another starts A–Z for names, else highest first. */
export function nextSort(sort: Sort, key: SortKey): Sort {
  return { key, dir: sort.key === key ? (-sort.dir as 1 | -1) : key === 'name' ? 1 : -1 };
}

/**
 * The answer's language as sent (Law on Languages art. 11): kk or the question's language as is;
 * any other one only with the official's confirmation.
 */
export function answerLanguage(
  questionLang: Lang | undefined,
  lang: Lang,
  confirmed: boolean,
): AnswerLanguage {
  return isLawfulAnswerLanguage(questionLang, lang) ? { lang } : { lang, confirmLanguage: confirmed };
}

/**
 * Whether the body may extend the term again: APPK art. 76(2) sets no number of extensions, only the
 * cap of two months from registration (shared/deadlines.ts), so the form stays until the term is there.
 */
export function canExtendFurther(q: Pick<QuestionView, 'dueOn' | 'dueBasis'>): boolean {
  const cap = q.dueBasis?.cap?.latest;
  return !cap || q.dueOn < cap;
}

/**
 * The note under a question's due date: why it is due (the APPK articles, shared/deadlines.ts
 * `dueBasis`) and the hub's standing. A question the body registered in eOtinish is a registered
 * appeal, and the note says so with its number and date: the Code then applies in full.
 */
export function dueExplanation(
  q: Pick<QuestionView, 'dueBasis' | 'eotinish'>,
  lang: Lang,
): { text: string; articles: string; registered: boolean } | null {
  const basis = q.dueBasis;
  if (!basis) return null;
  const why =
    basis.kind === 'extended'
      ? [
          t('questions.basis.extended', { latest: formatDate(basis.cap?.latest ?? basis.dueOn, lang) }),
          basis.cap?.lawSilent ? t('questions.basis.capSilent') : '',
        ]
      : [t(`questions.basis.${basis.kind}`, { date: formatDate(basis.from, lang) })];
  const standing = q.eotinish
    ? t('hubops.eotinish.registered', {
        number: q.eotinish.number,
        date: formatDate(q.eotinish.registeredOn, lang),
      })
    : t('questions.basis.standing');
  return {
    text: [...why, standing].filter(Boolean).join(' '),
    articles: basis.rules.map((r) => r.cite).join('; '),
    registered: Boolean(q.eotinish),
  };
}
