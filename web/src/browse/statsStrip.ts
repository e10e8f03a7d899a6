/**
 * The stats strip: exact totals planned / contracted / spent for the current filter (from
 * `GET /api/stats`) and a small bar chart of the planned money by area and by category.
 * Plain elements, no chart library: the numbers are in the text, the bars only draw them.
 */
import { areaByCode } from '../../../shared/areas';
import { pickText } from '../../../shared/i18n-text';
import { toTiyn } from '../../../shared/money';
import { h } from '../dom';
import { barPercent, formatCount, formatKztShort } from '../format';
import { getLang, t } from '../i18n';
import type { Stats, Totals } from './data';

const TOP = 5;

export function renderStats(container: HTMLElement, stats: Stats | 'error' | null): void {
  const lang = getLang();
  const heading = h('h2', { id: 'stats-heading', className: 'visually-hidden' }, t('stats.heading'));
  if (stats === null) {
    // The strip's exact shape with no figures yet: its height is kept, so nothing below moves
    // when the figures arrive (layout shift).
    container.replaceChildren(heading, skeleton());
    container.setAttribute('aria-busy', 'true');
    return;
  }
  container.removeAttribute('aria-busy');
  if (stats === 'error') {
    container.replaceChildren(heading, h('p', { className: 'muted' }, t('stats.unavailable')));
    return;
  }
  const total = (label: string, value: string, kind: string) =>
    h('div', { className: `total total-${kind}` }, h('dt', {}, label), h('dd', {}, value));
  const totals = h(
    'dl',
    { className: 'totals' },
    total(t('stats.items'), formatCount(stats.totals.count, lang), 'items'),
    total(t('stats.planned'), formatKztShort(stats.totals.planned, lang), 'planned'),
    total(t('stats.contracted'), formatKztShort(stats.totals.contracted, lang), 'contracted'),
    total(t('stats.spent'), formatKztShort(stats.totals.spent, lang), 'spent'),
    // Issue 18: how many of the shown items carry a risk flag (a reason to look, not a verdict).
    total(t('stats.flagged'), formatCount(stats.flagged, lang), 'flagged'),
  );

  const chart = (id: string, title: string, rows: (Totals & { label: string })[]) => {
    const top = [...rows]
      .sort((a, b) => {
        const d = toTiyn(b.planned) - toTiyn(a.planned);
        return d > 0n ? 1 : d < 0n ? -1 : 0;
      })
      .slice(0, TOP);
    const widest = top[0]?.planned ?? '0';
    return h(
      'figure',
      { className: 'chart', 'aria-labelledby': id },
      h('figcaption', { id }, title),
      h(
        'ul',
        {},
        top.map((r) => {
          const fill = h('span', { className: 'bar-fill bar-planned' });
          fill.style.width = `${barPercent(r.planned, widest)}%`;
          return h(
            'li',
            {},
            h('span', { className: 'chart-label' }, r.label),
            h('span', { className: 'bar-track', 'aria-hidden': 'true' }, fill),
            h(
              'span',
              { className: 'chart-value' },
              `${formatKztShort(r.planned, lang)} · ${formatCount(r.count, lang)}`,
            ),
          );
        }),
      ),
    );
  };

  container.replaceChildren(
    heading,
    totals,
    h(
      'div',
      { className: 'charts' },
      chart(
        'chart-area',
        t('stats.byArea'),
        stats.byArea.map((r) => ({ ...r, label: pickText(areaByCode(r.key)?.name, lang) || r.key })),
      ),
      chart(
        'chart-category',
        t('stats.byCategory'),
        stats.byCategory.map((r) => ({ ...r, label: t(`category.${r.key}`) })),
      ),
    ),
  );
}

function skeleton(): HTMLElement {
  const total = (label: string, kind: string) =>
    h('div', { className: `total total-${kind}` }, h('dt', {}, label), h('dd', {}, '…'));
  const chart = (title: string) =>
    h(
      'figure',
      { className: 'chart' },
      h('figcaption', {}, title),
      h(
        'ul',
        { 'aria-hidden': 'true' },
        Array.from({ length: TOP }, () => h('li', {}, h('span', { className: 'chart-label' }, '\u00a0'))),
      ),
    );
  return h(
    'div',
    { className: 'stats-skeleton' },
    h(
      'dl',
      { className: 'totals' },
      total(t('stats.items'), 'items'),
      total(t('stats.planned'), 'planned'),
      total(t('stats.contracted'), 'contracted'),
      total(t('stats.spent'), 'spent'),
      total(t('stats.flagged'), 'flagged'),
    ),
    h('div', { className: 'charts' }, chart(t('stats.byArea')), chart(t('stats.byCategory'))),
  );
}
