/**
 * `npm run bench:notify`: one answer in a district with 10,000 subscribers, carried to all of them
 * by the notifier over real SMTP (the embedded server of `npm start`), against its floor, and a
 * sender killed in the middle.
 *
 *   1. Baseline: Nodemailer's pooled SMTP transport sends the same 10,000 pre-rendered messages to
 *      the same server at the same concurrency, and nothing else.
 *   2. The hub: `drainOutbox` fans the event out (10,000 delivery records in DynamoDB Local) and
 *      sends every delivery (claim, send, mark sent). Target: ≥ 0.7× the baseline's throughput.
 *   3. The crash: a second answer is drained by a child process that is killed (SIGKILL) once about
 *      a third of the mail has gone; a fresh sender then finishes, taking over the deliveries the
 *      dead one held once their lease ran out (its clock is set past the lease rather than waiting).
 *      Prints how many were lost (target 0) and how many were sent twice; every message sent twice
 *      must carry the id of one that was in flight when the sender died.
 *
 * Options: --subscribers 10000 --concurrency 8 (SMTP connections, the same for both); --endpoint
 * (or DYNAMODB_ENDPOINT) to use a running DynamoDB instead of starting DynamoDB Local. Figures vary with the machine: compare the ratio.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import nodemailer from 'nodemailer';
import { createStore, type Store } from '../functions/data/client';
import { consentOp, currentConsent } from '../functions/data/consents';
import { putItem } from '../functions/data/items';
import {
  type Delivery,
  emailContactOp,
  listEventDeliveries,
  type NotificationEvent,
  putOutboxEvent,
  subscriptionKeys,
} from '../functions/data/notifications';
import { ensureTable } from '../functions/data/table';
import { startLocalDynamo } from '../functions/local/dynamodb-local';
import { startMailCatcher } from '../functions/local/mail-catcher';
import { createSmtpChannel, mailOptions } from '../functions/notify/email';
import {
  type DrainStats,
  drainOutbox,
  type NotifierDeps,
  recipientsForDelivery,
  renderMessage,
} from '../functions/services/notifications';
import type { Item } from '../shared/item';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    // The child process of step 3 (internal).
    worker: { type: 'boolean', default: false },
    endpoint: { type: 'string' },
    table: { type: 'string' },
    smtp: { type: 'string' },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const CONCURRENCY = Number(values.concurrency);
const AREA = 'taraz';
const FROM = 'Open Budget Map <hub@obm.local>';
const BASE_URL = 'http://localhost:8787';
const LEASE_MS = 60_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Claims in flight per SMTP connection: each send is a claim, the SMTP transaction and a "sent"
 * mark, so a few claims per connection keep every connection busy while the table answers.
 */
const CLAIMS_PER_CONNECTION = 4;

function notifierDeps(store: Store, smtpUrl: string): NotifierDeps & { close(): void } {
  // The same number of SMTP connections as the baseline's pool.
  const smtp = createSmtpChannel({ url: smtpUrl, from: FROM, maxConnections: CONCURRENCY });
  return {
    store,
    channels: { email: smtp },
    baseUrl: BASE_URL,
    concurrency: CONCURRENCY * CLAIMS_PER_CONNECTION,
    leaseMs: LEASE_MS,
    close: () => smtp.close(),
  };
}

/** Step 3's child: a sender that drains until it is killed. */
async function worker() {
  const store = createStore({ endpoint: values.endpoint!, table: values.table!, timeoutMs: 60_000 });
  const deps = notifierDeps(store, values.smtp!);
  await drainOutbox(deps);
  deps.close();
}

/** The address the bench gives subscriber `bench-sub-<i>`. */
const addressOf = (sub: string) => `reader${sub.replace('bench-sub-', '')}@bench.example.kz`;

