/**
 * What the upload publisher does to a PDF (functions/blobs/publish.ts; issue 19, item 5): the
 * public copy carries no Author, Creator, Producer or XMP metadata (who wrote it on which machine
 * with which software) — except a digitally signed PDF, which is published exactly as received,
 * because any rewrite would break its signature and the act would no longer be the signed one.
 *
 * pdf-lib is loaded here only, in the upload publisher (locally the folder store's PUT runs the
 * same code in process): the API's Lambda bundle never carries it.
 */
import type { PDFContext, PDFDict, PDFObject, PDFRef } from 'pdf-lib';

/** The Info dictionary keys a public copy keeps: what the document is, not who made it with what. */
const KEPT_INFO_KEYS = new Set(['Title', 'Subject', 'CreationDate', 'ModDate']);
/** Keys holding an application's private data on any object: XMP packets and editors' piece info. */
const PRIVATE_DATA_KEYS = ['Metadata', 'PieceInfo'] as const;

/** Why a PDF cannot be published (the publisher records it as the upload's refusal). */
export class PdfRefusal extends Error {}

/**
 * True when the raw bytes carry a signature dictionary: `/Type /Sig` or a `/ByteRange` array (the
 * bytes a signature covers). Signing tools write that dictionary uncompressed, since its
 * `/Contents` is patched in after the file is laid out, so a scan of the bytes finds it without
 * parsing; a parsed look (`hasSignatureObject`) backs it up.
 */
export function carriesSignature(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return /\/Type\s*\/Sig\b/.test(text) || /\/ByteRange\s*\[/.test(text);
}

export interface PublishedPdf {
  bytes: Uint8Array;
  /** Published as received because it is digitally signed. */
  signed: boolean;
}

/**
 * The public copy of a PDF: the original bytes when signed; otherwise the document rewritten
 * without its private metadata and without objects nothing refers to any more (an older revision's
 * Info dictionary or XMP packet left behind by incremental saves). Refuses an encrypted or
 * unparseable PDF: its metadata cannot be removed, so it is not published with it.
 */
export async function publishPdf(original: Uint8Array): Promise<PublishedPdf> {
  if (carriesSignature(original)) return { bytes: original, signed: true };
  const pdf = await import('pdf-lib');
  try {
    // updateMetadata: false, or pdf-lib would write its own Producer and Creator into the copy.
    const doc = await pdf.PDFDocument.load(original, { updateMetadata: false });
    const { context } = doc;
    if (hasSignatureObject(pdf, context)) return { bytes: original, signed: true };
    const info = context.lookupMaybe(context.trailerInfo.Info, pdf.PDFDict);
    if (info) for (const key of info.keys()) if (!KEPT_INFO_KEYS.has(key.decodeText())) info.delete(key);
    for (const [, object] of context.enumerateIndirectObjects()) {
      const dict = asDict(pdf, object);
      if (dict) for (const key of PRIVATE_DATA_KEYS) dict.delete(pdf.PDFName.of(key));
    }
    dropUnreachable(pdf, context);
    // No object streams: the copy stays plainly readable, so anyone can check what it holds.
    const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
    return { bytes, signed: false };
  } catch (err) {
    // Whatever pdf-lib cannot read or write (the file is the uploader's, not ours) is a refusal.
    if (err instanceof pdf.EncryptedPDFError)
      throw new PdfRefusal('The PDF is encrypted, so its metadata cannot be removed.');
    throw new PdfRefusal('The PDF cannot be read: it is damaged or incomplete.');
  }
}

type PdfLib = typeof import('pdf-lib');

function asDict(pdf: PdfLib, object: PDFObject): PDFDict | undefined {
  if (object instanceof pdf.PDFDict) return object;
  if (object instanceof pdf.PDFStream) return object.dict;
  return undefined;
}

/** A signature dictionary anywhere in the parsed document (also inside object streams). */
function hasSignatureObject(pdf: PdfLib, context: PDFContext): boolean {
  const sig = pdf.PDFName.of('Sig');
  for (const [, object] of context.enumerateIndirectObjects()) {
    const dict = asDict(pdf, object);
    if (dict && (dict.get(pdf.PDFName.of('Type')) === sig || dict.has(pdf.PDFName.of('ByteRange'))))
      return true;
  }
  return false;
}

/** Deletes every indirect object the trailer no longer reaches (pdf-lib would write them all). */
function dropUnreachable(pdf: PdfLib, context: PDFContext): void {
  const reached = new Set<string>();
  const pending: PDFObject[] = [context.trailerInfo.Root, context.trailerInfo.Info].filter(
    (o): o is PDFObject => o !== undefined,
  );
  while (pending.length > 0) {
    const object = pending.pop()!;
    if (object instanceof pdf.PDFRef) {
      const tag = object.tag;
      if (reached.has(tag)) continue;
      reached.add(tag);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof pdf.PDFArray) {
      pending.push(...object.asArray());
    } else {
      const dict = asDict(pdf, object);
      if (dict) pending.push(...dict.values());
    }
  }
  const unreached: PDFRef[] = [];
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref.tag)) unreached.push(ref);
  for (const ref of unreached) context.delete(ref);
}
