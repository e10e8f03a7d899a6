/**
 * The MapLibre map, loaded on demand by ./mapView.ts (never in the entry chunk), set up in one place: clustered item pins coloured by execution state, item
 * shapes (roads as lines, plots as areas), the region outline and district labels. The rest of the
 * app talks to it through `ItemMap` and never touches MapLibre itself.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import './districtLabels.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { EXECUTION_STATES, type ExecutionState } from '../../../shared/execution';
import type { FeedFeature, ShapeFeature } from '../../../shared/feed';
import type { Lang } from '../../../shared/i18n-text';
import { t } from '../i18n';
import {
  areaLabels,
  configuredStyleUrl,
  OUTLINE_BBOX,
  offlineStyle,
  REGION_OUTLINE_URL,
  REGION_SOURCE,
} from './basemap';
import { COUNT_GLYPHS_PROTOCOL, COUNT_GLYPHS_URL, countGlyphRange } from './countGlyphs';
import type { ItemMap, ItemMapOptions } from './mapView';

// MapLibre words its own controls in English; these are the ones this map shows, worded from the
// catalogues. The buttons are created once, so a language switch rewords them in place.
const CONTROL_WORDS = [
  ['.maplibregl-ctrl-zoom-in', 'map.ui.zoomIn', 'NavigationControl.ZoomIn'],
  ['.maplibregl-ctrl-zoom-out', 'map.ui.zoomOut', 'NavigationControl.ZoomOut'],
  ['.maplibregl-ctrl-attrib-button', 'map.ui.credits', 'AttributionControl.ToggleAttribution'],
] as const;

function controlLocale(): Record<string, string> {
  return Object.fromEntries(CONTROL_WORDS.map(([, key, id]) => [id, t(key)]));
}

function rewordControls(container: HTMLElement): void {
  for (const [selector, key] of CONTROL_WORDS)
    for (const button of container.querySelectorAll<HTMLElement>(selector)) {
      button.title = t(key);
      button.setAttribute('aria-label', t(key));
    }
}

/**
 * The zoom and attribution buttons' icons (MapLibre's own shapes) as inline SVG: MapLibre's
 * stylesheet draws them as SVG data URLs, each parsed as an SVG document of its own in the map's
 * first style recalculation (≈9 ms of main thread in a desktop trace); the build drops those CSS
 * images (web/build/maplibreCss.ts). The colour is the button's text colour (forced colours too).
 */
const MAP_ICONS = [
  [
    '.maplibregl-ctrl-zoom-in .maplibregl-ctrl-icon',
    '0 0 29 29',
    'M14.5 8.5c-.75 0-1.5.75-1.5 1.5v3h-3c-.75 0-1.5.75-1.5 1.5S9.25 16 10 16h3v3c0 .75.75 1.5 1.5 1.5S16 19.75 16 19v-3h3c.75 0 1.5-.75 1.5-1.5S19.75 13 19 13h-3v-3c0-.75-.75-1.5-1.5-1.5',
  ],
  [
    '.maplibregl-ctrl-zoom-out .maplibregl-ctrl-icon',
    '0 0 29 29',
    'M10 13c-.75 0-1.5.75-1.5 1.5S9.25 16 10 16h9c.75 0 1.5-.75 1.5-1.5S19.75 13 19 13z',
  ],
  [
    '.maplibregl-ctrl-attrib-button',
    '0 0 20 20',
    'M4 10a6 6 0 1 0 12 0 6 6 0 1 0-12 0m5-3a1 1 0 1 0 2 0 1 1 0 1 0-2 0m0 3a1 1 0 1 1 2 0v3a1 1 0 1 1-2 0',
  ],
] as const;

function drawIcons(container: HTMLElement): void {
  const ns = 'http://www.w3.org/2000/svg';
  for (const [selector, viewBox, d] of MAP_ICONS)
    for (const target of container.querySelectorAll(selector)) {
      const svg = document.createElementNS(ns, 'svg');
      svg.setAttribute('viewBox', viewBox);
      svg.setAttribute('aria-hidden', 'true');
      svg.setAttribute('class', 'map-icon');
      const path = document.createElementNS(ns, 'path');
      path.setAttribute('d', d);
      svg.append(path);
      target.append(svg);
    }
}

maplibregl.setWorkerUrl(workerUrl);
// The cluster counts' digits come with the map (./countGlyphs.ts): MapLibre reads them instead of
// drawing each with TinySDF on the main thread while the map starts. Another range is refused, so
// MapLibre draws such a glyph itself as before.
maplibregl.addProtocol(COUNT_GLYPHS_PROTOCOL, async ({ url }) => {
  const data = countGlyphRange(url);
  if (!data) throw new Error(`no glyphs for ${url}`);
  return { data };
});