/** 10,000 people with verified, consented addresses, each subscribed to the district. */
async function seedSubscribers(store: Store, n: number) {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const sub = `bench-sub-${i}`;
    items.push(
      emailContactOp(store, sub, { address: addressOf(sub), verified: true }).Put!.Item as Record<
        string,
        unknown
      >,
      // The notifier sends to no address without its consent (services/consents.ts).
      consentOp(store, sub, currentConsent('email', new Date())).Put.Item as Record<string, unknown>,
      {
        pk: subscriptionKeys.pk(sub),
        sk: subscriptionKeys.sk('area', AREA),
        entity: 'subscription',
        kind: 'area',
        id: AREA,
        at: new Date().toISOString(),
        gsi5pk: subscriptionKeys.subscribers('area', AREA),
        gsi5sk: sub,
      },
    );
  }
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  const queue = [...chunks];
  const writer = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      let requests = c.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const res = await store.doc.send(
          new BatchWriteCommand({ RequestItems: { [store.table]: requests as never } }),
        );
        requests = (res.UnprocessedItems?.[store.table] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
}

function answerEvent(item: Item, n: number): NotificationEvent {
  return {
    id: `bench-answer-${n}`,
    type: 'question.answered',
    at: new Date().toISOString(),
    subject: { kind: 'question', id: `bench-q-${n}`, itemId: item.id },
    actorSub: 'bench-official',
    data: {
      itemId: item.id,
      questionId: `bench-q-${n}`,
      bodyId: item.body.id,
      askerSub: 'bench-asker',
      itemTitle: JSON.stringify(item.title),
    },
  };
}

/**
 * The baseline's messages: exactly what the hub sends for this event, rendered ahead. A sent
 * delivery no longer holds its address (the log keeps no contact detail once final), so the
 * baseline takes each recipient's address from the bench's own list, as the sender read it.
 */
async function prerendered(store: Store, event: NotificationEvent, deliveries: Delivery[]) {
  const ctx = { baseUrl: BASE_URL, bodies: new Map() };
  return Promise.all(
    deliveries.map(async (d) => ({
      to: addressOf(d.recipientKey.replace(/^user:/, '')),
      message: renderMessage(
        event,
        await recipientsForDelivery(store, event, d),
        d.lang,
        ctx,
        d.messageId.replace('@', '.base@'),
      ),
    })),
  );
}

