/**
 * Faces and number plates (issue 20, item 1): a moderator publishes a photo with regions blurred.
 * The work is done here on the server with sharp: the regions (rectangles in the published image's
 * pixels) are pixelated and blurred past recognition, the rest of the image is left as it was, and
 * the unblurred original is kept privately (`originals/<id>`, which no route serves). Blurring again
 * starts from that original, so the last set of regions is the one published.
 *
 * On the audit chain: `blur/<uploadId>` with how many regions, when, and the SHA-256 of the
 * published bytes, in the same transaction as the upload record that says so.
 */
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, ProblemError } from '../api/problems';
import { type AuditRecord, appendAuditEntry } from '../audit/chain';
import type { BlurRegion } from '../blobs/blur-image';
import type { PhotoBlurOutcome, PhotoBlurRequest } from '../blobs/blur-remote';
import { type BlobStore, blobKey } from '../blobs/store';
import { getUpload, type UploadRecord, uploadKey } from '../blobs/uploads';
import type { Store } from '../data/client';

export type { BlurRegion };

/** Enough to read any photo the upload pipeline accepts. */
const MAX_BYTES = 25 * 1024 * 1024;

export function photoBlurAuditRecord(r: {
  uploadId: string;
  blurRegions: number;
  blurredAt: string;
  blurDigest: string;
}): AuditRecord {
  return {
    kind: 'blur',
    key: `blur/${r.uploadId}`,
    fields: { uploadId: r.uploadId, regions: r.blurRegions, at: r.blurredAt, digest: r.blurDigest },
  };
}

/** The regions cut to the image; empty ones dropped. */
export function clampRegions(regions: BlurRegion[], width: number, height: number): BlurRegion[] {
  return regions.flatMap((r) => {
    const x = Math.max(0, Math.min(width, Math.floor(r.x)));
    const y = Math.max(0, Math.min(height, Math.floor(r.y)));
    const w = Math.min(width - x, Math.floor(r.width));
    const h = Math.min(height - y, Math.floor(r.height));
    return w > 0 && h > 0 ? [{ x, y, width: w, height: h }] : [];
  });
}

export async function blurPhoto(
  store: Store,
  blobs: BlobStore,
  uploadId: string,
  regions: BlurRegion[],
  actor: { sub: string },
  now: Date,
): Promise<{ width: number; height: number; regions: number }> {
  // In the cloud the API cannot run sharp: the upload publisher's function runs this same workflow
  // (functions/blobs/blur-remote.ts, blurInPublisher below) and its refusals come back as problems.
  if (!blobs.blurImage && blobs.blurElsewhere) {
    const outcome = await blobs.blurElsewhere({
      uploadId,
      regions,
      actorSub: actor.sub,
      at: now.toISOString(),
    });
    if ('result' in outcome) return outcome.result;
    const { status, detail, code } = outcome.refused;
    throw status === 404 ? new NotFoundError(detail, { code }) : new ConflictError(detail, { code });
  }
  const upload = await getUpload(store, uploadId);
  if (upload?.status !== 'ready') throw new NotFoundError(`No photo ${uploadId}.`);
  if (!upload.type?.startsWith('image/'))
    throw new ConflictError('Only an image can be blurred.', { code: 'state.conflict' });
  // The original is kept once, before the first blur; later blurs start from it.
  let original = await blobs.read(blobKey('originals', uploadId), MAX_BYTES);
  if (!original) {
    original = await blobs.read(blobKey('public', uploadId), MAX_BYTES);
    if (!original) throw new NotFoundError(`No photo ${uploadId}.`);
    await blobs.write(blobKey('originals', uploadId), original, upload.type);
  }
  // Image work needs sharp, which only the upload publisher's function ships in the cloud; a store
  // that cannot blur says so (functions/blobs/blur-image.ts).
  if (!blobs.blurImage)
    throw new ConflictError('Blurring is not available in this deployment yet.', {
      code: 'photo.blur_unavailable',
    });
  const {
    width,
    height,
    regions: cut,
    published,
    thumbnail,
  } = await blobs.blurImage(original, upload.type, (w, h) => clampRegions(regions, w, h));
  await blobs.write(blobKey('public', uploadId), published, upload.type);
  if (upload.hasThumbnail)
    await blobs.write(blobKey('thumbs', uploadId), new Uint8Array(thumbnail), 'image/webp');
  const record = {
    uploadId,
    blurRegions: cut.length,
    blurredAt: now.toISOString(),
    blurDigest: createHash('sha256').update(published).digest('hex'),
  };
  await appendAuditEntry(
    store,
    {
      actorSub: actor.sub,
      action: 'moderation.blur',
      at: record.blurredAt,
      record: photoBlurAuditRecord(record),
    },
    [
      {
        Update: {
          TableName: store.table,
          Key: uploadKey(uploadId),
          UpdateExpression: 'SET blurRegions = :n, blurredAt = :at, blurDigest = :d',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':n': record.blurRegions,
            ':at': record.blurredAt,
            ':d': record.blurDigest,
          },
        },
      },
    ],
  );
  return { width, height, regions: cut.length };
}

