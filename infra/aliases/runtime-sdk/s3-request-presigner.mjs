// What the bundles that take the AWS SDK from the Lambda runtime (infra/bundling.ts) get for
// `@aws-sdk/s3-request-presigner`: the runtime's own package, loaded with `require` on the first
// upload or download link (see client-dynamodb.mjs).
import { createRequire } from 'node:module';

const sdk = createRequire(import.meta.url)('@aws-sdk/s3-request-presigner');

export const { getSignedUrl } = sdk;
