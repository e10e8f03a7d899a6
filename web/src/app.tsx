/**
 * The app shell: header (title, navigation, registered header widgets, language), the browse screen
 * (filters, stats, map, list, item panel) and the registered pages. The URL is the state: every
 * change goes through `go()`, which writes history and re-applies; Back and shared links replay it.
 *
 * The screen is Preact components reading signals (the browse state, the shown items, the stats…):
 * `startApp` holds the data loading and the map, writes those signals, and the components follow,
 * in the chosen language (`t` reads the language signal). The map, the item panel, the pages and
 * the header widgets draw into elements of their own (their `render(container)` contracts).
 */
import { type Signal, signal } from '@preact/signals';
import { render } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
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
import { FilterBar, type FilterChoices } from './browse/filterBar';
import { feedFacets, filterFeed, markOverdue, pageOf, sortFeatures, summarize } from './browse/filters';
import { ItemList, type ListActions } from './browse/listView';
import { type RelaxHint, relaxHints } from './browse/relax';
import { StatsStrip } from './browse/statsStrip';
import { type BrowseState, type Filters, parseState, stateToPath } from './browse/urlState';
import { formatKztShort, localeOf } from './format';
import { getLang, onLangChange, setLang, t } from './i18n';
import { showFreshness } from './item/freshness';
import { createItemPanel } from './item/itemPanel';
import { createItemMap, type ItemMap } from './map/mapView';
import { type HeaderWidget, headerWidgets, type Page, pages } from './shell';

const LANG_NAMES: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
const LANG_SHORT: Record<Lang, string> = { kk: 'ҚАЗ', ru: 'РУС', en: 'ENG' };

/** What the screen shows (signals the components read) and what it can ask for. */
interface ShellModel {
  state: Signal<BrowseState>;
  /** The registered page at the URL, or null for the browse screen. */
  activePage: Signal<Page | null>;
  pathname: Signal<string>;
  feedStatus: Signal<'loading' | 'ready' | 'error'>;
  /** The feed's items that pass the filters (and the search). */
  shown: Signal<FeedFeature[]>;
  choices: Signal<FilterChoices>;
  bodyNames: Signal<ReadonlyMap<string, Localized>>;
  /** Full items by id, for the list's titles. */
  rows: Signal<ReadonlyMap<string, ItemView>>;
  stats: Signal<Stats | 'error' | null>;
  searchFailed: Signal<boolean>;
  mapProblem: Signal<'noWebgl' | 'loadFailed' | null>;
  /** The list has been shown once: from then on it is kept up to date (until then it costs nothing). */
  listed: Signal<boolean>;
  /** Elements other modules draw into (the map, the item panel, the pages), set while rendering. */
  hosts: Partial<Hosts>;
  go(next: BrowseState): void;
  applyFilters(filters: Filters): void;
  retry(): void;
  listActions: ListActions;
  hints(filters: Filters): RelaxHint[];
  /** The reader is using the filter form: its body names are needed now. */
  askBodyNames(): void;
  loadTitles(ids: string[]): void;
}

interface Hosts {
  main: HTMLElement;
  map: HTMLDivElement;
  panel: HTMLElement;
  list: HTMLDivElement;
  page: HTMLDivElement;
  freshness: HTMLParagraphElement;
}

