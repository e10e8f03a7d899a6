/**
 * Files arrive as bytes. We take UTF-8 (with or without a BOM) and nothing else: a file in another
 * encoding is refused with a message that names the likely encoding, because silently decoding it
 * would store mojibake titles on the map.
 */
export type Decoded = { ok: true; text: string } | { ok: false; message: string; expected: string };

const EXPECTED = 'UTF-8 text (with or without a byte-order mark)';

export function decodeUtf8(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: 'the file is UTF-16; save it as UTF-8', expected: EXPECTED };
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return {
      ok: false,
      message: `the file is not UTF-8${guessEncoding(body)}; save it as UTF-8`,
      expected: EXPECTED,
    };
  }
}

/** Windows-1251 is what Excel on a Russian or Kazakh Windows writes by default. */
// The WHATWG decoder built into Node (full ICU, as Lambda's runtime has) knows windows-1251, so the
// API bundle carries no encoding tables of its own.
const WINDOWS_1251 = new TextDecoder('windows-1251');

function guessEncoding(bytes: Uint8Array): string {
  const text = WINDOWS_1251.decode(bytes.subarray(0, 4096));
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  return letters > 0 && cyrillic / letters > 0.3 ? ' (it looks like Windows-1251)' : '';
}
