/**
 * The cloud FeedStore: blobs as gzip-encoded objects in FEED_BUCKET, conditional reads by ETag and
 * conditional writes (`If-Match` / `If-None-Match: *`, answered 412 by S3 when they do not hold).
 */
import { clientOf, type S3ClientSource, s3Sdk } from '../blobs/s3-sdk';
import { type FeedBlob, FeedConflictError, type FeedStore, type PutCondition } from './feed-store';

/**
 * What browsers and CloudFront may do with a feed object: keep it a minute, then show it while
 * revalidating (by ETag / Last-Modified) for five more, so the map is never more than minutes old.
 */
export const FEED_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

const statusOf = (err: unknown) =>
  (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

export class S3FeedStore implements FeedStore {
  constructor(
    private readonly source: S3ClientSource,
    private readonly bucket: string,
  ) {}

  /** The client and the SDK's commands, loaded on first use (blobs/s3-sdk.ts). */
  private async sdk() {
    return { s3: await clientOf(this.source), ...(await s3Sdk()) };
  }

  async get(name: string, ifNoneMatch?: string): Promise<FeedBlob | 'unchanged' | null> {
    const { s3, GetObjectCommand } = await this.sdk();
    try {
      const res = await s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: name, IfNoneMatch: ifNoneMatch }),
      );
      return { body: await res.Body!.transformToByteArray(), etag: res.ETag ?? '' };
    } catch (err) {
      const status = statusOf(err);
      if (status === 304) return 'unchanged';
      if (status === 404 || (err as Error).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async head(name: string): Promise<string | null> {
    const { s3, HeadObjectCommand } = await this.sdk();
    try {
      const res = await s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: name }));
      return res.ETag ?? null;
    } catch (err) {
      if (statusOf(err) === 404 || (err as Error).name === 'NotFound') return null;
      throw err;
    }
  }

  async put(name: string, gzipped: Uint8Array, condition?: PutCondition): Promise<void> {
    const { s3, PutObjectCommand } = await this.sdk();
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: name,
          Body: gzipped,
          ContentType: 'application/json',
          ContentEncoding: 'gzip',
          CacheControl: FEED_CACHE_CONTROL,
          ...(condition && 'ifMatch' in condition ? { IfMatch: condition.ifMatch } : {}),
          ...(condition && 'ifNoneMatch' in condition ? { IfNoneMatch: condition.ifNoneMatch } : {}),
        }),
      );
    } catch (err) {
      // 412: the ETag moved. 409 ConditionalRequestConflict: a concurrent conditional write won.
      const status = statusOf(err);
      if (status === 412 || status === 409) throw new FeedConflictError(name);
      throw err;
    }
  }
}
