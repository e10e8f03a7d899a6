/**
 * The items lease on DynamoDB Local (functions/data/items-lease.ts): an import replacing stored items
 * holds it; an expired one is taken over, a live one makes a second import wait and then stop with
 * one clear line, and the flag job defers its item writes to the import that holds it. (An
 * official's update under the lease: test/integration/progress-updates.test.ts and audit.test.ts.)
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { listEntries } from '../../functions/audit/chain';
import type { Store } from '../../functions/data/client';
import { getItem, putItem } from '../../functions/data/items';
import { acquireItemsLease, readItemsLease, releaseItemsLease } from '../../functions/data/items-lease';
import { stableItemId } from '../../functions/opendata/ids';
import { runFlagJob } from '../../functions/services/flags';
import { ItemsLeaseHold, importFile } from '../../functions/services/import';
import { generateCsv } from '../../scripts/bench-import';
import { sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const AT = new Date('2026-03-20T07:00:00.000Z');
const stores: Store[] = [];
afterAll(() => {
  for (const s of stores) s.raw.destroy();
});

/** A store with three generated rows imported; `again()` imports them with the first row's spent raised. */
async function imported() {
  const s = await createTestStore('lease');
  stores.push(s);
  const csv = (changed: number) => new TextEncoder().encode(generateCsv(3, changed));
  await importFile(s, csv(0), { now: () => AT });
  const again = (leaseWaitMs?: number) =>
    importFile(s, csv(1), { now: () => AT, ...(leaseWaitMs === undefined ? {} : { leaseWaitMs }) });
  return { s, id: stableItemId('csv', 'B-0'), again };
}

describe('the items lease', () => {
  it('taken over from a holder whose lease expired (a crashed import): the re-import replaces its items and lets go', async () => {
    const { s, id, again } = await imported();
    await acquireItemsLease(s, 'crashed-import', Date.now() - 5 * 60_000);
    const report = await again(1_000);
    expect(report).toMatchObject({ updated: 1, unchanged: 2, rejected: 0 });
    expect((await getItem(s, id))?.amounts.spent).toBe('400000.00');
    expect(await readItemsLease(s)).toBeNull();
  });

  it('held live by another import: a re-import waits, then stops with one clear line and replaces nothing', async () => {
    const { s, id, again } = await imported();
    await acquireItemsLease(s, 'other-import', Date.now());
    const entries = (await listEntries(s, 0, 100)).length;
    const started = Date.now();
    const report = await again(1_500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({
        record: '(file)',
        message: expect.stringContaining('another import is running'),
      }),
    ]);
    expect(report).toMatchObject({ updated: 0, rejected: 0 });
    expect((await getItem(s, id))?.amounts.spent).toBe('300000.00');
    expect((await listEntries(s, 0, 100)).length).toBe(entries);
    // The other import's lease is its own to release.
    expect(await readItemsLease(s)).toMatchObject({ holder: 'other-import' });
  });

  it('lost while an import holds it (taken over as if it had expired): the import stops before replacing anything, and says so', async () => {
    const { s, id } = await imported();
    const hold = new ItemsLeaseHold(s, 1_000, 20);
    await hold.hold();
    // Another import takes it over, as it would once the lease ran out (its clock past the end).
    expect(await acquireItemsLease(s, 'next-import', Date.now() + 10 * 60_000)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const report = await importFile(s, new TextEncoder().encode(generateCsv(3, 1)), {
      now: () => AT,
      itemsLease: hold,
    });
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({ record: '(file)', message: expect.stringContaining('lost its lease') }),
    ]);
    expect(report).toMatchObject({ updated: 0 });
    expect((await getItem(s, id))?.amounts.spent).toBe('300000.00');
    // Letting go leaves the new holder's lease alone.
    await hold.release();
    expect(await readItemsLease(s)).toMatchObject({ holder: 'next-import' });
  });

  it('makes the flag job write no item flags while an import holds it, and say it deferred to the import', async () => {
    const s = await createTestStore('lease-flags');
    stores.push(s);
    const single = sampleItem({
      contractor: { name: 'ТОО «Басқа»', bin: '123456789013' },
      tender: { numberOfTenderers: 1 },
    });
    await putItem(s, single);
    await acquireItemsLease(s, 'running-import', Date.now());
    const deferred = await runFlagJob(s, { now: AT });
    expect(deferred).toMatchObject({
      deferredToImport: true,
      changed: { items: 0, summaries: 0, run: false },
    });
    const record = await s.doc.send(
      new GetCommand({ TableName: s.table, Key: { pk: `ITEM#${single.id}`, sk: 'ITEM' } }),
    );
    expect(record.Item?.flags).toBeUndefined();
    // Once the import lets go, its own flag job writes them.
    await releaseItemsLease(s, 'running-import');
    const after = await runFlagJob(s, { now: AT });
    expect(after.deferredToImport).toBeUndefined();
    expect(after.changed.items).toBe(1);
  });
});
