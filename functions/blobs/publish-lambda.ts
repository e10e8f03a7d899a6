/**
 * The upload publisher: the attachments bucket notifies it of every object created under
 * `incoming/` (infra/constructs/attachments.ts), and it publishes each upload with the code the
 * local store runs on its PUT (functions/blobs/publish.ts). Storage trouble fails the invocation,
 * so Lambda's asynchronous retries publish it later; a refused file is a recorded verdict, not an error.
 * The API also invokes it, synchronously, to blur a photo: sharp lives here only.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { loadAuditActorSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { observed } from '../observability';
import { blurInPublisher } from '../services/photo-blur';
import { traceClient, traced, traceStore } from '../tracing';
import { blurImage } from './blur-image';
import { isPhotoBlurEvent, type PhotoBlurEvent } from './blur-remote';
import { publishUpload } from './publish';
import { createS3BlobStore } from './s3';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

const bucket = process.env.ATTACHMENTS_BUCKET;
if (!bucket) throw new Error('ATTACHMENTS_BUCKET must name the attachments bucket.');

// This function ships sharp, so its store blurs in process (the API hands blurs here).
const deps = {
  store: traceStore(createStore()),
  blobs: createS3BlobStore(traceClient(new S3Client({})), bucket, { blurImage }),
};
const INCOMING = /^incoming\/([0-9A-HJKMNP-TV-Z]{26})$/;

/** The upload ids of an S3 notification's `incoming/<id>` objects (keys arrive URL-encoded). */
export function incomingUploadIds(event: S3Event): string[] {
  return event.Records.flatMap((r) => {
    const m = INCOMING.exec(decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')));
    return m ? [m[1]!] : [];
  });
}

export const handler = observed(
  traced(async (event: S3Event | PhotoBlurEvent) => {
    // A moderator's blur, handed over by the API (functions/blobs/blur-remote.ts).
    if (isPhotoBlurEvent(event)) return blurInPublisher(deps.store, deps.blobs, event.blur);
    for (const id of incomingUploadIds(event)) await publishUpload(deps.store, deps.blobs, id);
    return undefined;
  }),
);
