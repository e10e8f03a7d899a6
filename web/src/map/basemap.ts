/**
 * The basemap. By default an offline style that makes no request outside this site: a plain
 * background (CSS, not a layer), Zhambyl region's outline (Natural Earth, committed in web/public) and district labels
 * from shared/areas.ts (HTML markers in the device's fonts, Cyrillic included). No glyph server: the
 * map adds the cluster counts' digits, shipped with it (./countGlyphs.ts). `VITE_BASEMAP_STYLE` swaps in any MapLibre style URL for production (pmtiles:// too).
 */
import type { FeatureCollection, Point } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { AREAS } from '../../../shared/areas';
import { type Lang, pickText } from '../../../shared/i18n-text';

export const REGION_OUTLINE_URL = '/zhambyl.geojson';
/** [west, south, east, north] of that outline: the view the map opens on. */
export const OUTLINE_BBOX = [69.1708, 42.3386, 75.8071, 45.9559] as const;

/** Layers the app draws above whichever basemap is used. */
export const REGION_SOURCE = 'region';
export const AREA_LABEL_SOURCE = 'area-labels';

export function areaLabels(lang: Lang): FeatureCollection<Point, { code: string; name: string }> {
  return {
    type: 'FeatureCollection',
    // A district whose centre the gazetteer lacks gets no label rather than one in the wrong place.
    features: AREAS.filter((a) => a.centreLocated).map((a) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
      properties: { code: a.code, name: pickText(a.name, lang) },
    })),
  };
}

export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Zhambyl offline',
    sources: {},
    // No background layer: the canvas is transparent where nothing is drawn and the map's container
    // shows the same colour from CSS (districtLabels.css). A background layer is one more shader
    // program compiled on the main thread in MapLibre's first frame, the page's longest task.
    layers: [],
  };
}

/** The style URL from the build's configuration, or null for the offline style. */
export function configuredStyleUrl(): string | null {
  const url = import.meta.env.VITE_BASEMAP_STYLE as string | undefined;
  return url?.trim() ? url.trim() : null;
}
