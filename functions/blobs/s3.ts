/**
 * The S3 blob store (ATTACHMENTS_BUCKET). Upload URLs sign the content type and exact length, so
 * the browser cannot put more than it announced; downloads are short-lived signed GETs that fix the
 * response's content type and disposition.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { type BlobStore, BlobTooLargeError } from './store';

// The presigner (and the signing code it pulls in) loads on the first upload or download, not on
// every cold start of the API: most requests never sign a URL.
const presigner = () => import('@aws-sdk/s3-request-presigner');

export function createS3BlobStore(client: S3Client, bucket: string): BlobStore {
  const missing = (err: unknown) =>
    err instanceof NoSuchKey || err instanceof NotFound || (err as { name?: string })?.name === 'NotFound';
  return {
    async presignUpload(key, { contentType, contentLength, expiresInSeconds }) {
      const url = await (await presigner()).getSignedUrl(
        client,
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          ContentType: contentType,
          ContentLength: contentLength,
        }),
        { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
      );
      return { url, headers: { 'Content-Type': contentType } };
    },
    async presignDownload(key, { contentType, disposition, expiresInSeconds }) {
      return (await presigner()).getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentType: contentType,
          ResponseContentDisposition: disposition,
        }),
        { expiresIn: expiresInSeconds },
      );
    },
    async read(key, maxBytes) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        if ((head.ContentLength ?? 0) > maxBytes) throw new BlobTooLargeError();
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const bytes = await res.Body?.transformToByteArray();
        if (!bytes) return null;
        if (bytes.byteLength > maxBytes) throw new BlobTooLargeError();
        return bytes;
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
    async write(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }),
      );
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
