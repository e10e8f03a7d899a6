/**
 * The S3 blob store through the real SDK against the local S3 stand-in (test/support/s3-standin.ts),
 * given its client the way the API gives it: made on first use (blobs/s3-sdk.ts), so the SDK is
 * not imported on every cold start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3StandIn, startS3StandIn } from '../../test/support/s3-standin';
import { createS3BlobStore } from './s3';

let s3: S3StandIn;
beforeAll(async () => {
  s3 = await startS3StandIn();
});
afterAll(() => s3.close());

describe('the S3 blob store with a client made on first use', () => {
  it('writes and reads back the bytes, and says the object exists', async () => {
    let made = 0;
    const store = createS3BlobStore(async () => {
      made += 1;
      return s3.s3Client();
    }, 'attachments');
    expect(made).toBe(0);
    await store.write('a/1.txt', new TextEncoder().encode('hello'), 'text/plain');
    expect(new TextDecoder().decode((await store.read('a/1.txt', 100))!)).toBe('hello');
    expect(await store.exists?.('a/1.txt')).toBe(true);
    expect(made).toBeGreaterThan(0);
  });

  it('answers null and false for an object that is not there (S3 names the error, no SDK class needed)', async () => {
    const store = createS3BlobStore(async () => s3.s3Client(), 'attachments');
    expect(await store.read('missing.txt', 100)).toBeNull();
    expect(await store.exists?.('missing.txt')).toBe(false);
  });
});
