// The back-office function's entry (infra/constructs/api.ts): admins' and moderators' paths of the
// same HTTP API as the rest of `/api`, in a function of its own so their code stays out of the API
// bundle (functions/api/back-office-app.ts).

import { blurInFunction } from '../blobs/blur-remote';
import { createS3BlobStore } from '../blobs/s3';
import { lazyS3Client } from '../blobs/s3-sdk';
import { lambdaInvoker, lazyLambdaClient } from '../lambda-invoke';
import { traceLazyClient } from '../tracing';
import { createBackOfficeApp } from './back-office-app';
import { httpEntry } from './http-entry';
import { staffCloudDeps } from './staff-cloud';

// Admin grants are written to the pool's groups too (functions/services/grants.ts).
const deps = await staffCloudDeps('back-office', { writesPool: true });

export const handler = httpEntry(
  createBackOfficeApp({
    ...deps,
    // Moderators' previews and blurs read the attachments; blurs run in the upload publisher, which
    // ships sharp (functions/blobs/blur-remote.ts).
    ...(process.env.ATTACHMENTS_BUCKET
      ? {
          blobs: createS3BlobStore(
            traceLazyClient(lazyS3Client()),
            process.env.ATTACHMENTS_BUCKET,
            process.env.PUBLISHER_FUNCTION
              ? {
                  blurElsewhere: blurInFunction(
                    process.env.PUBLISHER_FUNCTION,
                    lambdaInvoker(traceLazyClient(lazyLambdaClient())),
                  ),
                }
              : {},
          ),
        }
      : {}),
  }),
);
