import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trimMaplibreCss } from './maplibreCss';

const css = readFileSync(
  resolve(import.meta.dirname, '../../node_modules/maplibre-gl/dist/maplibre-gl.css'),
  'utf8',
);

describe('trimMaplibreCss', () => {
  const trimmed = trimMaplibreCss(css);

  it('keeps the rules of the map, its zoom and attribution controls and markers, and drops the unused controls', () => {
    for (const kept of [
      '.maplibregl-map{',
      '.maplibregl-canvas{',
      '.maplibregl-ctrl button .maplibregl-ctrl-icon{',
      '.maplibregl-ctrl-attrib.maplibregl-compact',
      '.maplibregl-marker{',
      '.maplibregl-ctrl-top-right{',
    ])
      expect(trimmed).toContain(kept);
    expect(trimmed).not.toMatch(
      /maplibregl-(popup|ctrl-geolocate|user-location|ctrl-compass|ctrl-fullscreen)/,
    );
    expect(trimmed.length).toBeLessThan(css.length / 4);
    // The icons are inline SVG in the map (MAP_ICONS), not SVG documents parsed from CSS.
    expect(trimmed).not.toContain('data:image/svg');
    // Every kept rule is well formed: as many opening as closing braces and parentheses.
    expect(trimmed.split('{').length).toBe(trimmed.split('}').length);
    expect(trimmed.split('(').length).toBe(trimmed.split(')').length);
  });
});
