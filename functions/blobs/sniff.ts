/**
 * The real type of an uploaded file, from its first bytes. Names and the browser's declared type
 * are ignored: a renamed executable stays unknown, a PNG called "photo.pdf" is a PNG.
 */
import type { AttachmentType } from '../../shared/comments';

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function sniffType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (isCmsSignedData(bytes)) return 'application/pkcs7-signature';
  return null;
}

/** The DER form of OID 1.2.840.113549.1.7.2 (pkcs7-signedData), tag and length included. */
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/**
 * A CMS/PKCS#7 signature file (RFC 5652 ContentInfo): a DER SEQUENCE whose first element is the
 * signedData OID. The outer length must be the file's own (definite form), or indefinite (BER, as
 * some signers stream it). Only the envelope is read: nothing here checks the signature itself.
 */
export function isCmsSignedData(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30 || bytes.byteLength < 2 + SIGNED_DATA_OID.length) return false;
  const first = bytes[1]!;
  let header = 2;
  if (first === 0x80) {
    // Indefinite length: the content runs to two zero bytes at the end.
    if (bytes[bytes.byteLength - 1] !== 0 || bytes[bytes.byteLength - 2] !== 0) return false;
  } else {
    let length = first;
    if (first > 0x80) {
      const n = first & 0x7f;
      if (n > 4) return false;
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + bytes[2 + i]!;
      header += n;
    }
    if (header + length !== bytes.byteLength) return false;
  }
  return startsWith(bytes, SIGNED_DATA_OID, header);
}

/** A PDF ends with an end-of-file marker (allowing trailing whitespace and junk some writers add). */
export function looksLikeCompletePdf(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 2048))).toString('latin1');
  return tail.includes('%%EOF');
}
