/**
 * Full rebuild of the snapshot from the table: every item through the byKind index
 * (`gsi7pk = KIND#ITEM`), page by page, only the attributes the snapshot needs. Runs when no
 * snapshot exists yet (first start, new bucket), never on a request path.
 */
import type { Store } from '../data/client';
import { itemKeys } from '../data/items';
import { queryAll } from '../data/query-all';
import { buildSnapshot, type FeedSnapshot } from './snapshot';

export async function rebuildSnapshot(store: Store, version = 1): Promise<FeedSnapshot> {
  const records = await queryAll(
    store,
    {
      IndexName: 'byKind',
      KeyConditionExpression: 'gsi7pk = :k',
      ExpressionAttributeValues: { ':k': itemKeys.kind },
      ProjectionExpression:
        'pk, sk, id, area, category, #st, fiscalYear, #body.id, plannedTiyn, contractedTiyn, spentTiyn, #period, #loc, title, #ms, #ct, #am, #te, #fl',
      ExpressionAttributeNames: {
        '#st': 'status',
        '#body': 'body',
        '#period': 'period',
        '#loc': 'location',
        // What the per-item flags and execution states read: without them a rebuilt feed lost the flags.
        '#ms': 'milestones',
        '#ct': 'contractor',
        '#am': 'amendments',
        '#te': 'tender',
        '#fl': 'flags',
      },
      // Smaller pages than DynamoDB's 1 MB: DynamoDB Local answers a full page of a big table
      // slower than a request may take.
      Limit: 1000,
    },
    // Every item, by design (off the request path): the paginator's 5,000-row refusal would stop
    // every rebuild of a real region's feed (bench:api at 20,000 items failed on it).
    { max: Number.POSITIVE_INFINITY },
  );
  return buildSnapshot(records, version);
}
