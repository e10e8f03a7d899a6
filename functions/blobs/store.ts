/**
 * Object storage for attachments, behind one interface: S3 in the cloud (`s3.ts`), a folder under
 * `.data/uploads` for `npm start` and tests (`local.ts`). Browsers never send files through the
 * API: they PUT to a pre-signed, expiring URL, then the API checks the bytes on "finalize".
 *
 * Keys: `incoming/<upload id>` (as uploaded, private), `public/<upload id>` (the checked copy; for
 * images re-encoded without metadata), `thumbs/<upload id>` (a small WebP).
 */
/** `originals`: a photo's unblurred copy once a moderator blurred it; no route ever serves it. */
export type BlobArea = 'incoming' | 'public' | 'thumbs' | 'originals';

/** Export files (issue 22): `exports/<cache key, 64 hex>`, gzip, expiring after a day. */
export const exportBlobKey = (cacheKey: string) => `exports/${cacheKey}`;

export const blobKey = (area: BlobArea, id: string) => `${area}/${id}`;

export interface PresignedUpload {
  url: string;
  /** Headers the PUT must carry (they are part of the signature). */
  headers: Record<string, string>;
}

export class BlobTooLargeError extends Error {}

export interface BlobStore {
  /**
   * True when the store publishes an upload (functions/blobs/publish.ts) before it answers the
   * upload's PUT, as the local folder store does; S3 notifies the publisher afterwards instead.
   */
  readonly publishesOnPut?: boolean;
  /** Blurs regions of a photo (functions/blobs/blur-image.ts); only stores that can run sharp have it. */
  readonly blurImage?: typeof import('./blur-image').blurImage;
  /**
   * Runs the whole blur of a photo (functions/services/photo-blur.ts) in the function that ships
   * sharp, the upload publisher (functions/blobs/blur-remote.ts): the cloud API's store has it.
   */
  readonly blurElsewhere?: (
    request: import('./blur-remote').PhotoBlurRequest,
  ) => Promise<import('./blur-remote').PhotoBlurOutcome>;
  /** A URL to PUT exactly `contentLength` bytes to, valid for `expiresInSeconds`. */
  presignUpload(
    key: string,
    opts: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedUpload>;
  /** A URL to GET the object from, answered with the given content type and disposition. */
  presignDownload(
    key: string,
    opts: { contentType: string; disposition: string; expiresInSeconds: number },
  ): Promise<string>;
  /** The object's bytes, null when absent; throws BlobTooLargeError past `maxBytes`. */
  read(key: string, maxBytes: number): Promise<Uint8Array | null>;
  write(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
  /**
   * Writes the bytes as they come, never holding the whole object (exports of 100,000 items):
   * a file locally, an S3 multipart upload in the cloud. Returns the size written.
   */
  writeStream?(key: string, body: AsyncIterable<Uint8Array>, contentType: string): Promise<{ bytes: number }>;
  /** Whether the object exists (a cached export file). */
  exists?(key: string): Promise<boolean>;
}
