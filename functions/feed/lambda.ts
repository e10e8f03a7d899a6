/**
 * DynamoDB Stream → map-feed snapshot in S3 (FEED_BUCKET). Each batch goes through
 * `applyStreamBatch`, with the same `applyChanges` the local poller uses; the first batch into an
 * empty bucket rebuilds from the table. The stream hands one shard's batches over in order.
 * A daily EventBridge schedule (infra/constructs/map-feed.ts) invokes it without stream records:
 * then it re-renders the snapshot for the new day.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import { createStore } from '../data/client';
import { applyStreamBatch, republishForToday } from './apply-stream-batch';
import { S3FeedStore } from './s3-feed-store';
import type { StreamChange } from './snapshot';

const bucket = process.env.FEED_BUCKET;
if (!bucket) throw new Error('FEED_BUCKET must name the bucket of the map-feed snapshot.');

const deps = { store: createStore(), feedStore: new S3FeedStore(new S3Client({}), bucket) };

export const handler = async (event: DynamoDBStreamEvent | ScheduledEvent): Promise<void> => {
  if ('Records' in event) await applyStreamBatch(deps, event.Records as StreamChange[]);
  else await republishForToday(deps);
};
