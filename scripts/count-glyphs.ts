/**
 * `npx tsx scripts/count-glyphs.ts [font.ttf]` — writes web/src/map/countGlyphs.generated.ts: the
 * signed distance fields of the characters a cluster count can show (`point_count_abbreviated`:
 * digits, "." and "k"), as the glyph range MapLibre reads, so the map never draws them itself.
 * Without glyphs MapLibre rasterises each digit with TinySDF on the main thread while the map starts
 * (a canvas, a font match and a distance transform per glyph: 40-80 ms of one task in a trace, four
 * times that on Lighthouse's phone). Run again only to change the font (default DejaVu Sans, the
 * Bitstream Vera licence; the file records which font it was drawn from).
 *
 * Each glyph is drawn by Chromium 8× larger than MapLibre's 24 px base, thresholded, and each
 * output pixel gets its distance to the nearest outline pixel: the same encoding TinySDF and
 * MapLibre's glyph servers use (radius 8, cutoff 0.25, 3 px border).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { resolveChromium } from '../test/support/browser';
import { COUNT_GLYPH_CHARS } from '../web/src/map/countGlyphs';
import { encodeGlyphPbf, GLYPH_BORDER, type PbfGlyph } from '../web/src/map/glyphPbf';

const FONT = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const OUT = resolve(import.meta.dirname, '../web/src/map/countGlyphs.generated.ts');
const SIZE = 24;
const SCALE = 8;
const RADIUS = 8;
const CUTOFF = 0.25;
// MapLibre aligns server glyphs' tops this far above TinySDF's (glyph_manager.ts's topAdjustment).
const TOP_ADJUSTMENT = 27.5;

interface Drawn {
  char: string;
  left: number;
  top: number;
  width: number;
  height: number;
  advance: number;
  /** (width + 2 border) × (height + 2 border) × SCALE², 1 where ink covers at least half the pixel. */
  ink: number[];
}

async function draw(fontBase64: string): Promise<Drawn[]> {
  const { executablePath, args } = await resolveChromium();
  const browser = await chromium.launch({ executablePath, args, headless: true });
  try {
    const page = await browser.newPage();
    return await page.evaluate(
      async ({ fontBase64, chars, size, scale, border }) => {
        const bytes = Uint8Array.from(atob(fontBase64), (c) => c.charCodeAt(0));
        const face = new FontFace('CountGlyphs', bytes);
        document.fonts.add(await face.load());
        const measure = document.createElement('canvas').getContext('2d')!;
        measure.font = `${size}px CountGlyphs`;
        return [...chars].map((char) => {
          const m = measure.measureText(char);
          const top = Math.ceil(m.actualBoundingBoxAscent);
          const left = Math.floor(-m.actualBoundingBoxLeft);
          const width = Math.ceil(m.actualBoundingBoxRight) - left;
          const height = top + Math.ceil(m.actualBoundingBoxDescent);
          const canvas = document.createElement('canvas');
          canvas.width = (width + 2 * border) * scale;
          canvas.height = (height + 2 * border) * scale;
          const ctx = canvas.getContext('2d')!;
          ctx.font = `${size * scale}px CountGlyphs`;
          ctx.fillText(char, (border - left) * scale, (border + top) * scale);
          const alpha = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          const ink: number[] = [];
          for (let i = 3; i < alpha.length; i += 4) ink.push(alpha[i]! >= 128 ? 1 : 0);
          return { char, left, top, width, height, advance: Math.round(m.width), ink };
        });
      },
      { fontBase64, chars: COUNT_GLYPH_CHARS, size: SIZE, scale: SCALE, border: GLYPH_BORDER },
    );
  } finally {
    await browser.close();
  }
}

/** The signed distance field of one drawn glyph at 1×: inside high, the outline at 255 × (1 - cutoff). */
function distanceField(d: Drawn): Uint8Array {
  const w = d.width + 2 * GLYPH_BORDER;
  const h = d.height + 2 * GLYPH_BORDER;
  const W = w * SCALE;
  const H = h * SCALE;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= W || y >= H ? 0 : d.ink[y * W + x]!);
  // Outline pixels: ink with a neighbour without, and the other way round (their centres).
  const outline: [number, number][] = [];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const v = at(x, y);
      if (at(x - 1, y) !== v || at(x + 1, y) !== v || at(x, y - 1) !== v || at(x, y + 1) !== v)
        outline.push([x + 0.5, y + 0.5]);
    }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const cx = (x + 0.5) * SCALE;
      const cy = (y + 0.5) * SCALE;
      let best = Number.POSITIVE_INFINITY;
      for (const [ox, oy] of outline) best = Math.min(best, (ox - cx) ** 2 + (oy - cy) ** 2);
      const inside = at(Math.floor(cx), Math.floor(cy)) === 1;
      const distance = (Math.sqrt(best) / SCALE) * (inside ? 1 : -1);
      const value = Math.round(255 * (1 - CUTOFF) + (255 / RADIUS) * distance);
      out[y * w + x] = Math.max(0, Math.min(255, value));
    }
  return out;
}

async function main() {
  const drawn = await draw(readFileSync(FONT).toString('base64'));
  const glyphs: PbfGlyph[] = drawn.map((d) => ({
    id: d.char.codePointAt(0)!,
    bitmap: distanceField(d),
    width: d.width,
    height: d.height,
    left: d.left,
    top: Math.round(d.top - TOP_ADJUSTMENT),
    advance: d.advance,
  }));
  const pbf = encodeGlyphPbf('counts', '0-255', glyphs);
  writeFileSync(
    OUT,
    `// Generated by scripts/count-glyphs.ts from ${basename(FONT)} (${pbf.length} bytes): do not edit.\n` +
      `export const COUNT_GLYPHS_PBF_BASE64 =\n  '${Buffer.from(pbf).toString('base64')}';\n`,
  );
  console.log(`wrote ${OUT}: ${glyphs.length} glyphs, ${pbf.length} bytes`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
