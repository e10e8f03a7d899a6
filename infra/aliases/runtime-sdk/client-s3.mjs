// What the bundles that take the AWS SDK from the Lambda runtime (infra/bundling.ts) get for
// `@aws-sdk/client-s3`: the runtime's own package, loaded with `require` (see client-dynamodb.mjs). The
// API loads it on the first request that reads or writes S3 (functions/blobs/s3-sdk.ts): ~95 ms of CPU
// that way against ~195 ms through `import`. The names are every S3 name our code mentions
// (infra/bundling.test.ts).
import { createRequire } from 'node:module';

const sdk = createRequire(import.meta.url)('@aws-sdk/client-s3');

export const {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} = sdk;