export function startApp(root: HTMLElement): () => void {
  const exposeForTests = new URLSearchParams(location.search).has('testhooks');
  // The data behind the screen (not shown as such).
  let feed: FeedFeature[] | null = null;
  let shapes: ShapeFeature[] = [];
  /** The shapes last given to the map (to send only a change). */
  let sentShapes: ShapeFeature[] | null = null;
  let shownKey = '';
  let searchIds: Set<string> | null = null;
  let searchedFor = '';
  // Ids whose full rows were asked for once: no id is asked for twice.
  const rowsAsked = new Set<string>();
  let statsFor: string | null = null;
  let openedItemId: string | null = null;
  let lastOpener: HTMLElement | null = null;
  let pageCleanup: (() => void) | undefined;

  const m: ShellModel = {
    state: signal(parseState(new URL(location.href))),
    activePage: signal(null),
    pathname: signal(location.pathname),
    feedStatus: signal('loading'),
    shown: signal([]),
    choices: signal({ years: [], bodies: [] }),
    bodyNames: signal(new Map()),
    rows: signal(new Map()),
    stats: signal(null),
    searchFailed: signal(false),
    mapProblem: signal(null),
    listed: signal(false),
    hosts: {},
    go,
    applyFilters: (filters) => go({ ...m.state.value, filters, page: 1 }),
    retry: () => void start(),
    listActions: {
      sortBy: (key) => {
        const state = m.state.value;
        const dir = state.sort.key === key && state.sort.dir === 'desc' ? 'asc' : 'desc';
        go({ ...state, sort: { key, dir }, page: 1 });
      },
      goToPage: (page) => go({ ...m.state.value, page }),
      itemHref: (id) => stateToPath({ ...m.state.value, itemId: id, view: 'list' }),
      openItem: (id, point) => {
        lastOpener = document.activeElement as HTMLElement | null;
        go({ ...m.state.value, itemId: id, view: 'list' });
        map?.highlight(id, point, true);
      },
    },
    hints: (filters) => (feed ? relaxHints(feed, filters, filters.q ? searchIds : null) : []),
    askBodyNames: () => askBodyNames(),
    loadTitles,
  };
  const { state } = m;

  // The first render is synchronous: the static first paint (the map's outline included) is on
  // the page when startApp returns, as before any data arrives.
  document.documentElement.lang = getLang();
  document.title = t('app.title');
  render(<Shell m={m} />, root);
  const hosts = m.hosts as Hosts;
  const stopFreshness = showFreshness(hosts.freshness);

  // On a phone an open item's sheet covers most of the map: MapLibre waits until the sheet closes or
  // the reader asks for the item on the map (the item page's own content comes first).
  let mapAsked = false;
  const panel = createItemPanel(hosts.panel, {
    close: closeItem,
    showOnMap: (item) => {
      mapAsked = true;
      const s = state.value;
      go({ ...s, view: s.view === 'list' && isNarrow() ? 'map' : s.view }, false);
      map?.highlight(item.id, item.location.point, true);
    },
  });

  let map: ItemMap | null = null;
  // The body names (a request for up to 200 full items) only label the body picker's options, closed
  // until used: they wait until MapLibre has drawn (the filter form is on screen only with the map,
  // or under an item's sheet that holds it), unless the URL filters by body or the reader uses the form.
  let mapSettled = false;
  let namesAsked = false;
  // Roads and plots are drawn from zoom 8 on (map/maplibreMap.ts), the region opens at 5.5-7: their
  // request, parse and tiling in MapLibre's worker wait until the map has drawn itself.
  let mapDrawn = false;
  let shapesAsked = false;
  function askShapes() {
    if (shapesAsked || !feed) return;
    shapesAsked = true;
    loadShapes()
      .then((loaded) => {
        shapes = loaded;
        showShapes();
      })
      .catch((err) => {
        shapesAsked = false;
        console.error(err);
      });
  }
  function askBodyNames() {
    if (namesAsked || !feed) return;
    namesAsked = true;
    loadBodyNames().catch((err) => {
      namesAsked = false;
      console.error(err);
    });
  }
  try {
    map = createItemMap(hosts.map, {
      lang: getLang(),
      label: t('map.label'),
      exposeForTests,
      onOpenItem: (id) => {
        lastOpener = null;
        go({ ...state.value, itemId: id });
      },
      onUnavailable: () => {
        m.mapProblem.value = 'noWebgl';
      },
      onDrawn: () => {
        mapDrawn = true;
        askShapes();
      },
      onSettled: () => {
        mapSettled = true;
        askBodyNames();
      },
      hold: () => !mapAsked && state.value.itemId !== null && isNarrow(),
    });
  } catch (err) {
    console.error(err);
    m.mapProblem.value = 'noWebgl';
    mapSettled = true;
  }

  // ---- state → screen -------------------------------------------------------------------------
  function go(next: BrowseState, push = true) {
    const path = stateToPath(next);
    if (push && path !== location.pathname + location.search) history.pushState(null, '', path);
    else history.replaceState(null, '', path);
    route();
  }

  function closeItem() {
    const id = state.value.itemId;
    // Rows are keyed by item id, so the row's link is the same element after the re-render.
    const back =
      (lastOpener && document.contains(lastOpener) ? lastOpener : null) ??
      (id ? hosts.list.querySelector<HTMLElement>(`a[data-item-id="${id}"]`) : null);
    go({ ...state.value, itemId: null });
    // The components re-render in a microtask queued by go(): focus once the sheet's layout is gone.
    queueMicrotask(() => (back && back.offsetParent !== null ? back : hosts.main).focus());
  }

  function route() {
    const url = new URL(location.href);
    m.pathname.value = url.pathname;
    const page = pages.find((p) => p.match(url.pathname));
    if (page) {
      if (m.activePage.value !== page) {
        pageCleanup?.();
        hosts.page.replaceChildren();
        m.activePage.value = page;
        pageCleanup = page.render(hosts.page, url);
      }
      return;
    }
    if (m.activePage.value) {
      pageCleanup?.();
      pageCleanup = undefined;
      hosts.page.replaceChildren();
      m.activePage.value = null;
    }
    state.value = parseState(url);
    applyState();
  }

  function applyState() {
    if (state.value.view === 'list') m.listed.value = true;
    updateSearch();
    updateShown();
    updateStats();
    updateItem();
    requestAnimationFrame(() => map?.resize());
  }

  function updateSearch() {
    const q = state.value.filters.q;
    if (q === searchedFor) return;
    searchedFor = q;
    m.searchFailed.value = false;
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
        if (searchedFor === q) m.searchFailed.value = true;
      });
  }

  function updateShown() {
    if (!feed) return;
    const { filters } = state.value;
    const key = `${JSON.stringify(filters)}|${searchIds ? searchIds.size : '-'}`;
    if (key === shownKey) return;
    shownKey = key;
    const shown = filterFeed(feed, filters, filters.q ? searchIds : null);
    m.shown.value = shown;
    map?.setItems(shown);
    showShapes();
  }

  /** Roads and plots of the shown items only; re-sent only when shapes exist, so pins never wait on it. */
  function showShapes() {
    if (shapes.length === 0) return;
    const shownIds = new Set(m.shown.value.map((f) => f.properties.id));
    const next = shapes.filter((s) => shownIds.has(s.properties.id));
    // The same shapes again (the overdue badge re-filters the pins, never which items show) would be
    // tiled again in MapLibre's worker and redrawn: main-thread work while the map is starting.
    const sent = sentShapes;
    if (sent && next.length === sent.length && next.every((s, i) => s === sent[i])) return;
    sentShapes = next;
    map?.setShapes(next);
  }

  /** Loads the full rows (titles) of a list page's items not asked for yet. */
  function loadTitles(ids: string[]) {
    const missing = ids.filter((id) => !m.rows.value.has(id) && !rowsAsked.has(id));
    if (!missing.length) return;
    for (const id of missing) rowsAsked.add(id);
    loadItemsByIds(missing)
      .then((items) => {
        if (!items.length) return;
        const rows = new Map(m.rows.value);
        for (const item of items) rows.set(item.id, item);
        m.rows.value = rows;
      })
      .catch((err) => {
        // A later render may ask again.
        for (const id of missing) rowsAsked.delete(id);
        console.error(err);
      });
  }

  function updateStats() {
    const query = statsQuery(state.value.filters);
    if (query === statsFor) return;
    statsFor = query;
    m.stats.value = null;
    loadStats(state.value.filters)
      .then((s) => {
        if (statsFor === query) m.stats.value = s;
      })
      .catch(() => {
        if (statsFor === query) m.stats.value = 'error';
      });
  }

  function updateItem() {
    const id = state.value.itemId;
    if (!id) {
      if (openedItemId) {
        openedItemId = null;
        panel.close();
        map?.highlight(null);
      }
      return;
    }
    if (id === openedItemId) return;
    openedItemId = id;
    const fromFeed = feed?.find((f) => f.properties.id === id);
    map?.highlight(id, fromFeed?.geometry.coordinates, Boolean(fromFeed));
    void panel
      .show(id, (x) => {
        const row = m.rows.value.get(x);
        return row ? Promise.resolve(row) : loadItem(x);
      })
      .then((item) => {
        if (item && !fromFeed) map?.highlight(id, item.location.point, true);
      });
    requestAnimationFrame(() => panel.focusHeading());
  }

  async function loadBodyNames() {
    if (!feed) return;
    const onePerBody = new Map<string, string>();
    for (const f of feed)
      if (!onePerBody.has(f.properties.b)) onePerBody.set(f.properties.b, f.properties.id);
    const items = await loadItemsByIds([...onePerBody.values()].slice(0, 200));
    const names = new Map(m.bodyNames.value);
    for (const item of items) names.set(item.body.id, item.body.name);
    m.bodyNames.value = names;
  }

  async function start() {
    // The overdue badge's ids are asked for with the feed, not after it: the map then usually starts
    // with them in its first style, rather than tiling every pin a second time when they arrive.
    const overdue = loadOverdueIds();
    overdue.catch(() => undefined);
    try {
      feed = await loadFeed();
    } catch (err) {
      console.error(err);
      m.feedStatus.value = 'error';
      m.mapProblem.value = 'loadFailed';
      return;
    }
    m.feedStatus.value = 'ready';
    if (m.mapProblem.value === 'loadFailed') m.mapProblem.value = null;
    shownKey = '';
    m.choices.value = feedFacets(feed);
    applyState();
    if (mapDrawn) askShapes();
    if (mapSettled || state.value.filters.bodies.length > 0) askBodyNames();
    // The badge is extra: without it (request failed) the map shows every pin unbadged.
    overdue
      .then((ids) => {
        if (!feed) return;
        // Nothing to redraw when no item gains the badge (the pins would be tiled again for nothing).
        if (!feed.some((f) => ids.has(f.properties.id) && f.properties.o !== 1)) return;
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
    if (e.key === 'Escape' && state.value.itemId && hosts.panel.contains(document.activeElement)) closeItem();
  };
  // The components follow the language signal by themselves; these parts are not components.
  const offLang = onLangChange(() => {
    document.title = t('app.title');
    hosts.map.querySelector('canvas')?.setAttribute('aria-label', t('map.label'));
    map?.setLang(getLang());
    panel.refresh();
  });
  addEventListener('popstate', onPop);
  root.addEventListener('click', onClick);
  addEventListener('keydown', onKey);

  route();
  void start();

  return () => {
    removeEventListener('popstate', onPop);
    root.removeEventListener('click', onClick);
    removeEventListener('keydown', onKey);
    offLang();
    stopFreshness();
    pageCleanup?.();
    panel.close();
    map?.destroy();
    map = null;
    render(null, root);
  };
}

function isNarrow() {
  return matchMedia('(max-width: 719px)').matches;
}

// ---- components -------------------------------------------------------------------------------

function Shell({ m }: { m: ShellModel }) {
  const page = m.activePage.value;
  return (
    <>
      <a href="#main" className="skip">
        {t('app.skip')}
      </a>
      <Header m={m} />
      <main
        id="main"
        tabIndex={-1}
        ref={(el) => {
          if (el) m.hosts.main = el;
        }}
      >
        <Browse m={m} hidden={page !== null} />
        <div
          className="page"
          id="page"
          hidden={page === null}
          ref={(el) => {
            if (el) m.hosts.page = el;
          }}
        />
      </main>
    </>
  );
}

function Header({ m }: { m: ShellModel }) {
  const onPage = m.activePage.value !== null;
  const path = m.pathname.value;
  const link = (href: string, label: string) => {
    const current = onPage ? path === href : href === '/';
    return (
      <a href={href} data-nav="" aria-current={current ? 'page' : undefined}>
        {label}
      </a>
    );
  };
  return (
    <header className="top">
      <h1 className="brand">
        <a href="/" data-nav="" className="brand-link">
          <span className="brand-title">{t('app.title')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </a>
      </h1>
      <nav aria-label={t('nav.label')} className="nav">
        <ul>
          <li>{link('/', t('nav.home'))}</li>
          {pages
            .filter((p) => p.navLabelKey && p.navPath)
            .map((p) => (
              <li key={p.id}>{link(p.navPath!, t(p.navLabelKey!))}</li>
            ))}
        </ul>
      </nav>
      <div className="header-widgets">
        {headerWidgets.map((w) => (
          <WidgetSlot key={w.id} widget={w} />
        ))}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: three toggle buttons in the header bar, not a form's fieldset */}
      <div className="langs" role="group" aria-label={t('lang.label')}>
        {LANGS.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            data-lang={l}
            aria-pressed={l === getLang()}
            title={LANG_NAMES[l]}
            onClick={() => setLang(l)}
          >
            {LANG_SHORT[l]}
          </button>
        ))}
      </div>
    </header>
  );
}

