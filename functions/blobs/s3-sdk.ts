/**
 * The S3 SDK, loaded on first use. Imported at the top of the API's bundle it cost ~120 ms of every
 * cold start (measured alone on the dev machine), while the API's commonest requests (items, the
 * map's reads from the table) never talk to S3. The runtime ships the SDK, so it stays external.
 */
import type { S3Client } from '@aws-sdk/client-s3';

export const s3Sdk = () => import('@aws-sdk/client-s3');

/** A client, or how to make one on first use (`lazyS3Client`). */
export type S3ClientSource = S3Client | (() => Promise<S3Client>);

/** One client for the function's own region, made (and its SDK loaded) when first asked for. */
export function lazyS3Client(): () => Promise<S3Client> {
  let client: Promise<S3Client> | undefined;
  return () => {
    client ??= s3Sdk().then(({ S3Client }) => new S3Client({}));
    return client;
  };
}

export const clientOf = (source: S3ClientSource): Promise<S3Client> =>
  typeof source === 'function' ? source() : Promise.resolve(source);
