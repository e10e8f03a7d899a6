/**
 * MapLibre's stylesheet without the rules of controls this map never shows (popups, geolocation,
 * compass, fullscreen, terrain, globe, scale, logo, cooperative gestures). The whole sheet is 70 KB
 * of selectors: when it arrives with the map, the browser builds its rule set in the map's first
 * frame (≈10 ms of main thread on a quiet desktop, ×4 on a phone, measured in a Chromium trace),
 * a cost that grows with the number of rules, not with what the page uses. Applied at build time to
 * `maplibre-gl/dist/maplibre-gl.css`, so an upgrade of MapLibre keeps its own rules for the rest.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** Class names (after `maplibregl-`) of features the app does not use (web/src/map/maplibreMap.ts). */
const UNUSED = [
  'popup',
  'ctrl-geolocate',
  'user-location',
  'ctrl-compass',
  'ctrl-fullscreen',
  'ctrl-shrink',
  'pseudo-fullscreen',
  'ctrl-terrain',
  'ctrl-globe',
  'ctrl-scale',
  'ctrl-logo',
  'cooperative-gesture',
  'desktop-message',
  'mobile-message',
  'marker-draggable',
  'track-pointer',
];
const unused = new RegExp(`maplibregl-(?:${UNUSED.join('|')})`);

/** Splits `css` into its top-level blocks: [prelude, body] (body without the braces). */
function blocks(css: string): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    let depth = 1;
    let j = open + 1;
    for (; j < css.length && depth > 0; j++) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}') depth--;
    }
    out.push([css.slice(i, open).trim(), css.slice(open + 1, j - 1)]);
    i = j;
  }
  return out;
}

/**
 * `css` without the selectors that name an unused feature (rules, media blocks and keyframes left
 * empty go too), and without the icons drawn as SVG data URLs (zoom buttons, attribution button):
 * Chromium parses each such image as an SVG document of its own in the style recalculation of the
 * map's first frame (≈9 ms of main thread on a desktop, in a trace, ×4 on a phone), so the map
 * draws the same shapes as inline SVG instead (MAP_ICONS in web/src/map/maplibreMap.ts).
 */
export function trimMaplibreCss(css: string): string {
  const withoutComments = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/background-image:url\("data:image\/svg\+xml[^"]*"\);?/g, '');
  let out = '';
  for (const [prelude, body] of blocks(withoutComments)) {
    if (prelude.startsWith('@keyframes')) {
      if (!unused.test(prelude)) out += `${prelude}{${body}}`;
    } else if (prelude.startsWith('@')) {
      const inner = trimMaplibreCss(body);
      if (inner) out += `${prelude}{${inner}}`;
    } else {
      const kept = prelude.split(',').filter((s) => !unused.test(s));
      if (kept.length && body.trim()) out += `${kept.join(',')}{${body}}`;
    }
  }
  return out;
}

export function maplibreCssPlugin(): Plugin {
  return {
    name: 'obm-maplibre-css',
    enforce: 'pre',
    load(id) {
      if (!/[\\/]maplibre-gl[\\/]dist[\\/]maplibre-gl\.css$/.test(id.split('?')[0]!)) return null;
      return trimMaplibreCss(readFileSync(id.split('?')[0]!, 'utf8'));
    },
  };
}
