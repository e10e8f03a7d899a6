/**
 * Entities bound to one store, built on first use and kept for that store: building an ElectroDB
 * entity parses its whole model, which a request should not pay for twice.
 */
import type { Store } from '../client';

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