/** Pin colours by execution state; dark enough for white text and 3:1 against the basemap. */
export const STATE_COLOURS: Record<ExecutionState, string> = {
  not_started: '#5b6270',
  on_track: '#17803d',
  lagging: '#b45309',
  late: '#7a1f5c',
  paid_ahead: '#0f6e78',
  overspent: '#c0262d',
  completed: '#1f4fd1',
};

const ITEMS = 'items';
const SHAPES = 'shapes';
export const PIN_LAYER = 'item-pins';
export const CLUSTER_LAYER = 'item-clusters';
const HIGHLIGHT_LAYER = 'item-highlight';
/** The red ring around pins (and clusters) of items whose answer from the body is overdue. */
export const OVERDUE_LAYER = 'item-overdue';
const OVERDUE_COLOUR = '#d00000';
/** The risk-flag dot on pins of items with a flag (shared/flags.ts). */
export const FLAG_LAYER = 'item-flag-dot';
/** Above this zoom no pin is clustered, so flying there always shows the single pin. */
const CLUSTER_MAX_ZOOM = 12;
/**
 * Roads and plots are drawn from this zoom on. Below it a road is a pixel or two under the clusters
 * (the region opens at zoom 5.5-7), and with no layer of theirs shown MapLibre neither tiles nor draws
 * the shapes, nor compiles their programs, while the map is starting: that waits until someone zooms in.
 */
const SHAPES_MIN_ZOOM = 8;
const FOCUS_ZOOM = 14;

const stateColour = [
  'match',
  ['get', 'x'],
  ...EXECUTION_STATES.flatMap((s) => [s, STATE_COLOURS[s]]),
  STATE_COLOURS.not_started,
] as unknown as maplibregl.ExpressionSpecification;

/**
 * Layers that draw nothing at start: added when first needed (shapes when some arrive, the ring when
 * an item is highlighted), so the first style load parses and compiles fewer layers.
 */
const SHAPE_LAYERS = ['shape-fill', 'shape-line'];
const WHEN_NEEDED = new Set([...SHAPE_LAYERS, HIGHLIGHT_LAYER]);

function appLayers(): maplibregl.LayerSpecification[] {
  return [
    {
      id: 'region-fill',
      type: 'fill',
      source: REGION_SOURCE,
      // No antialiased edge: region-outline draws the edge, and the antialiasing is a program of its
      // own (fill outline) compiled in the first frame.
      paint: { 'fill-color': '#fbfaf5', 'fill-opacity': 0.9, 'fill-antialias': false },
    },
    {
      id: 'region-outline',
      type: 'line',
      source: REGION_SOURCE,
      paint: { 'line-color': '#3d5a80', 'line-width': 2 },
    },
    {
      id: 'shape-fill',
      type: 'fill',
      source: SHAPES,
      minzoom: SHAPES_MIN_ZOOM,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#1f4fd1', 'fill-opacity': 0.18 },
    },
    {
      id: 'shape-line',
      type: 'line',
      source: SHAPES,
      minzoom: SHAPES_MIN_ZOOM,
      paint: { 'line-color': '#1f4fd1', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 14, 4] },
    },
    {
      id: CLUSTER_LAYER,
      type: 'circle',
      source: ITEMS,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#234a6b',
        'circle-stroke-color': ['case', ['>', ['get', 'o'], 0], OVERDUE_COLOUR, '#ffffff'],
        'circle-stroke-width': ['case', ['>', ['get', 'o'], 0], 3, 2],
        'circle-radius': ['step', ['get', 'point_count'], 14, 25, 18, 100, 23, 1000, 28],
      },
    },
    {
      id: 'item-cluster-count',
      type: 'symbol',
      source: ITEMS,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-size': 12,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: HIGHLIGHT_LAYER,
      type: 'circle',
      source: ITEMS,
      filter: ['==', ['get', 'id'], ''],
      paint: {
        'circle-radius': 13,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#111111',
        'circle-stroke-width': 3,
      },
    },
    {
      id: OVERDUE_LAYER,
      type: 'circle',
      source: ITEMS,
      filter: ['all', ['!', ['has', 'point_count']], ['==', ['get', 'o'], 1]],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 7, 14, 10],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': OVERDUE_COLOUR,
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: PIN_LAYER,
      type: 'circle',
      source: ITEMS,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': stateColour,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 5, 14, 8],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      // A small dark dot at the pin's upper right when a risk flag fires on the item (feed property `f`).
      id: FLAG_LAYER,
      type: 'circle',
      source: ITEMS,
      filter: ['all', ['!', ['has', 'point_count']], ['has', 'f']],
      paint: {
        'circle-radius': 3,
        'circle-color': '#4a148c',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
        'circle-translate': [6, -6],
      },
    },
  ];
}

