/**
 * MapLibre's glyph range format (a protobuf: fontstacks → glyphs with a signed distance field bitmap
 * and metrics), written and read without a protobuf library: scripts/count-glyphs.ts writes the
 * cluster counts' digits with it, and the tests read them back. Only what that format uses: varints,
 * zigzag varints and length-delimited fields.
 */

/** One glyph as MapLibre reads it: `bitmap` is (width + 6) × (height + 6) bytes, a 3 px border. */
export interface PbfGlyph {
  id: number;
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

export const GLYPH_BORDER = 3;

function varint(out: number[], value: number): void {
  let v = value >>> 0;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

const zigzag = (n: number) => ((n << 1) ^ (n >> 31)) >>> 0;

function key(out: number[], field: number, wire: 0 | 2): void {
  varint(out, (field << 3) | wire);
}

function bytesField(out: number[], field: number, bytes: ArrayLike<number>): void {
  key(out, field, 2);
  varint(out, bytes.length);
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i]!);
}

/** One fontstack message holding `glyphs` for `range` (e.g. "0-255"), as a glyphs PBF. */
export function encodeGlyphPbf(name: string, range: string, glyphs: PbfGlyph[]): Uint8Array {
  const stack: number[] = [];
  bytesField(stack, 1, new TextEncoder().encode(name));
  bytesField(stack, 2, new TextEncoder().encode(range));
  for (const g of glyphs) {
    const m: number[] = [];
    key(m, 1, 0);
    varint(m, g.id);
    bytesField(m, 2, g.bitmap);
    for (const [field, value] of [
      [3, g.width],
      [4, g.height],
    ] as const) {
      key(m, field, 0);
      varint(m, value);
    }
    key(m, 5, 0);
    varint(m, zigzag(g.left));
    key(m, 6, 0);
    varint(m, zigzag(g.top));
    key(m, 7, 0);
    varint(m, g.advance);
    bytesField(stack, 3, m);
  }
  const out: number[] = [];
  bytesField(out, 1, stack);
  return Uint8Array.from(out);
}

/** Reads back what encodeGlyphPbf writes (one or more fontstacks; unknown fields are refused). */
export function decodeGlyphPbf(data: Uint8Array): PbfGlyph[] {
  const glyphs: PbfGlyph[] = [];
  const read = (bytes: Uint8Array, onField: (field: number, value: number | Uint8Array) => void) => {
    let i = 0;
    const next = () => {
      let result = 0;
      let shift = 0;
      let b: number;
      do {
        b = bytes[i++]!;
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return result;
    };
    while (i < bytes.length) {
      const k = next();
      const field = k >>> 3;
      if ((k & 7) === 0) onField(field, next());
      else if ((k & 7) === 2) {
        const n = next();
        onField(field, bytes.subarray(i, i + n));
        i += n;
      } else throw new Error(`unexpected wire type ${k & 7}`);
    }
  };
  const unzig = (n: number) => (n >>> 1) ^ -(n & 1);
  read(data, (f, stack) => {
    if (f !== 1 || !(stack instanceof Uint8Array)) return;
    read(stack, (sf, glyph) => {
      if (sf !== 3 || !(glyph instanceof Uint8Array)) return;
      const g: PbfGlyph = {
        id: 0,
        bitmap: new Uint8Array(),
        width: 0,
        height: 0,
        left: 0,
        top: 0,
        advance: 0,
      };
      read(glyph, (gf, v) => {
        if (gf === 2 && v instanceof Uint8Array) g.bitmap = v.slice();
        else if (typeof v === 'number') {
          if (gf === 1) g.id = v;
          else if (gf === 3) g.width = v;
          else if (gf === 4) g.height = v;
          else if (gf === 5) g.left = unzig(v);
          else if (gf === 6) g.top = unzig(v);
          else if (gf === 7) g.advance = v;
        }
      });
      glyphs.push(g);
    });
  });
  return glyphs;
}
