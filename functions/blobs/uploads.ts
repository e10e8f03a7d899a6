/**
 * Attachment uploads: a ticket (pre-signed PUT) → the browser uploads → "finalize" checks the bytes
 * and publishes safe copies → a comment claims the upload (in the comment's own transaction).
 * Images are re-encoded by sharp, which drops EXIF (GPS location included) and every other
 * metadata block; the public copy is the re-encoded one, the original is deleted.
 *
 *   upload   pk UPLOAD#<id>   sk UPLOAD   { ownerSub, status pending|ready, ... , expiresAt until claimed }
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import exifr from 'exifr';
import { ulid } from 'ulid';
import {
  type AttachmentType,
  MAX_ATTACHMENT_BYTES,
  type UploadRequest,
  type UploadTicket,
} from '../../shared/comments';
import { cleanText } from '../../shared/richtext';
import type { Store } from '../data/client';
import type { StoredAttachment } from '../data/comments';
import type { TransactOp } from '../data/transaction';
import { looksLikeCompletePdf, sniffType } from './sniff';
import { type BlobStore, BlobTooLargeError, blobKey } from './store';

/** How long a browser has to PUT the file. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** Unclaimed uploads are forgotten after a day (TTL); their blobs by a bucket lifecycle rule. */
const UNCLAIMED_SECONDS = 24 * 3600;
const THUMB_WIDTH = 320;
/** Decompression-bomb guard: refuse images above ~40 megapixels. */
const MAX_PIXELS = 40_000_000;

export interface UploadRecord {
  id: string;
  ownerSub: string;
  name: string;
  declaredType: AttachmentType;
  declaredSize: number;
  status: 'pending' | 'ready';
  createdAt: string;
  type?: AttachmentType;
  size?: number;
  width?: number;
  height?: number;
  hasThumbnail?: boolean;
  commentId?: string;
  itemId?: string;
  /** The site visit that claimed this photo (functions/services/site-visits.ts). */
  visitId?: string;
  /** The official's progress update that claimed this file as evidence (functions/services/progress-updates.ts). */
  updateId?: string;
  /**
   * Where and when the photo says it was taken (EXIF GPS and DateTimeOriginal), read from the
   * original before it is re-encoded. Private: never in a response or a public file; a visit turns
   * it into a distance to the item.
   */
  gps?: { lat: number; lon: number };
  takenAt?: string;
}

const key = (id: string) => ({ pk: `UPLOAD#${id}`, sk: 'UPLOAD' });

export async function createUploadTicket(
  store: Store,
  blobs: BlobStore,
  ownerSub: string,
  req: UploadRequest,
  now: Date,
): Promise<UploadTicket> {
  const id = ulid(now.getTime());
  const record: UploadRecord = {
    id,
    ownerSub,
    // Only the name's visible characters are kept; it is shown as text and used in downloads.
    name: safeFileName(req.name),
    declaredType: req.contentType,
    declaredSize: req.size,
    status: 'pending',
    createdAt: now.toISOString(),
  };
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        ...key(id),
        entity: 'upload',
        ...record,
        expiresAt: Math.floor(now.getTime() / 1000) + UNCLAIMED_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  const signed = await blobs.presignUpload(blobKey('incoming', id), {
    contentType: req.contentType,
    contentLength: req.size,
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return {
    id,
    url: signed.url,
    method: 'PUT',
    headers: signed.headers,
    expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
  };
}

export async function getUpload(store: Store, id: string): Promise<UploadRecord | null> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: key(id), ConsistentRead: true }),
  );
  return (res.Item as UploadRecord | undefined) ?? null;
}

/**
 * What claims an upload: a comment, a site visit or an official's progress update. One file belongs
 * to at most one of them, so hiding or erasing one record never touches another's attachment.
 */
export type UploadClaim = { commentId: string } | { visitId: string } | { updateId: string };

/** True when `ownerSub` may attach this upload: theirs, finalized, and not yet claimed by anything. */
export function isClaimableBy(u: UploadRecord | null | undefined, ownerSub: string): u is UploadRecord {
  return u?.status === 'ready' && u.ownerSub === ownerSub && !u.commentId && !u.visitId && !u.updateId;
}

/**
 * The transaction step that claims an upload for a record on an item. Its condition repeats
 * `isClaimableBy`, so two records racing for one file cannot both have it: the loser's
 * transaction is cancelled.
 */
