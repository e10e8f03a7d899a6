/**
 * Publishing an upload, outside the API: runs when the uploaded bytes land — in the cloud the
 * attachments bucket notifies the upload publisher (functions/blobs/publish-lambda.ts) of every
 * `incoming/` object; locally the folder store does the same on its PUT (functions/blobs/local.ts).
 * It checks what arrived (size, real type by magic bytes, which must be the type the uploader
 * declared), reads the photo's private position from the original, re-encodes images with sharp
 * (which drops EXIF and every other metadata block), removes a PDF's metadata unless it is
 * digitally signed (./pdf-publish.ts), writes the public copy and a thumbnail, deletes the
 * original, and records the outcome on the upload: `ready`, or `rejected` with the reason (and its
 * problem code) the API's finalize answers with.
 *
 * Kept out of the API bundle (sharp's wrapper, exifr, pdf-lib: a native library and a few hundred KB).
 */
import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import exifr from 'exifr';
import { type AttachmentType, MAX_ATTACHMENT_BYTES, SIGNATURE_TYPE } from '../../shared/comments';
import type { ProblemCode, ProblemParams } from '../../shared/problem-codes';
import type { Store } from '../data/client';
import { publishPdf as cleanPdf, PdfRefusal } from './pdf-publish';
import { looksLikeCompletePdf, sniffType } from './sniff';
import { type BlobStore, BlobTooLargeError, blobKey } from './store';
import { getUpload, uploadKey } from './uploads';

const THUMB_WIDTH = 320;
/** Decompression-bomb guard: refuse images above ~40 megapixels. */
const MAX_PIXELS = 40_000_000;

/** Why an upload was refused; recorded on the upload and answered by finalize as a 400 with `code`. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly code?: ProblemCode,
    readonly params?: ProblemParams,
  ) {
    super(message);
  }
}

/**
 * Publishes the upload whose original is at `incoming/<id>`. Idempotent: an upload already decided
 * (or unknown, or whose original is gone) is left alone, so a repeated notification does nothing.
 * Throws only on storage trouble (the caller's retry publishes it later).
 */
export async function publishUpload(store: Store, blobs: BlobStore, id: string): Promise<void> {
  const upload = await getUpload(store, id);
  if (upload?.status !== 'pending') return;
  const incoming = blobKey('incoming', id);
  let bytes: Uint8Array | null;
  try {
    bytes = await blobs.read(incoming, MAX_ATTACHMENT_BYTES);
  } catch (err) {
    if (!(err instanceof BlobTooLargeError)) throw err;
    await blobs.remove(incoming);
    return reject(store, id, 'The file is larger than 10 MB.', 'request.too_large', {
      maxBytes: MAX_ATTACHMENT_BYTES,
    });
  }
  if (!bytes) return;
  try {
    if (bytes.byteLength === 0) throw new Refusal('Nothing was uploaded for this ticket.');
    const type = sniffType(bytes);
    // A file sent as a detached signature that is not a CMS SignedData gets its own words.
    if (upload.declaredType === SIGNATURE_TYPE && type !== SIGNATURE_TYPE)
      throw new Refusal(
        'A signature file must be a CMS/PKCS#7 detached signature (.p7s, .cms) in DER form.',
        'upload.signature_invalid',
      );
    if (!type)
      throw new Refusal(
        'Only JPEG, PNG, WebP images and PDF documents are accepted.',
        'upload.type_unsupported',
      );
    // The content decides, and it must be what the uploader said it is: a PNG sent as a PDF, or a
    // PDF sent as a JPEG, is a forged type (the signed upload and the browser both relied on it).
    if (type !== upload.declaredType)
      throw new Refusal(
        `The file is ${type}, not the ${upload.declaredType} it was sent as.`,
        'upload.type_mismatch',
        {
          declared: upload.declaredType,
          actual: type,
        },
      );
    // The photo's own position, read from the original: re-encoding below drops every metadata block.
    const image = type.startsWith('image/');
    const place = image ? await readPhotoPlace(bytes) : null;
    const published =
      type === 'application/pdf'
        ? await publishPdf(bytes)
        : image
          ? await publishImage(bytes, type)
          : // A detached signature is published as received: changing a byte would break it.
            { bytes, thumbnail: undefined, width: undefined, height: undefined, signed: false };
    await blobs.write(blobKey('public', id), published.bytes, type);
    if (published.thumbnail) await blobs.write(blobKey('thumbs', id), published.thumbnail, 'image/webp');
    const privatePlace = place
      ? {
          UpdateExpression: ', gps = :gps, takenAt = :taken',
          values: { ':gps': place.gps, ':taken': place.takenAt ?? '' },
        }
      : { UpdateExpression: '', values: {} };
    await store.doc.send(
      new UpdateCommand({
        TableName: store.table,
        Key: uploadKey(id),
        UpdateExpression: `SET #s = :ready, #t = :t, #z = :z, hasThumbnail = :th, width = :w, height = :h, signed = :signed, sha256 = :sha${privatePlace.UpdateExpression}`,
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status', '#t': 'type', '#z': 'size' },
        ExpressionAttributeValues: {
          ':ready': 'ready',
          ':pending': 'pending',
          ':t': type,
          ':z': published.bytes.byteLength,
          ':th': Boolean(published.thumbnail),
          ':w': published.width ?? 0,
          ':h': published.height ?? 0,
          ':signed': published.signed,
          ':sha': createHash('sha256').update(published.bytes).digest('hex'),
          ...privatePlace.values,
        },
      }),
    );
  } catch (err) {
    if (alreadyDecided(err)) return;
    if (!(err instanceof Refusal)) throw err;
    await reject(store, id, err.message, err.code, err.params).catch((e: unknown) => {
      if (!alreadyDecided(e)) throw e;
    });
  } finally {
    // The original (with its metadata) never stays around, whether accepted or refused.
    await blobs.remove(incoming);
  }
}

