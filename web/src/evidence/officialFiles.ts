/**
 * An official's files for an answer, an extension, a redirect, a recommendation's follow-up or a
 * progress update (every picker of an official's documents uses this one module): photos, PDFs and
 * detached signature files (`.p7s`, `.cms`: how NCALayer's EDS signatures are shared). Each goes up first (its type is
 * checked by content on the server); a signature file is then linked to the document it signs, by
 * name (`act.pdf.p7s` or `act.p7s` beside `act.pdf`), or to the only document when there is one.
 * An unmatched signature is sent unlinked and the server says so (`attachment.signature_unlinked`).
 */
import { type FileRef, SIGNATURE_TYPE } from '../../../shared/comments';
import { uploadBlob } from '../visits/outbox';

/** What the file picker offers (browsers often give a `.p7s` no type, so the extensions are listed). */
export const OFFICIAL_FILE_ACCEPT = `image/jpeg,image/png,image/webp,application/pdf,${SIGNATURE_TYPE},.p7s,.cms`;

const SIGNATURE_NAME = /\.(p7s|cms)$/i;

export const isSignatureFile = (f: { name: string; type: string }) =>
  SIGNATURE_NAME.test(f.name) || f.type === SIGNATURE_TYPE || f.type === 'application/x-pkcs7-signature';

const stem = (name: string) => name.replace(/\.[^.]*$/, '').toLowerCase();

/** For each chosen file, the index of the document a signature file signs (null for a document or no match). */
export function pairSignatures(files: readonly { name: string; type: string }[]): (number | null)[] {
  const docs = files.flatMap((f, i) => (isSignatureFile(f) ? [] : [i]));
  return files.map((f) => {
    if (!isSignatureFile(f)) return null;
    const base = f.name.replace(SIGNATURE_NAME, '').toLowerCase();
    const named = docs.find((i) => files[i]!.name.toLowerCase() === base || stem(files[i]!.name) === base);
    return named ?? (docs.length === 1 ? docs[0]! : null);
  });
}

/** Uploads the chosen files and returns what the request names: ids, a signature as `{ id, signatureOf }`. */
export async function uploadOfficialFiles(files: readonly File[]): Promise<FileRef[]> {
  const ids = await Promise.all(
    files.map((f) => uploadBlob(isSignatureFile(f) ? f.slice(0, f.size, SIGNATURE_TYPE) : f, f.name)),
  );
  const pairs = pairSignatures(files);
  return ids.map((id, i) => {
    const of = pairs[i];
    return of == null ? id : { id, signatureOf: ids[of]! };
  });
}
