/**
 * The list: the same filtered items as the map, as a real table that a keyboard and a screen reader
 * can use fully. Sort buttons sit in the column headers (with aria-sort); titles are links to the
 * item, so "open" is an ordinary link; pages of 25 rows keep it short for a screen reader.
 */
import { areaByCode } from '../../../shared/areas';
import type { FeedFeature } from '../../../shared/feed';
import { FLAGS } from '../../../shared/flags';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { h } from '../dom';
import { formatCount, formatKztShort, formatPercent } from '../format';
import { getLang, t } from '../i18n';
import { pageOf } from './filters';
import { RELAX_LABEL, type RelaxHint } from './relax';
import type { BrowseState, SortKey } from './urlState';

export interface ListActions {
  sortBy(key: SortKey): void;
  goToPage(page: number): void;
  /** The href of an item's row link (keeps the list and filters in the URL). */
  itemHref(id: string): string;
  openItem(id: string, point: [number, number]): void;
}

const COLUMNS: { key: SortKey | null; label: string; numeric?: boolean }[] = [
  { key: null, label: 'list.title' },
  { key: 'area', label: 'list.area' },
  { key: 'amount', label: 'list.amount', numeric: true },
  { key: 'execution', label: 'list.execution', numeric: true },
  { key: 'status', label: 'list.status' },
];

export function renderList(
  container: HTMLElement,
  sorted: FeedFeature[],
  state: BrowseState,
  rows: ReadonlyMap<string, ItemView>,
  actions: ListActions,
  /** With no rows: which filters to relax (relax.ts `relaxHints`). */
  hints: readonly RelaxHint[] = [],
): { pageIds: string[] } {
  const lang = getLang();
  const { rows: pageRows, page, pages } = pageOf(sorted, state.page);

  const header = h(
    'tr',
    {},
    COLUMNS.map((col) => {
      const label = t(col.label);
      if (!col.key) return h('th', { scope: 'col' }, label);
      const active = state.sort.key === col.key;
      const key = col.key;
      return h(
        'th',
        {
          scope: 'col',
          className: col.numeric ? 'num' : null,
          'aria-sort': active ? (state.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none',
        },
        h(
          'button',
          { type: 'button', className: 'sort', 'data-sort': key, onclick: () => actions.sortBy(key) },
          label,
          h(
            'span',
            { className: 'sort-mark', 'aria-hidden': 'true' },
            active ? (state.sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕',
          ),
        ),
      );
    }),
  );

  const body = h(
    'tbody',
    {},
    pageRows.map(({ properties: p, geometry }) => {
      const full = rows.get(p.id);
      const title = full ? pickText(full.title, lang) : t('list.loadingTitles');
      const link = h(
        'a',
        {
          href: actions.itemHref(p.id),
          'data-item-id': p.id,
          onclick: (e: Event) => {
            const m = e as MouseEvent;
            if (m.button !== 0 || m.ctrlKey || m.metaKey || m.shiftKey) return;
            e.preventDefault();
            actions.openItem(p.id, geometry.coordinates);
          },
        },
        title,
      );
      return h(
        'tr',
        { 'data-item-id': p.id, className: state.itemId === p.id ? 'selected' : null },
        h(
          'th',
          { scope: 'row' },
          link,
          // The flags badge: how many risk flags fire, their titles (in the reader's language) in its tooltip.
          p.f?.length
            ? h(
                'span',
                {
                  className: 'flag-badge',
                  title: p.f
                    .map((code) => {
                      const def = FLAGS.find((d) => d.code === code);
                      return def ? pickText(def.title, lang) : code;
                    })
                    .join('; '),
                },
                t('integrity.badge', { n: p.f.length }),
              )
            : null,
        ),
        h('td', {}, pickText(areaByCode(p.a).name, lang)),
        h('td', { className: 'num' }, formatKztShort(BigInt(Math.round(p.p)), lang)),
        h(
          'td',
          { className: 'num' },
          h('span', { className: `swatch swatch-${p.x}`, 'aria-hidden': 'true' }),
          formatPercent(p.e, lang),
          h('span', { className: 'visually-hidden' }, ` (${t(`exec.${p.x}`)})`),
        ),
        h('td', {}, t(`status.${p.s}`)),
      );
    }),
  );

  const table = h(
    'table',
    { className: 'items', id: 'items-table' },
    h('caption', {}, t('list.caption', { count: formatCount(sorted.length, lang) })),
    h('thead', {}, header),
    body,
  );

  const pager = h(
    'nav',
    { className: 'pager', 'aria-label': t('list.pagination') },
    h(
      'button',
      { type: 'button', disabled: page <= 1, onclick: () => actions.goToPage(page - 1) },
      t('list.prev'),
    ),
    h('span', { 'aria-live': 'polite' }, t('list.page', { page, pages })),
    h(
      'button',
      { type: 'button', disabled: page >= pages, onclick: () => actions.goToPage(page + 1) },
      t('list.next'),
    ),
  );

  // Keep focus on the control the visitor used when the table is rebuilt (sort, page).
  const active = document.activeElement as HTMLElement | null;
  const sortKey = active?.dataset.sort;
  const pagerIndex = active?.closest('.pager')
    ? [...container.querySelectorAll('.pager button')].indexOf(active)
    : -1;
  container.replaceChildren(...(sorted.length ? [table, pager] : emptyState(hints)));
  if (sortKey) container.querySelector<HTMLElement>(`button[data-sort="${sortKey}"]`)?.focus();
  if (pagerIndex >= 0) {
    const buttons = [...container.querySelectorAll<HTMLButtonElement>('.pager button')];
    (buttons[pagerIndex]?.disabled ? buttons.find((b) => !b.disabled) : buttons[pagerIndex])?.focus();
  }
  return { pageIds: pageRows.map((f) => f.properties.id) };
}

/** No rows: say so, and which one filter, cleared, would show how many items. */
function emptyState(hints: readonly RelaxHint[]): HTMLElement[] {
  const none = h('p', { className: 'empty' }, t('shown.none'));
  if (hints.length === 0) return [none];
  return [
    none,
    h('p', {}, t('relax.intro')),
    h(
      'ul',
      { className: 'relax-hints' },
      hints.map((hint) =>
        h('li', {}, t('relax.without', { filter: t(RELAX_LABEL[hint.filter]), count: hint.count })),
      ),
    ),
  ];
}
