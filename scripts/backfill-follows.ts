/**
 * `npm run backfill:follows`: a one-off, idempotent migration for a hub deployed before the Follow
 * button became a notification subscription. Follow records written since carry the subscriber
 * index (byStatus `SUBSCRIBERS#item#<itemId>` / `<sub>`, functions/data/schema.ts `followModel`);
 * older ones do not, so their followers would hear nothing. This adds the index keys to every
 * follow record that lacks them (./backfill-index.ts: a Scan, conditional updates, safe to re-run).
 */
import { createStore, type Store } from '../functions/data/client';
import { subscriptionKeys } from '../functions/data/notifications';
import { type BackfillReport, backfillIndex } from './backfill-index';

export function backfillFollows(store: Store): Promise<BackfillReport> {
  return backfillIndex(store, {
    entity: 'follow',
    fields: ['gsi5pk', 'gsi5sk'],
    reads: ['itemId'],
    keysOf: (r) => {
      const sub = String(r.pk).replace(/^USER#/, '');
      const itemId = String(r.itemId ?? String(r.sk).replace(/^FOLLOW#/, ''));
      return [subscriptionKeys.subscribers('item', itemId), sub];
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const store = createStore();
  const report = await backfillFollows(store);
  console.log(
    `Follow records without the subscriber index: ${report.found}; updated now: ${report.updated} (table ${store.table}).`,
  );
  store.raw.destroy();
}
