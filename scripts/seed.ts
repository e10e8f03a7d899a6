/**
 * `npm run seed -- --items 100000 [--seed 2026]`: writes a big deterministic set of demo items
 * (the demo generator, clearly marked as demo data) for benchmarks and load tests. Uses
 * DYNAMODB_ENDPOINT when set, else the embedded DynamoDB Local under .data/ — stop `npm start`
 * first, both use the same files. The next `npm start` rebuilds the map feed from the table.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { parseArgs } from 'node:util';
import { batchPut } from '../functions/data/batch';
import type { Store } from '../functions/data/client';
import { toItemRecord } from '../functions/data/items';
import { generateDemoItems } from '../functions/demo/generate';
import { runIfMain, withConfiguredStore } from './cli';

/** Generates `count` demo items and writes them with parallel BatchWrite; returns the ids. */
export async function seedItems(store: Store, count: number, seed = 2026): Promise<string[]> {
  const items = generateDemoItems({ count, seed });
  let shown = 0;
  await batchPut(
    store,
    items.map((i) => toItemRecord(i)),
    {
      concurrency: 16,
      onProgress: (n) => {
        if (n - shown >= 10_000 || n === items.length) {
          shown = n;
          process.stdout.write(`  ${n} / ${items.length} items written\n`);
        }
      },
    },
  );
  return items.map((i) => i.id);
}

async function main() {
  const { values } = parseArgs({
    options: { items: { type: 'string', default: '300' }, seed: { type: 'string', default: '2026' } },
  });
  const count = Number(values.items);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
    throw new Error('--items must be 1..1000000');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');

  await withConfiguredStore(async (store) => {
    const started = Date.now();
    await seedItems(store, count, seed);
    console.log(
      `Seeded ${count} demo items into ${store.table} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  });
}

runIfMain(import.meta.url, main);
