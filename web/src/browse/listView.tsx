/**
 * The list: the same filtered items as the map, as a real table that a keyboard and a screen reader
 * can use fully. Sort buttons sit in the column headers (with aria-sort); titles are links to the
 * item, so "open" is an ordinary link; pages of 25 rows keep it short for a screen reader.
 * A Preact component: rows are keyed by item id, so a re-render (sort, page, titles arriving, an
 * item selected) keeps the elements and the focus on the control the reader used.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { areaByCode } from '../../../shared/areas';
import type { FeedFeature } from '../../../shared/feed';
import { FLAGS } from '../../../shared/flags';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
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

export interface ListProps {
  sorted: FeedFeature[];
  state: BrowseState;
  rows: ReadonlyMap<string, ItemView>;
  actions: ListActions;
  /** With no rows: which filters to relax (relax.ts `relaxHints`). */
  hints: readonly RelaxHint[];
}

/** The sort mark after a column's label: the active column's direction, or "sortable". */
export function sortMark(state: BrowseState, key: SortKey): string {
  if (state.sort.key !== key) return ' ↕';
  return state.sort.dir === 'asc' ? ' ▲' : ' ▼';
}

export function ItemList({ sorted, state, rows, actions, hints }: ListProps) {
  const lang = getLang();
  if (sorted.length === 0) return <EmptyState hints={hints} />;
  const { rows: pageRows, page, pages } = pageOf(sorted, state.page);
  return (
    <>
      <table className="items" id="items-table">
        <caption>{t('list.caption', { count: formatCount(sorted.length, lang) })}</caption>
        <thead>
          <tr>
            {COLUMNS.map((col) => {
              const label = t(col.label);
              if (!col.key)
                return (
                  <th key={col.label} scope="col">
                    {label}
                  </th>
                );
              const key = col.key;
              const active = state.sort.key === key;
              return (
                <th
                  key={col.label}
                  scope="col"
                  className={col.numeric ? 'num' : undefined}
                  aria-sort={active ? (state.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sort" data-sort={key} onClick={() => actions.sortBy(key)}>
                    {label}
                    <span className="sort-mark" aria-hidden="true">
                      {sortMark(state, key)}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {pageRows.map((f) => (
            <Row
              key={f.properties.id}
              feature={f}
              state={state}
              full={rows.get(f.properties.id)}
              actions={actions}
            />
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={pages} goToPage={actions.goToPage} />
    </>
  );
}

/**
 * Previous / next page. The reader who paged stays on the pager: a button that has just become
 * disabled (first or last page) hands the focus to the other one.
 */
function Pager({ page, pages, goToPage }: { page: number; pages: number; goToPage(page: number): void }) {
  const nav = useRef<HTMLElement>(null);
  const paged = useRef(false);
  useLayoutEffect(() => {
    if (!paged.current || !nav.current) return;
    paged.current = false;
    const active = document.activeElement;
    if (active instanceof HTMLButtonElement && !active.disabled && nav.current.contains(active)) return;
    nav.current.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
  });
  const to = (next: number) => {
    paged.current = true;
    goToPage(next);
  };
  return (
    <nav className="pager" aria-label={t('list.pagination')} ref={nav}>
      <button type="button" disabled={page <= 1} onClick={() => to(page - 1)}>
        {t('list.prev')}
      </button>
      <span aria-live="polite">{t('list.page', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => to(page + 1)}>
        {t('list.next')}
      </button>
    </nav>
  );
}

function Row({
  feature: { properties: p, geometry },
  state,
  full,
  actions,
}: {
  feature: FeedFeature;
  state: BrowseState;
  full: ItemView | undefined;
  actions: ListActions;
}) {
  const lang = getLang();
  const onClick = (e: MouseEvent) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    actions.openItem(p.id, geometry.coordinates);
  };
  return (
    <tr data-item-id={p.id} className={state.itemId === p.id ? 'selected' : undefined}>
      <th scope="row">
        <a href={actions.itemHref(p.id)} data-item-id={p.id} onClick={onClick}>
          {full ? pickText(full.title, lang) : t('list.loadingTitles')}
        </a>
        {/* The flags badge: how many risk flags fire, their titles (in the reader's language) in its tooltip. */}
        {p.f?.length ? (
          <span
            className="flag-badge"
            title={p.f
              .map((code) => {
                const def = FLAGS.find((d) => d.code === code);
                return def ? pickText(def.title, lang) : code;
              })
              .join('; ')}
          >
            {t('integrity.badge', { n: p.f.length })}
          </span>
        ) : null}
      </th>
      <td>{pickText(areaByCode(p.a).name, lang)}</td>
      <td className="num">{formatKztShort(BigInt(Math.round(p.p)), lang)}</td>
      <td className="num">
        <span className={`swatch swatch-${p.x}`} aria-hidden="true" />
        {formatPercent(p.e, lang)}
        <span className="visually-hidden">{` (${t(`exec.${p.x}`)})`}</span>
      </td>
      <td>{t(`status.${p.s}`)}</td>
    </tr>
  );
}

/** No rows: say so, and which one filter, cleared, would show how many items. */
function EmptyState({ hints }: { hints: readonly RelaxHint[] }) {
  return (
    <>
      <p className="empty">{t('shown.none')}</p>
      {hints.length > 0 && (
        <>
          <p>{t('relax.intro')}</p>
          <ul className="relax-hints">
            {hints.map((hint) => (
              <li key={hint.filter}>
                {t('relax.without', { filter: t(RELAX_LABEL[hint.filter]), count: hint.count })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
