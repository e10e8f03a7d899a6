/**
 * The app shell: header (title, navigation, registered header widgets, language), the browse screen
 * (filters, stats, map, list, item panel) and the registered pages. The URL is the state: every
 * change goes through `go()`, which writes history and re-applies; Back and shared links replay it.
 */
import { areaByCode } from '../../shared/areas';
import { EXECUTION_STATES } from '../../shared/execution';
import type { FeedFeature, ShapeFeature } from '../../shared/feed';
import { LANGS, type Lang, type Localized, pickText } from '../../shared/i18n-text';
import type { ItemView } from '../../shared/item';
import {
  loadFeed,
  loadItem,
  loadItemsByIds,
  loadOverdueIds,
  loadShapes,
  loadStats,
  type Stats,
  searchItemIds,
  statsQuery,
} from './browse/data';
import { createFilterBar, type FilterBar } from './browse/filterBar';
import { feedFacets, filterFeed, markOverdue, sortFeatures, summarize } from './browse/filters';
import { renderList } from './browse/listView';
import { relaxHints } from './browse/relax';
import { renderStats } from './browse/statsStrip';
import { type BrowseState, type Filters, parseState, stateToPath } from './browse/urlState';
import { h } from './dom';
import { formatKztShort, localeOf } from './format';
import { getLang, onLangChange, setLang, t } from './i18n';
import { showFreshness } from './item/freshness';
import { createItemPanel } from './item/itemPanel';
import { createItemMap, type ItemMap } from './map/mapView';
import { headerWidgets, type Page, pages } from './shell';

const LANG_NAMES: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
const LANG_SHORT: Record<Lang, string> = { kk: 'ҚАЗ', ru: 'РУС', en: 'ENG' };