/**
 * The verdict was recorded by someone else meanwhile: S3 may deliver a notification twice (two
 * publishers at once), and an SDK retry of our own write that did land finds it decided too.
 */
const alreadyDecided = (err: unknown) => (err as Error | null)?.name === 'ConditionalCheckFailedException';

async function reject(
  store: Store,
  id: string,
  reason: string,
  code?: ProblemCode,
  params?: ProblemParams,
): Promise<void> {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.table,
      Key: uploadKey(id),
      UpdateExpression: `SET #s = :rejected, rejection = :why${code ? ', rejectionReason = :reason' : ''}`,
      ConditionExpression: '#s = :pending',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':rejected': 'rejected',
        ':pending': 'pending',
        ':why': reason,
        ...(code ? { ':reason': { code, ...(params ? { params } : {}) } } : {}),
      },
    }),
  );
}

/**
 * A photo's EXIF GPS position and capture time, when it has them (phones often strip them, browsers
 * on Android too). A missing or unreadable block is simply no signal; it never refuses the photo.
 */
export async function readPhotoPlace(
  bytes: Uint8Array,
): Promise<{ gps: { lat: number; lon: number }; takenAt?: string } | null> {
  try {
    const buffer = Buffer.from(bytes);
    const gps = (await exifr.gps(buffer)) as { latitude?: number; longitude?: number } | undefined;
    const lat = Number(gps?.latitude);
    const lon = Number(gps?.longitude);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
      return null;
    if (lat === 0 && lon === 0) return null;
    // The capture time is the camera's local wall clock with no zone: kept as written.
    const when = (await exifr.parse(buffer, {
      pick: ['DateTimeOriginal'],
      reviveValues: false,
    })) as { DateTimeOriginal?: unknown } | undefined;
    const taken = typeof when?.DateTimeOriginal === 'string' ? when.DateTimeOriginal.trim() : undefined;
    return { gps: { lat, lon }, ...(taken ? { takenAt: taken } : {}) };
  } catch {
    return null;
  }
}

async function publishPdf(bytes: Uint8Array) {
  if (!looksLikeCompletePdf(bytes))
    throw new Refusal('The PDF is incomplete or damaged.', 'upload.pdf_unreadable');
  try {
    const published = await cleanPdf(bytes);
    return { ...published, thumbnail: undefined, width: undefined, height: undefined };
  } catch (err) {
    if (err instanceof PdfRefusal) throw new Refusal(err.message, 'upload.pdf_unreadable');
    throw err;
  }
}

// sharp (native libvips) loads on the first image, not when the module loads: a PDF never needs it.
const loadSharp = async () => (await import('sharp')).default;

async function publishImage(bytes: Uint8Array, type: AttachmentType) {
  const sharp = await loadSharp();
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped, so photos stay upright.
    const base = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const formatted =
      type === 'image/png'
        ? base.png()
        : type === 'image/webp'
          ? base.webp({ quality: 85 })
          : base.jpeg({ quality: 85, mozjpeg: true });
    const { data, info } = await formatted.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return {
      bytes: new Uint8Array(data),
      thumbnail: new Uint8Array(thumbnail),
      width: info.width,
      height: info.height,
      signed: false,
    };
  } catch {
    throw new Refusal(
      'The image cannot be read: it is damaged or not really an image.',
      'upload.image_unreadable',
    );
  }
}