/** A file posted with some content (a comment, visit, update, question or recommendation), not a stray upload. */
function belongsToContent(upload: UploadRecord): boolean {
  return Boolean(
    upload.commentId || upload.visitId || upload.updateId || upload.questionId || upload.recommendationId,
  );
}

/**
 * A photo as a moderator sees it, whatever its visibility: a hidden photo is served to nobody else
 * (routes/uploads.ts), so without this it could only be blurred before it was hidden. `original`
 * is the unblurred copy kept privately (the published one until a first blur), which is what a
 * blur starts from; `published` is what the public gets once the photo is shown again. Only a
 * photo that belongs to some content (a comment, a visit, a progress update): a photo uploaded
 * but never posted is its owner's alone.
 */
export async function photoForModerator(
  store: Store,
  blobs: BlobStore,
  uploadId: string,
  copy: 'original' | 'published',
): Promise<{ bytes: Uint8Array; type: string }> {
  const upload = await getUpload(store, uploadId);
  const posted = upload && belongsToContent(upload);
  if (upload?.status !== 'ready' || !posted || !upload.type?.startsWith('image/'))
    throw new NotFoundError(`No photo ${uploadId}.`);
  const bytes =
    (copy === 'original' ? await blobs.read(blobKey('originals', uploadId), MAX_BYTES) : null) ??
    (await blobs.read(blobKey('public', uploadId), MAX_BYTES));
  if (!bytes) throw new NotFoundError(`No photo ${uploadId}.`);
  return { bytes, type: upload.type };
}

/**
 * A posted file's published copy for a moderator (an answer's PDF or photo, say), even while
 * hidden: the queue's preview of what the public gets. Only a file that belongs to some content.
 */
export async function fileForModerator(
  store: Store,
  blobs: BlobStore,
  uploadId: string,
): Promise<{ bytes: Uint8Array; type: string; name: string }> {
  const upload = await getUpload(store, uploadId);
  const posted = upload && belongsToContent(upload);
  if (upload?.status !== 'ready' || !posted) throw new NotFoundError(`No file ${uploadId}.`);
  const bytes = await blobs.read(blobKey('public', uploadId), MAX_BYTES);
  if (!bytes) throw new NotFoundError(`No file ${uploadId}.`);
  return { bytes, type: upload.type ?? 'application/octet-stream', name: upload.name };
}

/** The publisher's side of a handed-over blur: the workflow above, its refusals as data. */
export async function blurInPublisher(
  store: Store,
  blobs: BlobStore,
  request: PhotoBlurRequest,
): Promise<PhotoBlurOutcome> {
  try {
    const result = await blurPhoto(
      store,
      blobs,
      request.uploadId,
      request.regions,
      { sub: request.actorSub },
      new Date(request.at),
    );
    return { result };
  } catch (err) {
    if (err instanceof ProblemError && (err.status === 404 || err.status === 409))
      return { refused: { status: err.status, detail: err.message, code: err.code } };
    throw err;
  }
}
