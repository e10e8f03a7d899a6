/**
 * One question as everyone sees it: status, legal dates, the text, the official answer with its
 * badge and every earlier version (edits are never silent), extension, redirects, dispute, rating.
 */
import type { Lang, Localized } from '../../../shared/i18n-text';
import { h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { legalNotices } from '../notify/notices';
import { bodyName, type QuestionView } from './model';

export function statusBadge(q: QuestionView): HTMLElement {
  return h(
    'span',
    { className: 'q-badges' },
    h('span', { className: `q-status q-status-${q.status}` }, t(`questions.status.${q.status}`)),
    q.overdue ? h('span', { className: 'q-flag q-overdue' }, t('questions.overdue')) : null,
    q.dueSoon && !q.overdue ? h('span', { className: 'q-flag q-due-soon' }, t('questions.dueSoon')) : null,
  );
}

/** Why the due date is due: the APPK articles (shared/deadlines.ts `dueBasis`), and the hub's standing. */
function dueExplanation(q: QuestionView, lang: Lang): HTMLElement | null {
  const basis = q.dueBasis;
  if (!basis) return null;
  const why =
    basis.kind === 'extended'
      ? [
          t('questions.basis.extended', { latest: formatDate(basis.cap?.latest ?? basis.dueOn, lang) }),
          basis.cap?.lawSilent ? t('questions.basis.capSilent') : '',
        ]
      : [t(`questions.basis.${basis.kind}`, { date: formatDate(basis.from, lang) })];
  return h(
    'p',
    { className: 'q-note q-due-basis', 'data-articles': basis.rules.map((r) => r.cite).join('; ') },
    [...why, t('questions.basis.standing')].filter(Boolean).join(' '),
  );
}

export function questionCard(q: QuestionView, names: Map<string, Localized>, extra?: Node): HTMLElement {
  const lang = getLang();
  const latest = q.answers.at(-1);
  const earlier = q.answers.slice(0, -1);
  return h(
    'article',
    {
      className: `q-card${q.overdue ? ' is-overdue' : ''}`,
      'data-question-id': q.id,
      'data-status': q.status,
    },
    h(
      'header',
      { className: 'q-head' },
      statusBadge(q),
      h(
        'span',
        { className: 'q-dates' },
        t('questions.received', { date: formatDate(q.receivedOn, lang) }),
        ' · ',
        h('strong', { className: 'q-due' }, t('questions.due', { date: formatDate(q.dueOn, lang) })),
      ),
    ),
    dueExplanation(q, lang),
    // What people wrote is marked as theirs (and in its language) apart from the interface's words.
    h('p', { className: 'q-text', lang: q.lang, 'data-user-content': '' }, q.text),
    h(
      'p',
      { className: 'q-meta' },
      `${t('questions.askedBy')} `,
      h('span', { 'data-user-content': '' }, q.askerName),
      ' → ',
      bodyName(names, q.bodyId),
    ),
    ...q.redirects.map((r) =>
      h(
        'p',
        { className: 'q-note' },
        t('questions.redirect', {
          from: bodyName(names, r.fromBodyId),
          to: bodyName(names, r.toBodyId),
          reason: r.reason,
        }),
      ),
    ),
    q.extension
      ? h(
          'p',
          { className: 'q-note' },
          t('questions.extension', {
            date: formatDate(q.extension.newDueOn, lang),
            reason: q.extension.reason,
          }),
        )
      : null,
    latest
      ? h(
          'section',
          { className: 'q-answer', 'aria-label': t('questions.answer') },
          h(
            'p',
            { className: 'official-badge q-official' },
            t('questions.officialBadge', { body: bodyName(names, latest.bodyId) }),
          ),
          h('p', { className: 'q-answer-text', 'data-user-content': '' }, latest.text),
          h(
            'p',
            { className: 'q-meta' },
            h('span', { 'data-user-content': '' }, latest.byName),
            `, ${formatDateTime(latest.at, lang)}`,
            latest.kind === 'edit' ? ` (${t('questions.edited')})` : '',
          ),
          earlier.length
            ? h(
                'details',
                { className: 'q-versions' },
                h('summary', {}, t('questions.answerVersions', { count: earlier.length })),
                h(
                  'ol',
                  {},
                  earlier.map((a) =>
                    h(
                      'li',
                      {},
                      h('p', { 'data-user-content': '' }, a.text),
                      h('small', {}, `${a.byName}, ${formatDateTime(a.at, lang)}`),
                    ),
                  ),
                ),
              )
            : null,
        )
      : null,
    // The APPK notices the asker was sent: when, how, delivered or not (the law requires them).
    legalNotices(q, names),
    q.dispute ? h('p', { className: 'q-note' }, t('questions.dispute', { reason: q.dispute.reason })) : null,
    q.rating ? h('p', { className: 'q-rating' }, t('questions.rating', { rating: q.rating })) : null,
    extra ?? null,
  );
}

/** A small labelled form: fields, a submit button, and a status line for errors. */
export function actionForm(
  label: string,
  fields: HTMLElement[],
  submitLabel: string,
  onSubmit: () => Promise<void>,
  errorText: (err: unknown) => string,
): HTMLFormElement {
  const status = h('p', { role: 'status', className: 'q-status-line' });
  const submit = h('button', { type: 'submit' }, submitLabel);
  const form = h(
    'form',
    {
      className: 'q-form',
      'aria-label': label,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        submit.disabled = true;
        status.textContent = '';
        try {
          await onSubmit();
        } catch (err) {
          status.textContent = errorText(err);
        } finally {
          submit.disabled = false;
        }
      },
    },
    ...fields,
    submit,
    status,
  );
  return form;
}

let fieldSeq = 0;
/** A labelled control (label tied by id). */
export function field(
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
): HTMLElement {
  control.id ||= `q-field-${++fieldSeq}`;
  return h('div', { className: 'q-field' }, h('label', { for: control.id }, label), control);
}

const LANGUAGE_NAMES: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** A language picker whose options name each language in itself (and say so with `lang`). */
export function languageSelect(initial: Lang): HTMLSelectElement {
  const select = h(
    'select',
    {},
    (Object.keys(LANGUAGE_NAMES) as Lang[]).map((l) => h('option', { value: l, lang: l }, LANGUAGE_NAMES[l])),
  );
  select.value = initial;
  return select;
}