/** A registered header widget draws into its own slot, once (widgets follow the language themselves). */
function WidgetSlot({ widget }: { widget: HeaderWidget }) {
  const slot = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    try {
      return widget.render(slot.current!);
    } catch (err) {
      console.error(`header widget ${widget.id} failed`, err);
      return undefined;
    }
  }, [widget]);
  return <div className="header-widget" data-widget={widget.id} ref={slot} />;
}

function Browse({ m, hidden }: { m: ShellModel; hidden: boolean }) {
  const state = m.state.value;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const classes = [
    'browse',
    `view-${state.view}`,
    state.itemId !== null && 'item-open',
    filtersOpen && 'filters-open',
  ].filter(Boolean);
  return (
    <div className={classes.join(' ')} hidden={hidden}>
      <FilterBar
        filters={state.filters}
        choices={m.choices.value}
        bodyNames={m.bodyNames.value}
        searchFailed={m.searchFailed.value}
        onChange={m.applyFilters}
        onUse={m.askBodyNames}
      />
      <div className="content">
        <div className="toolbar">
          <ViewToggle m={m} />
          <button
            type="button"
            className="filters-toggle"
            aria-expanded={filtersOpen}
            aria-controls="filters"
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            {t('filters.heading')}
          </button>
          <Summary m={m} />
          {/* When the dataset was last refreshed from its source (issue 20, item 6): item/freshness.ts fills it. */}
          <p
            className="freshness"
            id="data-freshness"
            ref={(el) => {
              if (el) m.hosts.freshness = el;
            }}
          />
        </div>
        <StatsSection m={m} />
        <div className="views">
          <section className="map-wrap" aria-label={t('view.map')}>
            <p className="visually-hidden">{t('map.keyboardHint')}</p>
            {/* MapLibre (or the static outline until it starts) draws into this element: map/mapView.ts. */}
            <div
              className="map"
              id="map"
              data-testid="map"
              ref={(el) => {
                if (el) m.hosts.map = el;
              }}
            />
            <Legend />
            <MapMessage m={m} />
          </section>
          <section className="list-wrap" aria-label={t('view.list')}>
            <div
              className="list"
              id="list"
              ref={(el) => {
                if (el) m.hosts.list = el;
              }}
            >
              {m.listed.value && m.feedStatus.value === 'ready' ? <ListSection m={m} /> : null}
            </div>
          </section>
        </div>
      </div>
      {/* The item panel draws itself into this element: item/itemPanel.ts. */}
      <aside
        className="panel"
        id="item-panel"
        aria-labelledby="panel-title"
        hidden
        ref={(el) => {
          if (el) m.hosts.panel = el;
        }}
      />
    </div>
  );
}

