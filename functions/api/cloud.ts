/** The app as the cloud runs it: dependencies built once per Lambda instance, from configuration. */
import { cloudAuthFrom } from '../auth/config';
import { S3Client } from '@aws-sdk/client-s3';
import { createS3BlobStore } from '../blobs/s3';
import { createStore } from '../data/client';
import { createApp } from './app';

// Tokens are verified against the Cognito pool named by AUTH_ISSUER/AUTH_AUDIENCE. The local token
// issuer is never part of this app (no `local` dependency).
const { verifier, groups } = cloudAuthFrom(process.env);

export const cloudApp = createApp({
  store: createStore(),
  auth: verifier,
  now: () => new Date(),
  ...(groups ? { groups } : {}),
  // Comment attachments: uploads are off (503) where no bucket is configured.
  ...(process.env.ATTACHMENTS_BUCKET
    ? { blobs: createS3BlobStore(new S3Client({}), process.env.ATTACHMENTS_BUCKET) }
    : {}),
});
