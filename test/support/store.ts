/** A fresh table per test file on the run's DynamoDB Local, refused if the endpoint is not local. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createStore, isLoopback, type Store } from '../../functions/data/client';
import { ensureTable } from '../../functions/data/table';

/**
 * The tables this test file opened and has not closed. A test user who signs in has accepted the
 * account text on each, as after a real sign-up (test/support/auth.ts); the API refuses an account's
 * writes until then. A worker runs file after file with this module kept (the integration project is
 * not isolated), so a table leaves the list when its client is destroyed (each file's afterAll):
 * the next file's users sign up on its own tables only.
 */
export const openedStores: Store[] = [];

export async function createTestStore(prefix = 'test'): Promise<Store> {
  const store = openTestStore(`${prefix}-${randomUUID().slice(0, 8)}`);
  await ensureTable(store.raw, store.table);
  return store;
}

/** A store on `table`, an existing table of this file's own (e.g. a demo copy made ahead for it). */
export function openTestStore(table: string): Store {
  const endpoint = inject('ddbEndpoint');
  if (!endpoint || !isLoopback(endpoint))
    throw new Error(`Refusing a non-local DynamoDB endpoint: ${endpoint}`);
  const store = createStore({ endpoint, table, timeoutMs: 10_000 });
  openedStores.push(store);
  const destroy = store.raw.destroy.bind(store.raw);
  store.raw.destroy = () => {
    const at = openedStores.indexOf(store);
    if (at >= 0) openedStores.splice(at, 1);
    destroy();
  };
  return store;
}
