/**
 * Public page: how each body keeps the legal clock. A table sortable by any column (buttons in the
 * headers, aria-sort says the order); rates under the minimum sample read "too few".
 */
import { pickText } from '../../../shared/i18n-text';
import { h } from '../dom';
import { formatCount, formatPercent } from '../format';
import { getLang, t } from '../i18n';
import { questionsApi, type ResponsivenessRow } from './model';

type Key = 'name' | keyof Omit<ResponsivenessRow, 'name' | 'bodyId'>;
const COLUMNS: Array<{ key: Key; label: string }> = [
  { key: 'name', label: 'questions.resp.body' },
  { key: 'received', label: 'questions.resp.received' },
  { key: 'answeredOnTime', label: 'questions.resp.onTime' },
  { key: 'answeredLate', label: 'questions.resp.late' },
  { key: 'overdueNow', label: 'questions.resp.overdue' },
  { key: 'medianDaysToAnswer', label: 'questions.resp.median' },
  { key: 'averageRating', label: 'questions.resp.rating' },
  // Law on Languages art. 11: answers in neither kk nor the question's language, confirmed by the official.
  { key: 'answeredInOtherLanguage', label: 'questions.resp.otherLanguage' },
  { key: 'onTimeRate', label: 'questions.resp.rate' },
];

export function renderResponsivenessPage(container: HTMLElement): () => void {
  let alive = true;
  const intro = h('p', {});
  const holder = h('div', { className: 'q-table-wrap' }, t('questions.loading'));
  container.append(
    h(
      'section',
      { className: 'q-page' },
      h('h1', { tabindex: -1 }, t('questions.resp.title')),
      intro,
      holder,
    ),
  );
  let sort: { key: Key; dir: 1 | -1 } = { key: 'received', dir: -1 };

  void questionsApi
    .responsiveness()
    .then(({ bodies, minSample }) => {
      if (!alive) return;
      intro.textContent = t('questions.resp.intro', { min: minSample });
      const lang = getLang();
      const value = (r: ResponsivenessRow, k: Key) =>
        k === 'name' ? pickText(r.name, lang) || r.bodyId : r[k];
      const draw = () => {
        const rows = [...bodies].sort((a, b) => {
          const x = value(a, sort.key);
          const y = value(b, sort.key);
          // Empty values (too few questions) always go last.
          if (x === null) return 1;
          if (y === null) return -1;
          return (typeof x === 'string' ? x.localeCompare(String(y), lang) : x - (y as number)) * sort.dir;
        });
        const cell = (r: ResponsivenessRow, k: Key) => {
          const v = value(r, k);
          if (v === null) return h('td', { className: 'q-too-few' }, t('questions.resp.tooFew'));
          if (k === 'name') return h('th', { scope: 'row' }, String(v));
          if (k === 'onTimeRate') return h('td', {}, formatPercent(v as number, lang));
          return h('td', {}, typeof v === 'number' && Number.isInteger(v) ? formatCount(v, lang) : String(v));
        };
        holder.replaceChildren(
          h(
            'table',
            { className: 'q-resp-table' },
            h('caption', {}, t('questions.resp.title')),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                COLUMNS.map((c) =>
                  h(
                    'th',
                    {
                      scope: 'col',
                      'aria-sort':
                        sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none',
                    },
                    h(
                      'button',
                      {
                        type: 'button',
                        'data-sort': c.key,
                        'aria-label': t('questions.resp.sort', { column: t(c.label) }),
                        onclick: () => {
                          sort = {
                            key: c.key,
                            dir: sort.key === c.key ? (-sort.dir as 1 | -1) : c.key === 'name' ? 1 : -1,
                          };
                          draw();
                        },
                      },
                      t(c.label),
                    ),
                  ),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              rows.map((r) =>
                h(
                  'tr',
                  { 'data-body-id': r.bodyId },
                  COLUMNS.map((c) => cell(r, c.key)),
                ),
              ),
            ),
          ),
        );
      };
      draw();
    })
    .catch(() => {
      if (alive) holder.textContent = t('questions.loadFailed');
    });
  return () => {
    alive = false;
  };
}
