/** What every entity module of data/entities/ shares. */
import type { Store } from '../client';
import { fill, SERVICE } from '../schema';

/**
 * Entities bound to one store, built on first use and kept for that store: building an ElectroDB
 * entity parses its whole model, which a request should not pay for twice.
 */
export function perStore<T>(build: (store: Pick<Store, 'doc' | 'table'>) => T) {
  const cache = new WeakMap<object, T>();
  return (store: Pick<Store, 'doc' | 'table'>): T => {
    let found = cache.get(store);
    if (found === undefined) {
      found = build(store);
      cache.set(store, found);
    }
    return found;
  };
}

/** One key of a template (`MODQ#${queue}` → `MODQ#flagged`), refused when a fact is missing (schema.ts `fill`). */
export const fillKey = (key: { template: string }, facts: Record<string, string | number>): string =>
  fill(key.template, facts);

/** A required string attribute: spelled once, as the modules' models declare mostly these. */
export const text = { type: 'string', required: true } as const;

/** A model's `model` block in the one service (`__edb_*` identifiers of new writes only). */
export const named = <const E extends string>(entity: E) => ({
  entity,
  version: '1' as const,
  service: SERVICE,
});