export function startApp(root: HTMLElement): () => void {
  const exposeForTests = new URLSearchParams(location.search).has('testhooks');
  let state: BrowseState = parseState(new URL(location.href));
  let feed: FeedFeature[] | null = null;
  let shapes: ShapeFeature[] = [];
  let feedError = false;
  let shown: FeedFeature[] = [];
  let shownKey = '';
  let searchIds: Set<string> | null = null;
  let searchedFor = '';
  const rows = new Map<string, ItemView>();
  // Ids whose full rows were asked for once: the re-render when titles arrive asks for no id twice.
  const rowsAsked = new Set<string>();
  const bodyNames = new Map<string, Localized>();
  let statsFor: string | null = null;
  let stats: Stats | 'error' | null = null;
  let openedItemId: string | null = null;
  let lastOpener: HTMLElement | null = null;
  let activePage: { page: Page; cleanup?: () => void } | null = null;
  let widgetCleanups: (() => void)[] = [];

  // ---- layout (rebuilt on language change, except the map) -------------------------------------
  const mapContainer = h('div', { className: 'map', id: 'map', 'data-testid': 'map' });
  const panelEl = h('aside', {
    className: 'panel',
    id: 'item-panel',
    'aria-labelledby': 'panel-title',
    hidden: true,
  });
  const listEl = h('div', { className: 'list', id: 'list' });
  const statsEl = h('section', { className: 'stats', 'aria-labelledby': 'stats-heading' });
  const pageEl = h('div', { className: 'page', id: 'page', hidden: true });
  const summaryEl = h('p', { className: 'summary', id: 'shown-summary', 'aria-live': 'polite' });
  // When the dataset was last refreshed from its source (issue 20, item 6).
  const freshnessEl = h('p', { className: 'freshness', id: 'data-freshness' });
  showFreshness(freshnessEl);
  const mapMessage = h('div', { className: 'map-message', role: 'status' });
  let filterBar: FilterBar = createFilterBar(applyFilters);
  const browseEl = h('div', { className: 'browse' });
  const mainEl = h('main', { id: 'main', tabindex: -1 }, browseEl, pageEl);

  // On a phone an open item's sheet covers most of the map: MapLibre waits until the sheet closes or
  // the reader asks for the item on the map (the item page's own content comes first).
  let mapAsked = false;
  const panel = createItemPanel(panelEl, {
    close: closeItem,
    showOnMap: (item) => {
      mapAsked = true;
      go({ ...state, view: state.view === 'list' && isNarrow() ? 'map' : state.view }, false);
      map?.highlight(item.id, item.location.point, true);
    },
  });

  let map: ItemMap | null = null;
  try {
    map = createItemMap(mapContainer, {
      lang: getLang(),
      label: t('map.label'),
      exposeForTests,
      onOpenItem: (id) => {
        lastOpener = null;
        go({ ...state, itemId: id });
      },
      onUnavailable: () => {
        mapMessage.textContent = t('map.noWebgl');
      },
      hold: () => !mapAsked && state.itemId !== null && isNarrow(),
    });
  } catch (err) {
    console.error(err);
    mapMessage.textContent = t('map.noWebgl');
  }

  function header() {
    const nav = h(
      'nav',
      { 'aria-label': t('nav.label'), className: 'nav' },
      h(
        'ul',
        {},
        h('li', {}, navLink('/', t('nav.home'))),
        pages
          .filter((p) => p.navLabelKey && p.navPath)
          .map((p) => h('li', {}, navLink(p.navPath!, t(p.navLabelKey!)))),
      ),
    );
    const widgets = h('div', { className: 'header-widgets' });
    for (const c of widgetCleanups) c();
    widgetCleanups = [];
    for (const w of headerWidgets) {
      const slot = h('div', { className: 'header-widget', 'data-widget': w.id });
      widgets.append(slot);
      try {
        const cleanup = w.render(slot);
        if (cleanup) widgetCleanups.push(cleanup);
      } catch (err) {
        console.error(`header widget ${w.id} failed`, err);
      }
    }
    const langs = h(
      'div',
      { className: 'langs', role: 'group', 'aria-label': t('lang.label') },
      LANGS.map((l) =>
        h(
          'button',
          {
            type: 'button',
            lang: l,
            'data-lang': l,
            'aria-pressed': String(l === getLang()),
            title: LANG_NAMES[l],
            onclick: () => setLang(l),
          },
          LANG_SHORT[l],
        ),
      ),
    );
    return h(
      'header',
      { className: 'top' },
      h(
        'h1',
        { className: 'brand' },
        h(
          'a',
          { href: '/', 'data-nav': '', className: 'brand-link' },
          h('span', { className: 'brand-title' }, t('app.title')),
          h('span', { className: 'brand-sub' }, t('app.subtitle')),
        ),
      ),
      nav,
      widgets,
      langs,
    );
  }

  function navLink(path: string, label: string) {
    const current = location.pathname === path || (path === '/' && !activePage);
    return h('a', { href: path, 'data-nav': '', 'aria-current': current ? 'page' : null }, label);
  }

  function legend() {
    // Folded on a phone, where open it would cover the pins under it (Taraz's cluster).
    return h(
      'details',
      { className: 'legend', open: !isNarrow() },
      h('summary', { id: 'legend-title' }, t('legend.title')),
      h(
        'ul',
        {},
        EXECUTION_STATES.map((s) =>
          h('li', {}, h('span', { className: `swatch swatch-${s}`, 'aria-hidden': 'true' }), t(`exec.${s}`)),
        ),
        h(
          'li',
          {},
          h('span', { className: 'swatch swatch-overdue', 'aria-hidden': 'true' }),
          t('legend.overdue'),
        ),
      ),
    );
  }

  function viewToggle() {
    const button = (view: BrowseState['view'], label: string) =>
      h(
        'button',
        {
          type: 'button',
          'data-view': view,
          'aria-pressed': String(state.view === view),
          onclick: () => go({ ...state, view }),
        },
        label,
      );
    return h(
      'div',
      { className: 'view-toggle', role: 'group', 'aria-label': t('view.label') },
      button('map', t('view.map')),
      button('list', t('view.list')),
    );
  }

  const filtersToggle = () =>
    h(
      'button',
      {
        type: 'button',
        className: 'filters-toggle',
        'aria-expanded': String(browseEl.classList.contains('filters-open')),
        'aria-controls': 'filters',
        onclick: (e: Event) => {
          const open = browseEl.classList.toggle('filters-open');
          (e.currentTarget as HTMLElement).setAttribute('aria-expanded', String(open));
        },
      },
      t('filters.heading'),
    );

  function build() {
    filterBar = createFilterBar(applyFilters);
    filterBar.element.id = 'filters';
    mapContainer.querySelector('canvas')?.setAttribute('aria-label', t('map.label'));
    browseEl.replaceChildren(
      filterBar.element,
      h(
        'div',
        { className: 'content' },
        h('div', { className: 'toolbar' }, viewToggle(), filtersToggle(), summaryEl, freshnessEl),
        statsEl,
        h(
          'div',
          { className: 'views' },
          h(
            'section',
            { className: 'map-wrap', 'aria-label': t('view.map') },
            h('p', { className: 'visually-hidden' }, t('map.keyboardHint')),
            mapContainer,
            legend(),
            mapMessage,
          ),
          h('section', { className: 'list-wrap', 'aria-label': t('view.list') }, listEl),
        ),
      ),
      panelEl,
    );
    root.replaceChildren(h('a', { href: '#main', className: 'skip' }, t('app.skip')), header(), mainEl);
    updateChoices();
  }

  // ---- state → screen -------------------------------------------------------------------------
  function go(next: BrowseState, push = true) {
    const path = stateToPath(next);
    if (push && path !== location.pathname + location.search) history.pushState(null, '', path);
    else history.replaceState(null, '', path);
    route();
  }

  function applyFilters(filters: Filters) {
    go({ ...state, filters, page: 1 });
  }

  function closeItem() {
    const id = state.itemId;
    go({ ...state, itemId: null });
    // The list is redrawn on every change, so find the row's link again rather than trusting the old node.
    const back =
      (lastOpener && document.contains(lastOpener) ? lastOpener : null) ??
      (id ? listEl.querySelector<HTMLElement>(`a[data-item-id="${id}"]`) : null);
    (back && back.offsetParent !== null ? back : mainEl).focus();
  }

  function isNarrow() {
    return matchMedia('(max-width: 719px)').matches;
  }

  function route() {
    const url = new URL(location.href);
    const page = pages.find((p) => p.match(url.pathname));
    if (page) {
      if (activePage?.page !== page) {
        activePage?.cleanup?.();
        pageEl.replaceChildren();
        activePage = { page, cleanup: page.render(pageEl, url) };
      }
      pageEl.hidden = false;
      browseEl.hidden = true;
      refreshNav();
      return;
    }
    if (activePage) {
      activePage.cleanup?.();
      activePage = null;
      pageEl.replaceChildren();
      pageEl.hidden = true;
      browseEl.hidden = false;
      refreshNav();
    }
    state = parseState(url);
    applyState();
  }

  function refreshNav() {
    for (const a of root.querySelectorAll<HTMLAnchorElement>('nav.nav a')) {
      const path = new URL(a.href).pathname;
      const current = activePage ? location.pathname === path : path === '/';
      if (current) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  function applyState() {
    browseEl.classList.toggle('view-list', state.view === 'list');
    browseEl.classList.toggle('view-map', state.view === 'map');
    browseEl.classList.toggle('item-open', state.itemId !== null);
    for (const b of browseEl.querySelectorAll<HTMLButtonElement>('.view-toggle button')) {
      b.setAttribute('aria-pressed', String(b.dataset.view === state.view));
    }
    filterBar.sync(state.filters);
    updateSearch();
    updateShown();
    updateStats();
    updateItem();
    requestAnimationFrame(() => map?.resize());
  }

  function updateSearch() {
    const q = state.filters.q;
    if (q === searchedFor) return;
    searchedFor = q;
    filterBar.setSearchError(null);
    if (!q) {
      searchIds = null;
      return;
    }
    searchIds = new Set();
    searchItemIds(q)
      .then((ids) => {
        if (searchedFor !== q) return;
        searchIds = ids;
        shownKey = '';
        updateShown();
      })
      .catch(() => {
        if (searchedFor === q) filterBar.setSearchError(t('filters.searchFailed'));
      });
  }

  function updateShown() {
    if (!feed) {
      summaryEl.textContent = feedError ? t('map.loadFailed') : t('panel.loading');
      return;
    }
    const key = `${JSON.stringify(state.filters)}|${searchIds ? searchIds.size : '-'}`;
    if (key !== shownKey) {
      shownKey = key;
      shown = filterFeed(feed, state.filters, state.filters.q ? searchIds : null);
      map?.setItems(shown);
      showShapes();
    }
    const s = summarize(shown);
    summaryEl.textContent = t('shown.summary', {
      count: s.count,
      planned: formatKztShort(s.plannedKzt, getLang()),
    });
    if (state.view === 'list' || listEl.childElementCount > 0) renderListNow();
  }

  /** Roads and plots of the shown items only; re-sent only when shapes exist, so pins never wait on it. */
  function showShapes() {
    if (shapes.length === 0) return;
    const shownIds = new Set(shown.map((f) => f.properties.id));
    map?.setShapes(shapes.filter((s) => shownIds.has(s.properties.id)));
  }

  function renderListNow() {
    const lang = getLang();
    const sorted = sortFeatures(
      shown,
      state.sort,
      (code) => pickText(areaByCode(code).name, lang),
      localeOf(lang),
    );
    const hints =
      sorted.length === 0 && feed ? relaxHints(feed, state.filters, state.filters.q ? searchIds : null) : [];
    const { pageIds } = renderList(
      listEl,
      sorted,
      state,
      rows,
      {
        sortBy: (key) => {
          const dir = state.sort.key === key && state.sort.dir === 'desc' ? 'asc' : 'desc';
          go({ ...state, sort: { key, dir }, page: 1 });
        },
        goToPage: (page) => go({ ...state, page }),
        itemHref: (id) => stateToPath({ ...state, itemId: id, view: 'list' }),
        openItem: (id, point) => {
          lastOpener = document.activeElement as HTMLElement | null;
          go({ ...state, itemId: id, view: 'list' });
          map?.highlight(id, point, true);
        },
      },
      hints,
    );
    const missing = pageIds.filter((id) => !rows.has(id) && !rowsAsked.has(id));
    if (missing.length) {
      for (const id of missing) rowsAsked.add(id);
      loadItemsByIds(missing)
        .then((items) => {
          for (const item of items) rows.set(item.id, item);
          // The list draws the titles it now has (a keyed re-render: only those texts change).
          if (items.length && listEl.childElementCount > 0) renderListNow();
        })
        .catch((err) => {
          // A later render may ask again.
          for (const id of missing) rowsAsked.delete(id);
          console.error(err);
        });
    }
  }

  function updateStats() {
    const query = statsQuery(state.filters);
    if (query === statsFor) return;
    statsFor = query;
    stats = null;
    renderStats(statsEl, null);
    loadStats(state.filters)
      .then((s) => {
        if (statsFor !== query) return;
        stats = s;
        renderStats(statsEl, stats);
      })
      .catch(() => {
        if (statsFor !== query) return;
        stats = 'error';
        renderStats(statsEl, stats);
      });
  }

  function updateItem() {
    const id = state.itemId;
    if (!id) {
      if (openedItemId) {
        openedItemId = null;
        panel.close();
        map?.highlight(null);
      }
      return;
    }
    // The list's selected row follows state.itemId: updateShown has just re-rendered it.
    if (id === openedItemId) return;
    openedItemId = id;
    const fromFeed = feed?.find((f) => f.properties.id === id);
    map?.highlight(id, fromFeed?.geometry.coordinates, Boolean(fromFeed));
    void panel
      .show(id, (x) => (rows.get(x) ? Promise.resolve(rows.get(x)!) : loadItem(x)))
      .then((item) => {
        if (item && !fromFeed) map?.highlight(id, item.location.point, true);
      });
    requestAnimationFrame(() => panel.focusHeading());
  }

  function updateChoices() {
    if (!feed) return;
    const facets = feedFacets(feed);
    const lang = getLang();
    filterBar.setChoices({
      years: facets.years,
      bodies: facets.bodies
        .map((id) => ({ id, name: bodyNames.has(id) ? pickText(bodyNames.get(id), lang) : id }))
        .sort((a, b) => a.name.localeCompare(b.name, localeOf(lang))),
    });
  }

  async function loadBodyNames() {
    if (!feed) return;
    const onePerBody = new Map<string, string>();
    for (const f of feed)
      if (!onePerBody.has(f.properties.b)) onePerBody.set(f.properties.b, f.properties.id);
    const items = await loadItemsByIds([...onePerBody.values()].slice(0, 200));
    for (const item of items) bodyNames.set(item.body.id, item.body.name);
    updateChoices();
  }

  async function start() {
    try {
      feed = await loadFeed();
      feedError = false;
      mapMessage.textContent = '';
    } catch (err) {
      console.error(err);
      feedError = true;
      mapMessage.replaceChildren(
        t('map.loadFailed'),
        ' ',
        h('button', { type: 'button', onclick: () => void start() }, t('map.retry')),
      );
      updateShown();
      return;
    }
    shownKey = '';
    updateChoices();
    applyState();
    loadShapes()
      .then((loaded) => {
        shapes = loaded;
        showShapes();
      })
      .catch((err) => console.error(err));
    loadBodyNames().catch((err) => console.error(err));
    // The badge is extra: without it (request failed) the map shows every pin unbadged.
    loadOverdueIds()
      .then((ids) => {
        if (!feed) return;
        markOverdue(feed, ids);
        shownKey = '';
        updateShown();
      })
      .catch((err) => console.error(err));
  }

  // ---- events ---------------------------------------------------------------------------------
  const onPop = () => route();
  const onClick = (e: MouseEvent) => {
    const a = (e.target as Element | null)?.closest?.('a[data-nav]') as HTMLAnchorElement | null;
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const url = new URL(a.href);
    history.pushState(null, '', url.pathname + url.search);
    route();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && state.itemId && panelEl.contains(document.activeElement)) closeItem();
  };
  const offLang = onLangChange(() => {
    const focusedLang = (document.activeElement as HTMLElement | null)?.dataset?.lang;
    document.title = t('app.title');
    build();
    map?.setLang(getLang());
    applyState();
    if (stats) renderStats(statsEl, stats);
    panel.refresh();
    if (focusedLang) root.querySelector<HTMLElement>(`button[data-lang="${getLang()}"]`)?.focus();
  });
  addEventListener('popstate', onPop);
  root.addEventListener('click', onClick);
  addEventListener('keydown', onKey);

  document.documentElement.lang = getLang();
  document.title = t('app.title');
  build();
  route();
  void start();

  return () => {
    removeEventListener('popstate', onPop);
    root.removeEventListener('click', onClick);
    removeEventListener('keydown', onKey);
    offLang();
    for (const c of widgetCleanups) c();
    activePage?.cleanup?.();
    panel.close();
    map?.destroy();
    map = null;
  };
}