async function main() {
  if (values.worker) return worker();
  console.log(`bench:notify — ${SUBSCRIBERS} subscribers of one district, concurrency ${CONCURRENCY}`);
  // A running DynamoDB (--endpoint, or DYNAMODB_ENDPOINT: a shared DynamoDB Local) saves starting
  // a JVM of our own; a fresh table per run keeps runs apart.
  const external = values.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  const local = external
    ? { endpoint: external, stop: async () => {} }
    : await startLocalDynamo({ readyTimeoutMs: 180_000 });
  const store = createStore({
    endpoint: local.endpoint,
    table: external ? `bench-notify-${Date.now().toString(36)}` : 'bench-notify',
    timeoutMs: 60_000,
  });
  const catcher = await startMailCatcher();
  const crashCatcher = await startMailCatcher();
  try {
    await ensureTable(store.raw, store.table);
    let t = Date.now();
    await seedSubscribers(store, SUBSCRIBERS);
    const item: Item = {
      id: 'bench-item',
      title: { kk: 'Жол жөндеу (демо)', ru: 'Ремонт дороги (демо)', en: 'Road repair (demo)' },
      category: 'roads',
      area: AREA,
      body: { id: 'zha-roads', name: { en: 'Roads' } },
      programmeCode: '123-015-000',
      fiscalYear: 2026,
      amounts: { planned: '1000000.00', contracted: '900000.00', spent: '450000.00' },
      status: 'in_progress',
      period: { start: '2026-01-01', end: '2026-12-31' },
      location: { point: [71.37, 42.9] },
    } as Item;
    await putItem(store, item);
    console.log(`seeded ${SUBSCRIBERS} subscribers in ${seconds(Date.now() - t)}`);

    // 2 first (it writes the deliveries the baseline's messages are rendered from), then 1.
    const first = answerEvent(item, 1);
    await putOutboxEvent(store, first);
    const deps = notifierDeps(store, catcher.url);
    t = Date.now();
    const hubStats = await drainOutbox(deps);
    await catcher.waitFor(SUBSCRIBERS, 600_000);
    const hubMs = Date.now() - t;
    deps.close();

    const messages = await prerendered(store, first, await listEventDeliveries(store, first.id));
    const transport = nodemailer.createTransport(catcher.url, {
      pool: true,
      maxConnections: CONCURRENCY,
      maxMessages: Number.POSITIVE_INFINITY,
    } as never);
    t = Date.now();
    const queue = [...messages];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let m = queue.shift(); m; m = queue.shift())
          await transport.sendMail(mailOptions(FROM, m.to, m.message));
      }),
    );
    await catcher.waitFor(SUBSCRIBERS * 2, 600_000);
    const baseMs = Date.now() - t;
    transport.close();
    const hubRate = hubStats.sent / (hubMs / 1000);
    const baseRate = messages.length / (baseMs / 1000);
    console.log(
      `hub:      ${hubStats.sent} mails (fan-out + send) in ${seconds(hubMs)}  ${hubRate.toFixed(0)}/s`,
    );
    console.log(
      `baseline: ${messages.length} mails (pooled Nodemailer) in ${seconds(baseMs)}  ${baseRate.toFixed(0)}/s`,
    );
    console.log(`ratio ${(hubRate / baseRate).toFixed(2)}× of the baseline's throughput (target ≥ 0.7×)`);

    // 3. The crash.
    const second = answerEvent(item, 2);
    await putOutboxEvent(store, second);
    // Node itself runs the child (tsx as a loader), so the kill hits the process that holds the leases.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--worker',
        `--endpoint=${local.endpoint}`,
        `--table=${store.table}`,
        `--smtp=${crashCatcher.url}`,
        `--concurrency=${CONCURRENCY}`,
      ],
      { stdio: 'inherit' },
    );
    const third = Math.floor(SUBSCRIBERS / 3);
    await crashCatcher.waitFor(third, 600_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const atKill = crashCatcher.messages.length;
    const held = (await listEventDeliveries(store, second.id)).filter((d) => d.status === 'sending');
    // The restarted sender, its clock past the dead one's leases.
    const restart = notifierDeps(store, crashCatcher.url);
    const stats: DrainStats = await drainOutbox(restart, () => new Date(Date.now() + LEASE_MS + 1000));
    restart.close();
    // Mail the dead sender had handed to SMTP may still be arriving: wait for the count to settle.
    for (let last = -1; last !== crashCatcher.messages.length; ) {
      last = crashCatcher.messages.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    const ours = crashCatcher.messages.filter((m) => m.messageId.startsWith(`<${second.id}.`));
    const recipients = new Set(ours.flatMap((m) => m.to));
    const seen = new Map<string, number>();
    for (const m of ours) seen.set(m.messageId, (seen.get(m.messageId) ?? 0) + 1);
    const twice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    const reclaimed = new Set(stats.reclaimedIds);
    const strays = twice.filter((id) => !reclaimed.has(id));
    console.log(
      `crash: killed after ${atKill} mails with ${held.length} deliveries held; the restart reclaimed ${stats.reclaimed} and sent ${stats.sent}`,
    );
    console.log(
      `crash: lost ${SUBSCRIBERS - recipients.size} (target 0); sent twice ${twice.length}, of which not in flight at the kill ${strays.length} (target 0)`,
    );
  } finally {
    await catcher.stop();
    await crashCatcher.stop();
    // A table made on a shared DynamoDB goes again: 10,000 subscribers are not left behind.
    if (external)
      await store.raw.send(new DeleteTableCommand({ TableName: store.table })).catch(() => undefined);
    store.raw.destroy();
    await local.stop();
  }
}

await main();
