/** The app as the cloud runs it: dependencies built once per Lambda instance, from configuration. */

import { cloudAuthFrom } from '../auth/config';
import { createS3BlobStore } from '../blobs/s3';
import { lazyS3Client } from '../blobs/s3-sdk';
import { loadAuditActorSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { FeedReader } from '../feed/reader';
import { S3FeedStore } from '../feed/s3-feed-store';
import { lambdaInvoker, lazyLambdaClient } from '../lambda-invoke';
import { traceLazyClient, traceStore } from '../tracing';
import { createApiApp } from './api-app';
import { functionImporter } from './importer';
import { originSecretsFrom } from './origin-secret';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

// Tokens are verified against the Cognito pool named by AUTH_ISSUER/AUTH_AUDIENCE. The local token
// issuer is never part of this app (no `local` dependency). Sign-in, erasure (which deletes the pool
// user) and the notification secrets are the account function's (functions/api/account-lambda.ts).
const { verifier } = cloudAuthFrom(process.env);
// The stack always sets ORIGIN_SECRET: without it the execute-api address would be open, so refuse to start.
const originSecrets = originSecretsFrom(process.env);
if (originSecrets.length === 0)
  throw new Error('ORIGIN_SECRET must be set: the API only answers CloudFront.');

// One S3 client, made with its SDK on the first request that needs S3 (blobs/s3-sdk.ts): the SDK's
// import was ~120 ms of every cold start, and most requests never touch S3. Its calls and the
// store's are traced (functions/tracing.ts).
const s3 = traceLazyClient(lazyS3Client());

export const cloudApp = createApiApp({
  store: traceStore(createStore()),
  auth: verifier,
  now: () => new Date(),
  ...(originSecrets.length > 0 ? { originSecrets } : {}),
  // The map feed and search index: the snapshot the stream Lambda publishes to FEED_BUCKET,
  // re-checked by ETag at most every 5 seconds.
  ...(process.env.FEED_BUCKET
    ? { feed: new FeedReader(new S3FeedStore(s3, process.env.FEED_BUCKET), { maxAgeMs: 5000 }) }
    : {}),
  // Comment attachments: uploads are off (503) where no bucket is configured. Moderators' blurs are
  // the back office's (functions/api/back-office-lambda.ts).
  ...(process.env.ATTACHMENTS_BUCKET ? { blobs: createS3BlobStore(s3, process.env.ATTACHMENTS_BUCKET) } : {}),
  // Admin imports run in their own function (the parsers stay out of this bundle); the file goes
  // through the attachments bucket, under `imports/`.
  ...(process.env.IMPORT_FUNCTION && process.env.ATTACHMENTS_BUCKET
    ? {
        importer: functionImporter({
          functionName: process.env.IMPORT_FUNCTION,
          files: createS3BlobStore(s3, process.env.ATTACHMENTS_BUCKET),
          invoke: lambdaInvoker(traceLazyClient(lazyLambdaClient())),
        }),
      }
    : {}),
  // Large exports (functions/services/exports.ts): files in their own bucket, written by the export
  // worker, which the job record reaches through the table stream (infra/constructs/exports.ts).
  ...(process.env.EXPORTS_BUCKET
    ? {
        exportFiles: createS3BlobStore(s3, process.env.EXPORTS_BUCKET),
        exportJobs: 'table-stream' as const,
      }
    : {}),
});