/** The figures, a component of its own: their arrival re-renders the strip, not the whole screen. */
function StatsSection({ m }: { m: ShellModel }) {
  const stats = m.stats.value;
  return (
    // aria-busy while the figures load: the strip keeps its height meanwhile (no layout shift).
    <section
      className="stats"
      aria-labelledby="stats-heading"
      aria-busy={stats === null ? 'true' : undefined}
    >
      <StatsStrip stats={stats} />
    </section>
  );
}

function ViewToggle({ m }: { m: ShellModel }) {
  const state = m.state.value;
  const button = (view: BrowseState['view'], label: string) => (
    <button
      type="button"
      data-view={view}
      aria-pressed={state.view === view}
      onClick={() => m.go({ ...m.state.value, view })}
    >
      {label}
    </button>
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: two toggle buttons, not a form's fieldset
    <div className="view-toggle" role="group" aria-label={t('view.label')}>
      {button('map', t('view.map'))}
      {button('list', t('view.list'))}
    </div>
  );
}

function Summary({ m }: { m: ShellModel }) {
  const status = m.feedStatus.value;
  let text: string;
  if (status === 'ready') {
    const s = summarize(m.shown.value);
    text = t('shown.summary', { count: s.count, planned: formatKztShort(s.plannedKzt, getLang()) });
  } else text = status === 'error' ? t('map.loadFailed') : t('panel.loading');
  return (
    <p className="summary" id="shown-summary" aria-live="polite">
      {text}
    </p>
  );
}

