/**
 * The export worker in the cloud (infra/constructs/exports.ts): the table stream brings it each new
 * (or restarted) export job record — filtered to `EXPORT#` keys, status running, nothing written
 * yet — and it writes the job's gzip file into EXPORTS_BUCKET with a multipart upload. It has 15
 * minutes and its own memory; the API that created the job has long answered 202.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createS3BlobStore } from '../blobs/s3';
import { loadAuditActorSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { EXPORT_JOB_PK_PREFIX } from '../data/export-jobs';
import { FeedReader } from '../feed/reader';
import { S3FeedStore } from '../feed/s3-feed-store';
import { logger, observed } from '../observability';
import { traceClient, traced, traceStore } from '../tracing';
import { type ExportDeps, runExportJob } from './exports';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

const s3 = traceClient(new S3Client({}));
const feed = process.env.FEED_BUCKET
  ? new FeedReader(new S3FeedStore(s3, process.env.FEED_BUCKET))
  : undefined;
const deps: ExportDeps = {
  store: traceStore(createStore()),
  now: () => new Date(),
  files: createS3BlobStore(s3, process.env.EXPORTS_BUCKET ?? ''),
  // Text search (`q`) reads the map feed's search index, like the API.
  ...(feed ? { search: async () => (await feed.current()).index } : {}),
  runJobs: 'table-stream',
};

export const handler = observed(
  traced(async (event: DynamoDBStreamEvent): Promise<void> => {
    for (const record of event.Records) {
      const keys = record.dynamodb?.Keys ? unmarshall(record.dynamodb.Keys as never) : {};
      const pk = String(keys.pk ?? '');
      if (!pk.startsWith(EXPORT_JOB_PK_PREFIX)) continue;
      const job = await runExportJob(deps, pk.slice(EXPORT_JOB_PK_PREFIX.length));
      logger.info('export job', { id: job?.id, status: job?.status, items: job?.itemsWritten });
    }
  }),
);
