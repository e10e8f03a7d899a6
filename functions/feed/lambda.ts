/**
 * DynamoDB Stream → map-feed snapshot in S3 (FEED_BUCKET). Each batch goes through
 * `applyStreamBatch`, with the same `applyChanges` the local poller uses; the first batch into an
 * empty bucket rebuilds from the table. The stream hands one shard's batches over in order.
 * A daily schedule writes the day marker record, so the re-render for a new day arrives the same way.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createStore } from '../data/client';
import { logger, observed } from '../observability';
import { traceClient, traced, traceStore } from '../tracing';
import { applyStreamBatch } from './apply-stream-batch';
import { S3FeedStore } from './s3-feed-store';
import type { StreamChange } from './snapshot';

const bucket = process.env.FEED_BUCKET;
if (!bucket) throw new Error('FEED_BUCKET must name the bucket of the map-feed snapshot.');

const deps = {
  store: traceStore(createStore()),
  feedStore: new S3FeedStore(traceClient(new S3Client({})), bucket),
};

export const handler = observed(
  traced(async (event: DynamoDBStreamEvent): Promise<void> => {
    await applyStreamBatch(deps, event.Records as StreamChange[]);
    logger.info('feed batch applied', { records: event.Records.length });
  }),
);
