// The club function's entry (infra/constructs/api.ts): the club's paths of the same HTTP API as the
// rest of `/api`, in a function of its own so their code stays out of the API bundle
// (functions/api/club-app.ts).

import { lazyS3Client } from '../blobs/s3-sdk';
import { FeedReader } from '../feed/reader';
import { S3FeedStore } from '../feed/s3-feed-store';
import { traceLazyClient } from '../tracing';
import { createClubApp } from './club-app';
import { httpEntry } from './http-entry';
import { staffCloudDeps } from './staff-cloud';

// Members and secretaries: no admin grant is written here, so no group directory.
const deps = await staffCloudDeps('club');

export const handler = httpEntry(
  createClubApp({
    ...deps,
    // Agenda candidates are picked from the map's items: the snapshot the API reads too.
    ...(process.env.FEED_BUCKET
      ? {
          feed: new FeedReader(new S3FeedStore(traceLazyClient(lazyS3Client()), process.env.FEED_BUCKET), {
            maxAgeMs: 5000,
          }),
        }
      : {}),
  }),
);
