/**
 * `npm run bench:import [-- --rows 100000]`: imports generated CSV rows into an in-memory DynamoDB
 * Local and compares rows/s with raw BatchWriteItem of the very same items from the same process
 * (functions/data/batch.ts, 16 requests in flight). Target: import ≥ 0.5 × raw. The import does
 * more per row — decode, parse, validate, read back what is stored to skip unchanged items — so the
 * ratio measures how well that work is batched and overlapped.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { parseArgs } from 'node:util';
import { batchPut } from '../functions/data/batch';
import { createStore, type Store } from '../functions/data/client';
import { toItemRecord } from '../functions/data/items';
import { ensureTable } from '../functions/data/table';
import { startLocalDynamo } from '../functions/local/dynamodb-local';
import { parseCsv } from '../functions/opendata/csv';
import { importFile } from '../functions/opendata/import';
import { AREAS } from '../shared/areas';
import { CATEGORIES } from '../shared/categories';
import { progressBar } from './import';

/** Deterministic budget rows in the Russian layout: `;`, comma decimals, grouped thousands. */
export function generateCsv(rows: number): string {
  const header =
    'Код записи;Наименование;Категория;Район;Код органа;Орган;Код программы;Год;План;Законтрактовано;Освоено;Статус;Начало;Окончание;Долгота;Широта';
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const area = AREAS[i % AREAS.length]!;
    const planned = 1_000_000 + ((i * 7919) % 90_000_000);
    const fmt = (n: number) =>
      `${n.toLocaleString('ru-RU').replace(/\s/g, ' ')},${String(i % 100).padStart(2, '0')}`;
    lines.push(
      [
        `B-${i}`,
        `Объект бюджета № ${i}`,
        CATEGORIES[i % CATEGORIES.length],
        area.code,
        `${area.code}-akimat`,
        `Аппарат акима (${area.name.ru})`,
        '123-015-000',
        '2026',
        fmt(planned),
        fmt(Math.floor(planned * 0.8)),
        fmt(Math.floor(planned * 0.3)),
        'in_progress',
        '01.03.2026',
        '30.11.2026',
        (area.lon + ((i % 50) - 25) / 1000).toFixed(5).replace('.', ','),
        (area.lat + ((i % 40) - 20) / 1000).toFixed(5).replace('.', ','),
      ].join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function freshStore(endpoint: string, name: string): Promise<Store> {
  const store = createStore({
    endpoint,
    table: `${name}-${Date.now().toString(36)}`,
    timeoutMs: 30_000,
    maxAttempts: 5,
  });
  await ensureTable(store.raw, store.table);
  return store;
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a positive integer');
  const local = await startLocalDynamo({ readyTimeoutMs: 300_000 });
  try {
    const bytes = new TextEncoder().encode(generateCsv(rows));
    const now = new Date();
    const parsed = parseCsv(new TextDecoder().decode(bytes), { sourceName: 'csv', now });
    const records = parsed.records.flatMap((r) =>
      r.change?.kind === 'item' ? [toItemRecord(r.change.item)] : [],
    );
    if (records.length !== rows)
      throw new Error(`generated rows did not all validate: ${records.length}/${rows}`);

    console.error(`${rows} rows generated and checked; warming up DynamoDB Local…`);
    // Warm the JVM so neither run pays for it.
    const warm = await freshStore(local.endpoint, 'bench-warm');
    await batchPut(warm, records.slice(0, Math.min(5000, rows)), { concurrency: 16 });

    console.error('raw BatchWriteItem…');
    const rawStore = await freshStore(local.endpoint, 'bench-raw');
    let t = performance.now();
    await batchPut(rawStore, records, { concurrency: 16 });
    const rawSeconds = (performance.now() - t) / 1000;

    console.error(`raw: ${rawSeconds.toFixed(1)} s; import…`);
    const importStore = await freshStore(local.endpoint, 'bench-import');
    t = performance.now();
    const report = await importFile(importStore, bytes, {
      now: () => now,
      concurrency: 8,
      onProgress: progressBar(),
    });
    const importSeconds = (performance.now() - t) / 1000;
    if (report.created !== rows) throw new Error(`import created ${report.created} of ${rows}`);

    const rawRate = rows / rawSeconds;
    const importRate = rows / importSeconds;
    const ratio = importRate / rawRate;
    console.log(
      `raw BatchWriteItem: ${rows} items in ${rawSeconds.toFixed(1)} s = ${rawRate.toFixed(0)} rows/s`,
    );
    console.log(
      `import (CSV → report → items): ${rows} rows in ${importSeconds.toFixed(1)} s = ${importRate.toFixed(0)} rows/s`,
    );
    console.log(`ratio ${ratio.toFixed(2)} × raw (target ≥ 0.50): ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
    for (const s of [warm, rawStore, importStore]) s.raw.destroy();
  } finally {
    await local.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? `${err.name}: ${err.message}` : err);
  process.exit(1);
});
