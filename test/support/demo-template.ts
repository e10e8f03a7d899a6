/**
 * The demo data set, seeded ONCE per run into two template tables (the e2e global setup, beside the
 * web build) and copied into each browser test's own table. Seeding writes the questions' history
 * one audited step at a time (hundreds of sequential transactions: 4-7 s on a quiet machine, far more
 * beside the integration tests), and eleven browser files each seeded it; a copy is ~30 batch writes.
 * The copy is the seed's records as written (GSI keys, the audit chain and its head included), so a
 * hub on a copy is the same as a hub that seeded; every hub still has its own table to write to.
 * Integration tests that only read the demo (questions-demo) read a template directly.
 * Nothing writes to the templates after global setup.
 */
import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DeleteTableCommand,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { createStore, type Store } from '../../functions/data/client';
import { ensureTable } from '../../functions/data/table';
import { seedDemoIfEmpty } from '../../functions/demo/seed';
import { runFlagJob } from '../../functions/services/flags';
import { almatyDate } from '../../shared/dates';

/** Which demo a hub starts from: as `npm start` seeds it, or after the nightly flag job too. */
export type DemoKind = 'plain' | 'flagged';

export interface DemoTemplates {
  /** Table names of the templates. */
  plain: string;
  flagged: string;
  /** Almaty date the demo was seeded for: its questions' dates and the next session are relative to it. */
  day: string;
}

/**
 * Copies every record of `from` into `to` as DynamoDB holds it (attribute values untouched, no
 * marshalling), a scanned page at a time; returns the count.
 */
export async function copyTable(from: Store, to: Store): Promise<number> {
  let copied = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await from.raw.send(
      new ScanCommand({ TableName: from.table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    const chunks: WriteRequest[][] = [];
    const records = page.Items ?? [];
    for (let i = 0; i < records.length; i += 25)
      chunks.push(records.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })));
    // Two batches in flight: DynamoDB Local works through writes about one at a time, so more only
    // lengthen each request's wait (to a timeout on a loaded machine) without copying any faster.
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        let requests = chunk;
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
          const res = await to.raw.send(
            new BatchWriteItemCommand({ RequestItems: { [to.table]: requests } }),
          );
          requests = res.UnprocessedItems?.[to.table] ?? [];
        }
      }
    };
    await Promise.all([worker(), worker()]);
    copied += records.length;
    start = page.LastEvaluatedKey;
  } while (start);
  return copied;
}

/** Seeds the two templates on the run's DynamoDB Local; `drop()` deletes them at the end of the run. */
export async function seedDemoTemplates(
  endpoint: string,
  /** Told the templates' names once the plain one is seeded (the flagged one is then still to come). */
  onPlainSeeded?: (templates: DemoTemplates) => void,
): Promise<{ templates: DemoTemplates; drop(): Promise<void> }> {
  const run = randomUUID().slice(0, 8);
  const open = async (name: string) => {
    // Seeded beside the web build on a busy machine: a patient timeout (no request path here).
    const store = createStore({ endpoint, table: `demo-template-${name}-${run}`, timeoutMs: 30_000 });
    await ensureTable(store.raw, store.table);
    return store;
  };
  const day = almatyDate();
  const plain = await open('plain');
  await seedDemoIfEmpty(plain);
  const flagged = await open('flagged');
  onPlainSeeded?.({ plain: plain.table, flagged: flagged.table, day });
  await copyTable(plain, flagged);
  // Few parallel writes, as the flagged hubs ran it: DynamoDB Local answers slowly under load.
  await runFlagJob(flagged, { concurrency: 2 });
  return {
    templates: { plain: plain.table, flagged: flagged.table, day },
    drop: async () => {
      for (const s of [plain, flagged]) {
        await s.raw.send(new DeleteTableCommand({ TableName: s.table })).catch(() => undefined);
        s.raw.destroy();
      }
    },
  };
}

