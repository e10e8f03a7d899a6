/**
 * The import function (issue 22): an admin's `POST /api/import`, handed over by the API
 * (functions/api/importer.ts), so the parsers stay out of the API's bundle. It reads
 * the file the API left under `imports/` in the attachments bucket, deletes it, runs the import
 * service (functions/services/import.ts, as `npm start` and the CLI do), and answers with the report.
 */
import { S3Client } from '@aws-sdk/client-s3';
import {
  API_IMPORT_LEASE_WAIT_MS,
  IMPORT_PREFIX,
  type ImportInvocation,
  MAX_IMPORT_BYTES,
} from '../api/importer';
import { createS3BlobStore } from '../blobs/s3';
import { loadAuditActorSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { observed } from '../observability';
import { importFile } from '../services/import';
import { traceClient, traced, traceStore } from '../tracing';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

const store = traceStore(createStore());
const bucket = process.env.IMPORT_BUCKET;
if (!bucket) throw new Error('IMPORT_BUCKET must be set: the API leaves import files there');
const files = createS3BlobStore(traceClient(new S3Client({})), bucket);

export const handler = observed(
  traced(async ({ key, ...request }: ImportInvocation) => {
    // Only the API's own hand-off keys: the function reads nothing else in the bucket.
    if (!key.startsWith(IMPORT_PREFIX) || key.includes('..')) throw new Error(`not an import file: ${key}`);
    const bytes = await files.read(key, MAX_IMPORT_BYTES);
    if (!bytes) throw new Error(`the import file ${key} is gone`);
    await files.remove(key);
    return importFile(store, bytes, {
      ...request,
      now: () => new Date(),
      leaseWaitMs: API_IMPORT_LEASE_WAIT_MS,
    });
  }),
);