export function claimUploadOp(
  store: Store,
  uploadId: string,
  ownerSub: string,
  itemId: string,
  claim: UploadClaim,
): TransactOp {
  const [field, recordId] = Object.entries(claim)[0] as [string, string];
  return {
    Update: {
      TableName: store.table,
      Key: key(uploadId),
      UpdateExpression: 'SET #claim = :claim, itemId = :i REMOVE expiresAt',
      ConditionExpression:
        '#s = :ready AND ownerSub = :me AND attribute_not_exists(commentId) AND attribute_not_exists(visitId) AND attribute_not_exists(updateId)',
      ExpressionAttributeNames: { '#s': 'status', '#claim': field },
      ExpressionAttributeValues: { ':claim': recordId, ':i': itemId, ':ready': 'ready', ':me': ownerSub },
    },
  };
}

export function safeFileName(name: string): string {
  const cleaned = cleanText(name)
    .replace(/["\\/]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.slice(0, 200) || 'file';
}

/** Why an upload was refused; the route turns it into a 400 naming the problem. */
export class UploadRejectedError extends Error {}

/**
 * Checks what was uploaded and publishes it: size, real type by magic bytes, images decoded and
 * re-encoded (a file that only starts like an image fails here), a thumbnail for images.
 */
export async function finalizeUpload(
  store: Store,
  blobs: BlobStore,
  upload: UploadRecord,
): Promise<StoredAttachment> {
  if (upload.status === 'ready') return toStoredAttachment(upload);
  const incoming = blobKey('incoming', upload.id);
  let bytes: Uint8Array | null;
  try {
    bytes = await blobs.read(incoming, MAX_ATTACHMENT_BYTES);
  } catch (err) {
    if (err instanceof BlobTooLargeError) {
      await blobs.remove(incoming);
      throw new UploadRejectedError('The file is larger than 10 MB.');
    }
    throw err;
  }
  if (!bytes || bytes.byteLength === 0)
    throw new UploadRejectedError('Nothing was uploaded for this ticket.');
  try {
    const type = sniffType(bytes);
    if (!type) throw new UploadRejectedError('Only JPEG, PNG, WebP images and PDF documents are accepted.');
    // The photo's own position, read from the original: re-encoding below drops every metadata block.
    const place = type === 'application/pdf' ? null : await readPhotoPlace(bytes);
    const published = type === 'application/pdf' ? await publishPdf(bytes) : await publishImage(bytes, type);
    await blobs.write(blobKey('public', upload.id), published.bytes, type);
    if (published.thumbnail)
      await blobs.write(blobKey('thumbs', upload.id), published.thumbnail, 'image/webp');
    const ready: UploadRecord = {
      ...upload,
      status: 'ready',
      type,
      size: published.bytes.byteLength,
      hasThumbnail: Boolean(published.thumbnail),
      ...(published.width ? { width: published.width, height: published.height } : {}),
    };
    const privatePlace = place
      ? {
          UpdateExpression: ', gps = :gps, takenAt = :taken',
          values: { ':gps': place.gps, ':taken': place.takenAt ?? '' },
        }
      : { UpdateExpression: '', values: {} };
    await store.doc.send(
      new UpdateCommand({
        TableName: store.table,
        Key: key(upload.id),
        UpdateExpression: `SET #s = :ready, #t = :t, #z = :z, hasThumbnail = :th, width = :w, height = :h${privatePlace.UpdateExpression}`,
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status', '#t': 'type', '#z': 'size' },
        ExpressionAttributeValues: {
          ':ready': 'ready',
          ':pending': 'pending',
          ':t': type,
          ':z': ready.size,
          ':th': ready.hasThumbnail,
          ':w': ready.width ?? 0,
          ':h': ready.height ?? 0,
          ...privatePlace.values,
        },
      }),
    );
    return toStoredAttachment(ready);
  } finally {
    // The original (with its metadata) never stays around, whether accepted or refused.
    await blobs.remove(incoming);
  }
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
  if (!looksLikeCompletePdf(bytes)) throw new UploadRejectedError('The PDF is incomplete or damaged.');
  return { bytes, thumbnail: undefined, width: undefined, height: undefined };
}

// sharp (native libvips) loads on the first image published, not on every cold start of the API:
// its load alone was a third of the API's import time (scripts/bench-coldstart.ts).
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
    };
  } catch (err) {
    if (err instanceof UploadRejectedError) throw err;
    throw new UploadRejectedError('The image cannot be read: it is damaged or not really an image.');
  }
}

export function toStoredAttachment(u: UploadRecord): StoredAttachment {
  return {
    id: u.id,
    type: u.type ?? u.declaredType,
    name: u.name,
    size: u.size ?? 0,
    ...(u.width ? { width: u.width, height: u.height ?? 0 } : {}),
    hasThumbnail: Boolean(u.hasThumbnail),
  };
}
