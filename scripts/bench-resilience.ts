/**
 * `npm run bench:resilience`: what a burst and a crash do to writes, measured from outside over
 * HTTP against the hub as `npm start` runs it (its own self-healing DynamoDB Local on a data
 * folder, the same store client and API).
 *
 *   1. The burst: 200 users comment on one item at the same moment, each through the web client's
 *      own transport (`send` in web/src/api.ts: one retry of a 5xx with the same Idempotency-Key,
 *      then waiting out a key still in progress). Targets: exactly 200 stored, the item's
 *      counter 200, 0 duplicates, ≤ 1 % 5xx after the retry, p99 ≤ 10 s, every 2xx id reads back.
 *   2. The crash: 20 users keep commenting while DynamoDB Local is killed (SIGKILL). Targets: the
 *      API answers 503 within 1 s of the kill (not a hang), writes succeed again within 10 s
 *      (self-healing), and nothing acknowledged is lost: every 2xx id reads back afterwards, and a
 *      write that was refused is retried with its key once the store is back and lands once.
 *
 * Options: --users 200 --writers 20. Times vary with the machine; the counts must not.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createStore } from '../functions/data/client';
import { putItem } from '../functions/data/items';
import { ensureTable } from '../functions/data/table';
import { freePort, startLocalDynamo } from '../functions/local/dynamodb-local';
import { createLocalApp, listen } from '../functions/local/server';
import type { ThreadPage } from '../shared/comments';
import { testAuth, user } from '../test/support/auth';
import { sampleItem } from '../test/support/fixtures';
import { send } from '../web/src/api';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    writers: { type: 'string', default: '20' },
  },
});
const USERS = Number(values.users);
const WRITERS = Number(values.writers);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

function countStatuses(rs: { status: number }[]): string {
  const m = new Map<number, number>();
  for (const r of rs) m.set(r.status, (m.get(r.status) ?? 0) + 1);
  return [...m]
    .sort((a, b) => a[0] - b[0])
    .map(([s, c]) => `${c}× ${s || 'no answer'}`)
    .join(', ');
}

/** Every request the bench sends, the web transport's resends included. */
let fetchCalls = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
  fetchCalls++;
  return realFetch(...args);
}) as typeof fetch;

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'obm-resilience-'));
  const events: string[] = [];
  const local = await startLocalDynamo({
    dataDir,
    selfHeal: true,
    readyTimeoutMs: 180_000,
    log: (m) => events.push(`${new Date().toISOString()} ${m}`),
  });
  const store = createStore({ endpoint: local.endpoint, table: 'resilience' });
  // The bench's own setup (table, items) is not what is measured: on a loaded machine it may wait
  // longer than the API's storage timeout, so it gets a patient client of its own.
  const setup = createStore({ endpoint: local.endpoint, table: 'resilience', timeoutMs: 60_000 });
  await ensureTable(setup.raw, setup.table);
  const auth = await testAuth();
  const app = createLocalApp({ store, auth: auth.verifier, now: () => new Date() });
  const port = await freePort();
  const server: Server = await listen(app, port);
  const base = `http://127.0.0.1:${port}`;

  const post = async (itemId: string, token: Record<string, string>, key: string, body: string) => {
    const started = performance.now();
    try {
      const res = await fetch(`${base}/api/items/${itemId}/comments`, {
        method: 'POST',
        headers: { ...token, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ body }),
      });
      const json = (await res.json().catch(() => ({}))) as { id?: string };
      return { status: res.status, id: json.id, ms: performance.now() - started };
    } catch {
      return { status: 0, id: undefined, ms: performance.now() - started };
    }
  };
  const readThread = async (itemId: string) => {
    const ids: string[] = [];
    let count = -1;
    let cursor: string | undefined;
    do {
      const url = `${base}/api/items/${itemId}/comments?limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      let res = await fetch(url);
      // Reading back is part of the measurement, not of the load: wait out a slow moment.
      // (Up to two minutes: a loaded machine restarts Java slowly after the kill.)
      for (let i = 0; !res.ok && i < 240; i++) {
        await new Promise((r) => setTimeout(r, 500));
        res = await fetch(url);
      }
      if (!res.ok) throw new Error(`reading the thread back kept failing: ${res.status}`);
      const page = (await res.json()) as ThreadPage;
      count = page.count;
      ids.push(...page.comments.map((c) => c.id));
      cursor = page.next;
    } while (cursor);
    return { ids, count };
  };

  try {
    // 1. The burst.
    const burstItem = sampleItem();
    await putItem(setup, burstItem);
    const tokens = await Promise.all(
      Array.from({ length: USERS }, (_, i) => auth.bearer(user('citizen', { sub: `burst-${i}` }))),
    );
    // Each user posts through the web's own transport (web/src/api.ts `send`): one retry of a 5xx
    // with the same key, then waiting out `idempotency.in_progress` while the first attempt runs.
    const sentBefore = fetchCalls;
    const burst = await Promise.all(
      tokens.map(async (t, i) => {
        const started = performance.now();
        try {
          const res = await send(
            new Request(`${base}/api/items/${burstItem.id}/comments`, {
              method: 'POST',
              headers: { ...t, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
              body: JSON.stringify({ body: `comment ${i}` }),
            }),
          );
          const json = (await res.json().catch(() => ({}))) as { id?: string };
          return { status: res.status, id: json.id, ms: performance.now() - started };
        } catch {
          return { status: 0, id: undefined, ms: performance.now() - started };
        }
      }),
    );
    const resent = fetchCalls - sentBefore - USERS;
    const thread = await readThread(burstItem.id);
    const acknowledged = burst.flatMap((r) => (r.status === 201 && r.id ? [r.id] : []));
    const stored = new Set(thread.ids);
    const fivexx = burst.filter((r) => r.status >= 500 || r.status === 0).length;
    console.log(`\n1. Burst: ${USERS} users comment on one item at once, through the web client's transport`);
    console.log(`   2xx                ${acknowledged.length} of ${USERS}`);
    console.log(`   5xx after retry    ${fivexx} (${((100 * fivexx) / USERS).toFixed(1)} %; target ≤ 1 %)`);
    console.log(`   requests resent    ${resent} (a 5xx once, an in-progress key after its Retry-After)`);
    console.log(`   answers            ${countStatuses(burst)}`);
    console.log(`   stored             ${thread.ids.length} (target ${USERS})`);
    console.log(`   counter            ${thread.count} (target ${USERS})`);
    console.log(`   duplicates         ${thread.ids.length - stored.size}`);
    console.log(
      `   2xx ids read back  ${acknowledged.filter((id) => stored.has(id)).length} of ${acknowledged.length}`,
    );
    console.log(
      `   latency p50 / p99  ${Math.round(
        pct(
          burst.map((r) => r.ms),
          50,
        ),
      )} / ${Math.round(
        pct(
          burst.map((r) => r.ms),
          99,
        ),
      )} ms (target p99 ≤ 10,000)`,
    );

    // 2. The crash.
    const crashItem = sampleItem();
    await putItem(setup, crashItem);
    const writerTokens = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => auth.bearer(user('citizen', { sub: `writer-${i}` }))),
    );
    type Attempt = {
      key: string;
      body: string;
      token: Record<string, string>;
      status: number;
      id?: string;
      at: number;
    };
    const attempts: Attempt[] = [];
    let killedAt = 0;
    let stop = false;
    let n = 0;
    const writers = writerTokens.map(async (token) => {
      while (!stop) {
        const key = randomUUID();
        const body = `crash ${n++}`;
        const r = await post(crashItem.id, token, key, body);
        attempts.push({ key, body, token, status: r.status, id: r.id, at: performance.now() });
        if (r.status >= 500 || r.status === 0) await new Promise((res) => setTimeout(res, 100));
      }
    });
    await new Promise((r) => setTimeout(r, 3000));
    const javaPid = local.pid;
    killedAt = performance.now();
    process.kill(javaPid, 'SIGKILL');
    // Until the store has been back for 3 s of successful writes (or a minute has passed).
    const deadline = killedAt + 60_000;
    while (performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      const okAfter = attempts.filter((a) => a.at > killedAt && a.status === 201);
      const refusedAfter = attempts.filter((a) => a.at > killedAt && a.status !== 201);
      const lastRefused = refusedAfter.at(-1)?.at ?? 0;
      if (okAfter.some((a) => a.at > lastRefused + 3000)) break;
    }
    stop = true;
    await Promise.all(writers);

    const after = attempts.filter((a) => a.at > killedAt);
    const firstRefusal = after.find((a) => a.status >= 500 || a.status === 0);
    const refusedDuring = after.filter((a) => a.status !== 201);
    const lastRefusal = refusedDuring.at(-1);
    const recovered = after.find((a) => a.status === 201 && (!lastRefusal || a.at > lastRefusal.at));
    // A client whose write was refused tries again with the same key once the store is back.
    const retries = await Promise.all(refusedDuring.map((a) => post(crashItem.id, a.token, a.key, a.body)));
    const crashThread = await readThread(crashItem.id);
    const crashStored = new Set(crashThread.ids);
    const acked = attempts.flatMap((a) => (a.status === 201 && a.id ? [a.id] : []));
    const retriedIds = retries.flatMap((r) => (r.status === 201 && r.id ? [r.id] : []));
    console.log(
      `\n2. Crash: ${WRITERS} users keep commenting; DynamoDB Local is killed (SIGKILL) under load`,
    );
    console.log(
      `   first refusal      ${firstRefusal ? `${Math.round(firstRefusal.at - killedAt)} ms after the kill, status ${firstRefusal.status}` : 'none'} (target 503 within 1,000 ms)`,
    );
    console.log(
      `   writes work again  ${recovered ? `${Math.round(recovered.at - killedAt)} ms after the kill` : 'not within a minute'} (target ≤ 10,000 ms)`,
    );
    console.log(`   refused meanwhile  ${refusedDuring.length} (${countStatuses(refusedDuring)})`);
    console.log(
      `   acknowledged       ${acked.length}; read back ${acked.filter((id) => crashStored.has(id)).length}`,
    );
    console.log(
      `   refused, retried   ${retries.filter((r) => r.status === 201).length} of ${retries.length} landed on retry; read back ${retriedIds.filter((id) => crashStored.has(id)).length}`,
    );
    console.log(
      `   stored / counter   ${crashThread.ids.length} / ${crashThread.count}; duplicates ${crashThread.ids.length - crashStored.size}`,
    );
    console.log(`   retry answers      ${countStatuses(retries)}`);
    console.log(`   restarts           ${local.restarts}`);
    for (const e of events) console.log(`   log: ${e}`);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    store.raw.destroy();
    setup.raw.destroy();
    await local.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
