/**
 * The cluster counts' glyphs, shipped with the map (./countGlyphs.generated.ts, written by
 * scripts/count-glyphs.ts) rather than drawn by MapLibre with TinySDF on the main thread while the
 * map starts. The offline style's `glyphs` URL names this protocol, answered from memory: no request.
 */
import { COUNT_GLYPHS_PBF_BASE64 } from './countGlyphs.generated';

/** What `point_count_abbreviated` can show: 7, 42, 1.2k, 12k. */
export const COUNT_GLYPH_CHARS = '0123456789.k';

export const COUNT_GLYPHS_PROTOCOL = 'obm-counts';
export const COUNT_GLYPHS_URL = `${COUNT_GLYPHS_PROTOCOL}://{fontstack}/{range}`;

let bytes: ArrayBuffer | null = null;

/**
 * The glyph range a request for `url` gets: the counts' glyphs for 0-255, whatever the font stack;
 * null for another range (no text there is drawn from it: MapLibre then draws such a glyph itself).
 */
export function countGlyphRange(url: string): ArrayBuffer | null {
  if (!url.endsWith('/0-255')) return null;
  bytes ??= Uint8Array.from(atob(COUNT_GLYPHS_PBF_BASE64), (c) => c.charCodeAt(0)).buffer;
  // MapLibre may transfer what it is given: each request gets its own copy.
  return bytes.slice(0);
}
