import { describe, expect, it } from 'vitest';
import { detachedSignature } from '../../test/support/cms-signature';
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

describe('a detached CMS signature file', () => {
  // Real .p7s files, made by OpenSSL the way a signer makes one (test/support/cms-signature.ts).
  const act = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
  const der = detachedSignature(act);
  const ber = detachedSignature(act, { stream: true });

  it('is known by its SignedData envelope, definite or streamed length', () => {
    expect(sniffType(der)).toBe('application/pkcs7-signature');
    expect(sniffType(ber)).toBe('application/pkcs7-signature');
  });

  it('is refused when cut short, padded, base64 text or another CMS content type', () => {
    expect(sniffType(der.subarray(0, der.byteLength - 10))).toBeNull();
    expect(sniffType(new Uint8Array([...der, 0x0a]))).toBeNull();
    expect(sniffType(bytes(Buffer.from(der).toString('base64')))).toBeNull();
    // The same envelope naming pkcs7-data (…07 01) instead of signedData (…07 02).
    const data = Uint8Array.from(der);
    data[Buffer.from(data).indexOf(Buffer.from('2a864886f70d010702', 'hex')) + 8] = 0x01;
    expect(sniffType(data)).toBeNull();
    expect(sniffType(bytes(0x30, 0x03, 0x02, 0x01, 0x00))).toBeNull();
  });
});
