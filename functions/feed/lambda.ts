/**
 * DynamoDB Stream → map-feed snapshot in S3 (FEED_BUCKET). Each batch is applied with the same
 * `applyChanges` the local poller uses; the first batch into an empty bucket triggers a full
 * rebuild from the table. The stream delivers one shard's batches in order, one at a time.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { almatyDate } from '../../shared/dates';
import { createStore } from '../data/client';
import { loadSnapshot, publishSnapshot } from './publish';
import { rebuildSnapshot } from './rebuild';
import { S3FeedStore } from './s3-feed-store';
import { applyChanges, type StreamChange } from './snapshot';

const bucket = process.env.FEED_BUCKET;
if (!bucket) throw new Error('FEED_BUCKET must name the bucket of the map-feed snapshot.');

const feedStore = new S3FeedStore(new S3Client({}), bucket);
const store = createStore();

export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const stored = await loadSnapshot(feedStore);
  const base = stored ?? (await rebuildSnapshot(store));
  const next = applyChanges(base, event.Records as StreamChange[]);
  if (next !== base || !stored) await publishSnapshot(feedStore, next, almatyDate());
};