/** What ./mapView.ts already holds when MapLibre starts: drawn by the first style load. */
export interface StartOptions extends ItemMapOptions {
  initialItems?: FeedFeature[];
  initialShapes?: ShapeFeature[];
}

export function startMaplibreMap(container: HTMLElement, opts: StartOptions): ItemMap {
  const styleUrl = configuredStyleUrl();
  let lang = opts.lang;
  const collection = <T>(features: T[]) => ({ type: 'FeatureCollection' as const, features });
  // The items and shapes known now (the feed usually arrives before MapLibre's chunk) go into the
  // style itself: one style load draws everything, with no second round of setData to the worker.
  let pendingItems: FeedFeature[] | null = opts.initialItems ?? null;
  let pendingShapes: ShapeFeature[] | null = opts.initialShapes ?? null;
  const appSources = (): Record<string, maplibregl.SourceSpecification> => ({
    [REGION_SOURCE]: { type: 'geojson', data: REGION_OUTLINE_URL, attribution: 'Natural Earth' },
    [SHAPES]: { type: 'geojson', data: collection(pendingShapes ?? []) },
    [ITEMS]: {
      type: 'geojson',
      data: collection(pendingItems ?? []),
      cluster: true,
      clusterRadius: 50,
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
      // A cluster holding an overdue item gets the red ring too, so zoomed out they are not hidden.
      clusterProperties: { o: ['max', ['coalesce', ['get', 'o'], 0]] },
    },
  });
  const style = styleUrl ?? offlineStyle();
  const itemsInStyle = pendingItems;
  const shapesInStyle = pendingShapes;
  const startLayers = () =>
    appLayers().filter(
      (l) => !WHEN_NEEDED.has(l.id) || (SHAPE_LAYERS.includes(l.id) && Boolean(pendingShapes?.length)),
    );
  if (typeof style !== 'string') {
    style.glyphs = COUNT_GLYPHS_URL;
    style.sources = { ...style.sources, ...appSources() };
    style.layers = [...style.layers, ...startLayers()];
  }
  const mapOptions = {
    container,
    style,
    bounds: [...OUTLINE_BBOX] as [number, number, number, number],
    fitBoundsOptions: { padding: 16 },
    // Natural Earth draws the outline; GeoNames (CC BY 4.0) names the places: both are credited.
    attributionControl: { compact: true, customAttribution: ['Natural Earth', 'GeoNames'] },
    locale: controlLocale(),
    dragRotate: false,
    pitchWithRotate: false,
    // The map stays flat (no gesture tilts it), so the sky above the horizon is never on screen.
    maxPitch: 0,
    // The style and layers are this file's constants (test/e2e/map.test.ts draws them): validating
    // them again in the browser is main-thread time on every page load.
    validateStyle: false,
    // Labels appear at once: a fade is several more frames of placement and drawing at start.
    fadeDuration: 0,
  } satisfies maplibregl.MapOptions;
  if (styleUrl?.includes('pmtiles://')) void registerPmtiles();
  const map = new maplibregl.Map(mapOptions);
  skipSky(map);
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  drawIcons(container);
  rewordControls(container);
  map.touchZoomRotate.disableRotation();
  map.getCanvas().setAttribute('aria-label', opts.label);
  if (opts.exposeForTests) (window as unknown as { __obmMap?: maplibregl.Map }).__obmMap = map;

  let loaded = false;
  let itemsEverSet = false;

  // District names are HTML markers, not a symbol layer: without a glyph server MapLibre draws each
  // Cyrillic letter with TinySDF on the main thread (≈50 ms of CPU at start, the largest single cost
  // after the WebGL context), while 14 positioned labels cost almost nothing. They look like the
  // static first paint's labels (./outline.ts), so the switch to the live map does not move them.
  // Added in a task of their own, after the map's constructor.
  const labels: HTMLElement[] = [];
  const districtLabels = (l: Lang) =>
    areaLabels(l).features.map((f, i) => [labels[i], f.properties.name] as const);
  const addLabels = setTimeout(() => {
    for (const f of areaLabels(lang).features) {
      const element = document.createElement('span');
      element.className = 'map-district-label';
      element.setAttribute('aria-hidden', 'true');
      element.textContent = f.properties.name;
      labels.push(element);
      new maplibregl.Marker({ element }).setLngLat(f.geometry.coordinates as [number, number]).addTo(map);
    }
  }, 0);

  map.on('load', () => {
    if (typeof style === 'string') {
      // A configured basemap (a URL): the app's sources and layers go above it once it has loaded.
      for (const [id, source] of Object.entries(appSources())) map.addSource(id, source);
      for (const layer of startLayers()) map.addLayer(layer);
    } else {
      // Items or shapes that changed while the style was loading.
      if (pendingItems && pendingItems !== itemsInStyle)
        map.getSource<maplibregl.GeoJSONSource>(ITEMS)?.setData(collection(pendingItems));
      if (pendingShapes && pendingShapes !== shapesInStyle) showShapes(pendingShapes);
    }
    loaded = true;
    map.once('idle', () => opts.onDrawn?.());
    if (pendingItems) markFirstIdle();
    pendingItems = null;
    pendingShapes = null;
  });

  /** Adds the layers `ids` (if not there yet) at their place in appLayers()'s order. */
  function ensureLayers(ids: string[]) {
    const all = appLayers();
    for (const id of ids) {
      if (map.getLayer(id)) continue;
      const i = all.findIndex((l) => l.id === id);
      const before = all.slice(i + 1).find((l) => map.getLayer(l.id))?.id;
      map.addLayer(all[i]!, before);
    }
  }

  function showShapes(features: ShapeFeature[]) {
    if (features.length) ensureLayers(SHAPE_LAYERS);
    map.getSource<maplibregl.GeoJSONSource>(SHAPES)?.setData(collection(features));
  }

  // For the benchmark and tests: when the map first went idle with the items drawn.
  function markFirstIdle() {
    if (itemsEverSet) return;
    itemsEverSet = true;
    map.once('idle', () => {
      container.dataset.itemsIdleMs = String(Math.round(performance.now()));
    });
  }

  map.on('click', CLUSTER_LAYER, async (e) => {
    const feature = e.features?.[0];
    const source = map.getSource<maplibregl.GeoJSONSource>(ITEMS);
    if (!feature || !source || feature.geometry.type !== 'Point') return;
    const zoom = await source.getClusterExpansionZoom(feature.properties.cluster_id as number);
    map.easeTo({ center: feature.geometry.coordinates as [number, number], zoom });
  });
  map.on('click', PIN_LAYER, (e) => {
    const id = e.features?.[0]?.properties.id;
    if (typeof id === 'string') opts.onOpenItem(id);
  });
  for (const layer of [CLUSTER_LAYER, PIN_LAYER]) {
    map.on('mouseenter', layer, () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
    });
  }

  return {
    setItems(features) {
      if (!loaded) {
        pendingItems = features;
        return;
      }
      map.getSource<maplibregl.GeoJSONSource>(ITEMS)?.setData(collection(features));
      markFirstIdle();
    },
    setShapes(features) {
      if (!loaded) {
        pendingShapes = features;
        return;
      }
      showShapes(features);
    },
    highlight(id, point, fly) {
      const apply = () => {
        if (id) ensureLayers([HIGHLIGHT_LAYER]);
        if (map.getLayer(HIGHLIGHT_LAYER)) map.setFilter(HIGHLIGHT_LAYER, ['==', ['get', 'id'], id ?? '']);
      };
      if (loaded) apply();
      else map.once('load', apply);
      if (fly && point) map.flyTo({ center: point, zoom: Math.max(map.getZoom(), FOCUS_ZOOM), speed: 1.6 });
    },
    setLang(next) {
      lang = next;
      rewordControls(container);
      for (const [label, name] of districtLabels(lang)) if (label) label.textContent = name;
    },
    resize() {
      map.resize();
    },
    destroy() {
      clearTimeout(addLabels);
      if (opts.exposeForTests) delete (window as unknown as { __obmMap?: maplibregl.Map }).__obmMap;
      map.remove();
    },
  };
}

/**
 * MapLibre draws the style's sky first in every frame, whether or not a horizon is in view, and
 * compiles its shader program in the first frame: one more program whose link the main thread waits
 * for while the map starts (the largest share of those frames in a trace). With maxPitch 0 the
 * horizon is never on screen, so the sky's draw is left out. MapLibre's painter takes its draw
 * functions from a table it holds (meant for swapping renderers); if that is not there, nothing changes.
 */
function skipSky(map: maplibregl.Map): void {
  const painter = (map as unknown as { painter?: { drawFunctions?: Record<string, unknown> } }).painter;
  if (painter?.drawFunctions && typeof painter.drawFunctions.sky === 'function')
    painter.drawFunctions = { ...painter.drawFunctions, sky: () => undefined };
}

let pmtilesRegistered = false;
async function registerPmtiles() {
  if (pmtilesRegistered) return;
  pmtilesRegistered = true;
  const { Protocol } = await import('pmtiles');
  maplibregl.addProtocol('pmtiles', new Protocol().tile);
}
