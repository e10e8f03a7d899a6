import { describe, expect, it } from 'vitest';
import { looksLikeCompletePdf, sniffType } from './sniff';

const bytes = (...xs: Array<number | string>) =>
  new Uint8Array(xs.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('sniffType', () => {
  it('knows JPEG, PNG, WebP and PDF by their first bytes', () => {
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffType(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses everything else, whatever it is called', () => {
    expect(sniffType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffType(bytes('MZ', 0x90, 0))).toBeNull();
    expect(sniffType(bytes('GIF89a'))).toBeNull();
    expect(sniffType(bytes('RIFF', 0, 0, 0, 0, 'AVI '))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });

  it('tells a complete PDF from a truncated one', () => {
    expect(looksLikeCompletePdf(bytes('%PDF-1.4\n...\n%%EOF\n'))).toBe(true);
    expect(looksLikeCompletePdf(bytes('%PDF-1.4\n...'))).toBe(false);
  });
});