/** The colours of the pins. Folded on a phone, where open it would cover the pins under it (Taraz's cluster). */
function Legend() {
  const [open] = useState(() => !isNarrow());
  return (
    <details className="legend" open={open}>
      <summary id="legend-title">{t('legend.title')}</summary>
      <ul>
        {EXECUTION_STATES.map((s) => (
          <li key={s}>
            <span className={`swatch swatch-${s}`} aria-hidden="true" />
            {t(`exec.${s}`)}
          </li>
        ))}
        <li>
          <span className="swatch swatch-overdue" aria-hidden="true" />
          {t('legend.overdue')}
        </li>
      </ul>
    </details>
  );
}

function MapMessage({ m }: { m: ShellModel }) {
  const problem = m.mapProblem.value;
  return (
    <div className="map-message" role="status">
      {problem === 'noWebgl' && t('map.noWebgl')}
      {problem === 'loadFailed' && (
        <>
          {t('map.loadFailed')}{' '}
          <button type="button" onClick={m.retry}>
            {t('map.retry')}
          </button>
        </>
      )}
    </div>
  );
}

/** The list of the shown items, sorted in the reader's language; the titles of its page load apart. */
function ListSection({ m }: { m: ShellModel }) {
  const state = m.state.value;
  const shown = m.shown.value;
  const lang = getLang();
  const sorted = useMemo(
    () => sortFeatures(shown, state.sort, (code) => pickText(areaByCode(code).name, lang), localeOf(lang)),
    [shown, state.sort.key, state.sort.dir, lang],
  );
  const pageIds = pageOf(sorted, state.page).rows.map((f) => f.properties.id);
  const idsKey = pageIds.join(',');
  useLayoutEffect(() => m.loadTitles(pageIds), [idsKey]);
  return (
    <ItemList
      sorted={sorted}
      state={state}
      rows={m.rows.value}
      actions={m.listActions}
      hints={sorted.length === 0 ? m.hints(state.filters) : []}
    />
  );
}
