import { describe, expect, it } from 'vitest';
import { isSignatureFile, OFFICIAL_FILE_ACCEPT, pairSignatures } from './officialFiles';

const file = (name: string, type = '') => ({ name, type });

describe('official files: detached signatures beside their documents', () => {
  it('the picker offers signature files by type and by extension (browsers often give a .p7s no type)', () => {
    expect(OFFICIAL_FILE_ACCEPT.split(',')).toEqual(
      expect.arrayContaining(['application/pdf', 'application/pkcs7-signature', '.p7s', '.cms']),
    );
  });

  it('knows a signature file by its extension or its type', () => {
    expect(isSignatureFile(file('act.pdf.P7S'))).toBe(true);
    expect(isSignatureFile(file('act.cms'))).toBe(true);
    expect(isSignatureFile(file('blob', 'application/x-pkcs7-signature'))).toBe(true);
    expect(isSignatureFile(file('act.pdf', 'application/pdf'))).toBe(false);
  });

  it('pairs each signature with the document it is named after (act.pdf.p7s or act.cms beside act.pdf)', () => {
    const chosen = [file('photo.jpg'), file('Act.pdf'), file('act.pdf.p7s'), file('photo.cms')];
    expect(pairSignatures(chosen)).toEqual([null, null, 1, 0]);
  });

  it('links a signature to the only document, and leaves it unlinked among several it is not named after', () => {
    expect(pairSignatures([file('scan.pdf'), file('signature.p7s')])).toEqual([null, 0]);
    expect(pairSignatures([file('a.pdf'), file('b.pdf'), file('c.p7s')])).toEqual([null, null, null]);
  });
});