/**
 * A store on the run's template of `kind`, for tests that only READ the seeded demo (no copy); null
 * when there is none to use (no template provided, or seeded on another Almaty day than today, when
 * the demo's relative dates would differ). Never write to it: every hub's copy is made from it.
 * The caller destroys its client.
 */
export function openDemoTemplate(
  kind: DemoKind,
  templates: DemoTemplates | undefined,
  endpoint: string,
): Store | null {
  if (!templates || templates.day !== almatyDate()) return null;
  return createStore({ endpoint, table: templates[kind], timeoutMs: 30_000 });
}

/** Fills `store` with the demo from the run's template; false when there is none to use (see above). */
export async function copyDemo(
  store: Store,
  kind: DemoKind,
  templates: DemoTemplates | undefined,
  endpoint: string,
): Promise<boolean> {
  const from = openDemoTemplate(kind, templates, endpoint);
  if (!from) return false;
  try {
    await copyTable(from, store);
  } finally {
    from.raw.destroy();
  }
  return true;
}

/**
 * Copies of the demo made ahead, for the browser files that write (each needs a table of its own):
 * copying the demo into a new table took 4 s on a quiet machine and 15-90 s on the loaded one, in each
 * such file's beforeAll, on the serial browser group's path. The global setup makes them in the
 * background while the unit and integration files run, and each hub claims one (startTestHub).
 */
export interface DemoCopyPool {
  /**
   * The table of a copy of `kind` for one hub: ready, or being copied (then waits for it); null when
   * none is left, or the next one is not started yet (copying it in the hub's own table is then no
   * slower than waiting for the queue), or it failed.
   */
  claim(kind: DemoKind): Promise<string | null>;
  /** Waits for the copying to end and deletes the copies no hub claimed. */
  drop(): Promise<void>;
}

interface Slot {
  kind: DemoKind;
  table: string;
  state: 'queued' | 'copying' | 'done' | 'failed';
  claimed: boolean;
  copied?: Promise<boolean>;
}

/** Starts copying `counts` of each kind from `templates`, one copy at a time, plain ones first. */
export function fillDemoCopyPool(
  endpoint: string,
  templates: DemoTemplates,
  counts: Record<DemoKind, number>,
): DemoCopyPool {
  const run = randomUUID().slice(0, 8);
  const slots: Slot[] = (['plain', 'flagged'] as const).flatMap((kind) =>
    Array.from({ length: counts[kind] }, (_, i) => ({
      kind,
      table: `demo-copy-${kind}-${run}-${i}`,
      state: 'queued' as const,
      claimed: false,
    })),
  );
  const open = (table: string) => createStore({ endpoint, table, timeoutMs: 30_000 });
  const copyInto = async (slot: Slot): Promise<boolean> => {
    const [from, to] = [open(templates[slot.kind]), open(slot.table)];
    try {
      await ensureTable(to.raw, to.table);
      await copyTable(from, to);
      slot.state = 'done';
      return true;
    } catch (err) {
      slot.state = 'failed';
      console.warn(`A demo copy failed; its hub copies its own: ${String(err)}`);
      return false;
    } finally {
      from.raw.destroy();
      to.raw.destroy();
    }
  };
  const filled = (async () => {
    for (const slot of slots) {
      // Claimed before its turn: that hub copied its own.
      if (slot.claimed) continue;
      slot.state = 'copying';
      slot.copied = copyInto(slot);
      await slot.copied;
    }
  })();
  return {
    async claim(kind) {
      const slot = slots.find((s) => s.kind === kind && !s.claimed && s.state !== 'failed');
      if (!slot) return null;
      slot.claimed = true;
      if (slot.state === 'queued' || !slot.copied) return null;
      return (await slot.copied) ? slot.table : null;
    },
    async drop() {
      await filled;
      for (const slot of slots.filter((s) => !s.claimed)) {
        const store = open(slot.table);
        await store.raw.send(new DeleteTableCommand({ TableName: slot.table })).catch(() => undefined);
        store.raw.destroy();
      }
    },
  };
}
