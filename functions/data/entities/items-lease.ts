// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * The items lease (data/items-lease.ts; held by services/import.ts): one record saying which import
 * replaces stored items right now and until when. While it is live, the other writers of item
 * records (an official's progress update, the flag job's item flags) are refused by a condition on
 * it, so the import can replace items without a condition of its own. Written by hand-built
 * operations keyed by this template.
 */
import { type AccessPattern, key, kindOf } from '../schema';
import { named } from './kit';

export const itemsLeaseModel = {
  model: named('items-lease'),
  attributes: { kind: kindOf('items-lease') },
  indexes: { record: { pk: key('pk', [], 'LEASE#items'), sk: key('sk', [], 'LEASE') } },
} as const;

export const ITEMS_LEASE_MODELS = { itemsLease: itemsLeaseModel } as const;

export const ITEMS_LEASE_ACCESS_PATTERNS: readonly AccessPattern<keyof typeof ITEMS_LEASE_MODELS>[] = [
  {
    entity: 'itemsLease',
    index: 'record',
    pattern:
      "the import's lease on item records: taken (absent, expired or its own), renewed and released by its holder; other item writers' transactions check it is not live",
    code: '`data/items-lease.ts` `acquireItemsLease`, `renewItemsLease`, `releaseItemsLease`, `noLiveItemsLeaseOp`',
  },
];
