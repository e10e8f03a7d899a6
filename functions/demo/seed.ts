/**
 * Loads the demo data set into an empty store: the demo government bodies and ~300 demo items.
 * Runs at `npm start` and in browser tests; never overwrites anything that is already there.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchPut } from '../data/batch';
import { bodyKeys } from '../data/bodies';
import type { Store } from '../data/client';
import { markRefreshed } from '../data/data-runs';
import { itemKeys, toItemRecord } from '../data/items';
import { DEMO_BODIES } from './bodies';
import { DEMO_UPDATED_AT, generateDemoItems } from './generate';
import { seedDemoQuestions } from './questions';
import { seedDemoSessions } from './sessions';

export const DEMO_ITEM_COUNT = 300;

async function hasItems(store: Store): Promise<boolean> {
  const res = await store.doc.send(
    new QueryCommand({
      TableName: store.table,
      IndexName: 'byKind',
      KeyConditionExpression: 'gsi7pk = :k',
      ExpressionAttributeValues: { ':k': itemKeys.kind },
      Limit: 1,
    }),
  );
  return (res.Items?.length ?? 0) > 0;
}

/** Returns how many items were written (0 when the store already had items). */
export async function seedDemoIfEmpty(store: Store): Promise<number> {
  if (await hasItems(store)) return 0;
  const bodies = DEMO_BODIES.map(({ id, name, area, parentId }) => ({
    id,
    name,
    ...(area ? { area } : {}),
    ...(parentId ? { parentId } : {}),
    pk: bodyKeys.pk(id),
    sk: bodyKeys.sk,
    entity: 'body',
    gsi7pk: bodyKeys.kind,
    gsi7sk: id,
  }));
  const items = generateDemoItems({ count: DEMO_ITEM_COUNT });
  await batchPut(store, [...bodies, ...items.map(toItemRecord)]);
  // The club's record: 5 sessions held, 15 questions considered, as in the programme the hub comes from.
  await seedDemoSessions(store, items);
  // Questions on the legal clock in every state, so the inbox and responsiveness pages have content.
  await seedDemoQuestions(store, items);
  // The map's "data as of" line: the demo's own date, as its items' provenance says.
  await markRefreshed(store, DEMO_UPDATED_AT, 'demo', true);
  return items.length;
}
