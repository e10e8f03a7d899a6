/**
 * `npm run backfill:visit-counts`: a one-off, idempotent migration for a hub deployed before items'
 * visit counts were listed on byKind (`KIND#VISITCOUNT` / `<itemId>`, functions/data/entities/visits.ts
 * `visitCountModel`). The flag job reads that listing for `R-SITE-CONTESTED`; an older count record
 * joins it on its next change, and this adds the keys to every one that lacks them now
 * (./backfill-index.ts: a Scan, conditional updates, safe to re-run). Run it once, before the first
 * flag job of the new version, or a contested item loses its flag until its next visit.
 */
import { createStore, type Store } from '../functions/data/client';
import { visitCountModel } from '../functions/data/entities/visits';
import { indexKey } from '../functions/data/schema';
import { type BackfillReport, backfillIndex } from './backfill-index';

export function backfillVisitCounts(store: Store): Promise<BackfillReport> {
  const listed = visitCountModel.indexes.listed;
  return backfillIndex(store, {
    entity: 'visit-count',
    fields: [listed.pk.field, listed.sk.field],
    keysOf: (r) => {
      const keys = indexKey(listed, { itemId: String(r.pk).replace(/^ITEM#/, '') });
      return [keys[listed.pk.field]!, keys[listed.sk.field]!];
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const store = createStore();
  const report = await backfillVisitCounts(store);
  console.log(
    `Visit-count records without the byKind listing: ${report.found}; updated now: ${report.updated} (table ${store.table}).`,
  );
  store.raw.destroy();
}
