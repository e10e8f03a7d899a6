/** What every entity module of data/entities/ shares. */
import type { Store } from '../client';
import { SERVICE } from '../schema';

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

interface KeyTemplate {
  field: string;
  template: string;
}

/**
 * The keys of one of a model's indexes, filled from its own templates (what ElectroDB would write),
 * for the hand-built puts of transactions: `indexKey(model.indexes.byAuthor, { authorSub, id })`.
 * data/schema.ts `recordKey` is the same for the table key.
 */
export function indexKey(
  index: { pk: KeyTemplate; sk: KeyTemplate },
  facts: Record<string, string | number>,
): Record<string, string> {
  return { [index.pk.field]: fillKey(index.pk, facts), [index.sk.field]: fillKey(index.sk, facts) };
}

/** One key of a template (`MODQ#${queue}` → `MODQ#flagged`), refused when a fact is missing. */
export function fillKey(key: KeyTemplate, facts: Record<string, string | number>): string {
  return key.template.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = facts[name];
    if (value === undefined || value === '') throw new Error(`The key fact ${name} is missing.`);
    return String(value);
  });
}

/** A required string attribute: spelled once, as the modules' models declare mostly these. */
export const text = { type: 'string', required: true } as const;

/** A model's `model` block in the one service (`__edb_*` identifiers of new writes only). */
export const named = <const E extends string>(entity: E) => ({
  entity,
  version: '1' as const,
  service: SERVICE,
});
