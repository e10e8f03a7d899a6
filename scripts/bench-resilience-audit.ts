/**
 * `npx tsx scripts/bench-resilience-audit.ts --clients 20 [--endpoint URL]`: what the cloud burst does
 * to the audit chain. In Lambda each instance serves one request, so the per-process lanes of
 * functions/audit/chain.ts never queue anything: N instances appending at once race on the one head
 * record (each cancelled append re-reads it and retries, up to 16 attempts). This runs N appends at
 * once from N independent DynamoDB clients (each its own connections and its own lane, as N instances
 * would have) against DynamoDB Local (the shared test one unless --endpoint), and prints how many
 * landed, how many ran out of attempts, the transactions sent per append, the latencies, and whether
 * the chain still verifies. One Node process drives all clients, so CPU is shared unlike in Lambda.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { appendAuditEntry } from '../functions/audit/chain';
import { verifyFull } from '../functions/audit/verify';
import { createStore, type Store } from '../functions/data/client';
import { ensureTable } from '../functions/data/table';

const { values } = parseArgs({
  options: { clients: { type: 'string', default: '20' }, endpoint: { type: 'string' } },
});
const N = Number(values.clients);
const endpoint = values.endpoint ?? readFileSync('/work/wt/ddb-endpoint', 'utf8').trim();
const table = `audit-race-${Date.now()}`;

const setup = createStore({ endpoint, table, timeoutMs: 60_000 });
await ensureTable(setup.raw, table);
// The genesis first, so the race is about appends only.
await appendAuditEntry(setup, {
  actorSub: null,
  action: 'bench.start',
  at: new Date().toISOString(),
  record: { kind: 'bench', key: 'bench/start', fields: {} },
});

const sent: number[] = Array(N).fill(0);
const clients: Store[] = Array.from({ length: N }, (_, i) => {
  const store = createStore({ endpoint, table, timeoutMs: 30_000 });
  const send = store.doc.send.bind(store.doc) as (...a: unknown[]) => Promise<unknown>;
  (store.doc as unknown as { send: (...a: unknown[]) => Promise<unknown> }).send = (cmd, ...rest) => {
    if (cmd instanceof TransactWriteCommand) sent[i]!++;
    return send(cmd, ...rest);
  };
  return store;
});
const started = performance.now();
const results = await Promise.all(
  clients.map(async (store, i) => {
    const t = performance.now();
    try {
      await appendAuditEntry(store, {
        actorSub: `user-${i}`,
        action: 'bench.race',
        at: new Date().toISOString(),
        record: { kind: 'bench', key: `bench/${i}`, fields: { i } },
      });
      return { ok: true, ms: performance.now() - t };
    } catch (err) {
      return { ok: false, ms: performance.now() - t, err: String((err as Error).name ?? err) };
    }
  }),
);
const wall = performance.now() - started;
const ms = results.map((r) => r.ms).sort((a, b) => a - b);
const pct = (p: number) => Math.round(ms[Math.min(N - 1, Math.ceil((p / 100) * N) - 1)] ?? 0);
const report = await verifyFull(setup, null, new Date());
const failures = results.filter((r) => !r.ok);
console.log(`${N} appends at once from ${N} independent clients (no shared lane)`);
console.log(`   landed            ${N - failures.length} of ${N}`);
console.log(
  `   out of attempts   ${failures.length} ${failures.length ? `(${[...new Set(failures.map((f) => f.err))].join(', ')})` : ''}`,
);
console.log(
  `   transactions sent ${sent.reduce((a, b) => a + b, 0)} (max ${Math.max(...sent)} by one append)`,
);
console.log(`   latency p50 / p99 ${pct(50)} / ${pct(99)} ms; all done in ${Math.round(wall)} ms`);
console.log(
  `   chain             ${report.entries} entries, ${report.chain ? `broken at ${report.chain.seq} (${report.chain.reason})` : 'links verify'}`,
);
for (const c of clients) c.raw.destroy();
setup.raw.destroy();
