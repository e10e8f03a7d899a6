/**
 * The S3 blob store (ATTACHMENTS_BUCKET). Upload URLs sign the content type and exact length, so
 * the browser cannot put more than it announced; downloads are short-lived signed GETs that fix the
 * response's content type and disposition.
 */
import { clientOf, type S3ClientSource, s3Sdk } from './s3-sdk';
import { type BlobStore, BlobTooLargeError } from './store';

// The presigner (and the signing code it pulls in) loads on the first upload or download, not on
// every cold start of the API: most requests never sign a URL.
const presigner = () => import('@aws-sdk/s3-request-presigner');

/** S3's smallest part but the last: a streamed export holds at most this much at a time. */
export const PART_BYTES = 5 * 1024 * 1024;

/** Cuts a byte stream into parts of `size` bytes (the last one shorter). */
async function* parts(body: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let held: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body) {
    held.push(chunk);
    length += chunk.byteLength;
    if (length >= size) {
      yield Buffer.concat(held);
      held = [];
      length = 0;
    }
  }
  if (length > 0 || held.length > 0) yield Buffer.concat(held);
}

/**
 * `image`: what the store can do with images besides bytes (the upload publisher blurs itself; the
 * API hands blurs to the publisher), none by default.
 */
export function createS3BlobStore(
  source: S3ClientSource,
  bucket: string,
  image: Pick<BlobStore, 'blurImage' | 'blurElsewhere'> = {},
): BlobStore {
  // By name: the SDK's error classes load with it (s3-sdk.ts), and a HEAD's 404 is a bare NotFound.
  const missing = (err: unknown) =>
    ['NoSuchKey', 'NotFound'].includes((err as { name?: string })?.name ?? '');
  // The client and the SDK's commands, loaded on the store's first use.
  const sdk = async () => ({ client: await clientOf(source), ...(await s3Sdk()) });
  return {
    ...image,
    async presignUpload(key, { contentType, contentLength, expiresInSeconds }) {
      const { client, PutObjectCommand } = await sdk();
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
      const { client, GetObjectCommand } = await sdk();
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
      const { client, GetObjectCommand, HeadObjectCommand } = await sdk();
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
      const { client, PutObjectCommand } = await sdk();
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }),
      );
    },
    async remove(key) {
      const { client, DeleteObjectCommand } = await sdk();
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    // A multipart upload by hand (three commands of the client we already ship) rather than
    // @aws-sdk/lib-storage: parts go up one at a time, so memory stays at one part. A file smaller
    // than one part is a single PutObject.
    async writeStream(key, body, contentType) {
      const {
        client,
        AbortMultipartUploadCommand,
        CompleteMultipartUploadCommand,
        CreateMultipartUploadCommand,
        PutObjectCommand,
        UploadPartCommand,
      } = await sdk();
      let uploadId: string | undefined;
      const etags: { ETag: string; PartNumber: number }[] = [];
      let bytes = 0;
      try {
        for await (const part of parts(body, PART_BYTES)) {
          bytes += part.byteLength;
          if (!uploadId && part.byteLength < PART_BYTES) {
            await client.send(
              new PutObjectCommand({ Bucket: bucket, Key: key, Body: part, ContentType: contentType }),
            );
            return { bytes };
          }
          if (!uploadId) {
            const created = await client.send(
              new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
            );
            uploadId = created.UploadId!;
          }
          const PartNumber = etags.length + 1;
          const res = await client.send(
            new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber, Body: part }),
          );
          etags.push({ ETag: res.ETag!, PartNumber });
        }
        if (!uploadId) {
          await client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key,
              Body: new Uint8Array(),
              ContentType: contentType,
            }),
          );
          return { bytes };
        }
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: etags },
          }),
        );
        return { bytes };
      } catch (err) {
        if (uploadId)
          await client
            .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
            .catch(() => undefined);
        throw err;
      }
    },
    async exists(key) {
      const { client, HeadObjectCommand } = await sdk();
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (err) {
        if (missing(err)) return false;
        throw err;
      }
    },
  };
}
