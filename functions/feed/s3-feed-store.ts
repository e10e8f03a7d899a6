/** The cloud FeedStore: blobs as gzip-encoded objects in FEED_BUCKET, conditional reads by ETag. */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FeedBlob, FeedStore } from './feed-store';

export class S3FeedStore implements FeedStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async get(name: string, ifNoneMatch?: string): Promise<FeedBlob | 'unchanged' | null> {
    try {
      const res = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: name, IfNoneMatch: ifNoneMatch }),
      );
      return { body: await res.Body!.transformToByteArray(), etag: res.ETag ?? '' };
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 304) return 'unchanged';
      if (status === 404 || (err as Error).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async put(name: string, gzipped: Uint8Array): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: name,
        Body: gzipped,
        ContentType: 'application/json',
        ContentEncoding: 'gzip',
      }),
    );
  }
}
