import { describe, expect, it } from 'vitest';
import { COUNT_GLYPH_CHARS, countGlyphRange } from './countGlyphs';
import { decodeGlyphPbf, encodeGlyphPbf, GLYPH_BORDER } from './glyphPbf';

// What MapLibre's point_count_abbreviated makes of a count (its source's rule, restated).
const abbreviate = (n: number) =>
  n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n);

describe('the cluster counts glyphs', () => {
  const glyphs = decodeGlyphPbf(new Uint8Array(countGlyphRange('obm-counts://Open%20Sans/0-255')!));

  it('hold every character a count can show, drawn', () => {
    const shown = new Set([7, 42, 999, 1000, 1234, 9999, 12_345].flatMap((n) => [...abbreviate(n)]));
    const ids = new Set(glyphs.map((g) => String.fromCodePoint(g.id)));
    for (const c of shown) expect(ids.has(c), c).toBe(true);
    expect([...ids].sort().join('')).toBe([...COUNT_GLYPH_CHARS].sort().join(''));
  });

  it('carry a bitmap of the size MapLibre reads, with ink inside the outline value', () => {
    for (const g of glyphs) {
      expect(g.bitmap.length).toBe((g.width + 2 * GLYPH_BORDER) * (g.height + 2 * GLYPH_BORDER));
      expect(Math.max(...g.bitmap)).toBeGreaterThan(191);
      expect(g.advance).toBeGreaterThan(0);
    }
  });

  it('answer no other range, so MapLibre draws those glyphs itself', () => {
    expect(countGlyphRange('obm-counts://Open%20Sans/1024-1279')).toBeNull();
  });
});

describe('the glyph range format', () => {
  it('reads back what it writes, negative offsets included', () => {
    const glyph = {
      id: 0x34,
      bitmap: new Uint8Array(49).fill(3),
      width: 1,
      height: 1,
      left: -2,
      top: -9,
      advance: 15,
    };
    expect(decodeGlyphPbf(encodeGlyphPbf('counts', '0-255', [glyph]))).toEqual([glyph]);
  });
});
