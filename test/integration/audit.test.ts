/**
 * Audit chain v2 on DynamoDB Local: the genesis carries the v1 head, actors are pseudonyms, batches
 * hold ≤ MAX_BATCH records, concurrent appends stay one chain; a record rewritten behind the API's back is
 * named by the record check, and a rewritten tail (head included) is caught against a published head.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import {
  type AuditEntryV2,
  actorHash,
  appendAuditBatch,
  appendAuditBatches,
  appendAuditEntry,
  CHAIN_PK,
  entryHash,
  entrySk,
  listEntries,
  MAX_BATCH,
  pointerPk,
  readPointer,
} from '../../functions/audit/chain';
import { fileHeadStore } from '../../functions/audit/heads';
import { GENESIS as V1_GENESIS, entryHash as v1EntryHash } from '../../functions/audit/log';
import { itemAuditRecord } from '../../functions/audit/records';
import { runDailyCheck, verifyFull, verifyRecord } from '../../functions/audit/verify';
import { createStore, type Store } from '../../functions/data/client';
import { getItem, putItem } from '../../functions/data/items';
import { stableItemId } from '../../functions/opendata/ids';
import type { PhaseClock } from '../../functions/phase-clock';
import { answerQuestion, raiseQuestion } from '../../functions/services/questions';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const stores: Store[] = [];
async function freshStore(): Promise<Store> {
  const s = await createTestStore('audit');
  stores.push(s);
  return s;
}
afterAll(() => {
  for (const s of stores) s.raw.destroy();
});

const AT = '2026-03-20T07:00:00.000Z';
const citizen = { sub: 'citizen-sub-1', name: 'Aigerim', roles: ['citizen'], bodies: [] } as never;
const official = {
  sub: 'official-sub-1',
  name: 'Roads Official',
  roles: ['official'],
  bodies: ['zha-roads'],
} as never;

async function itemsIn(store: Store, n: number) {
  const items = Array.from({ length: n }, () => sampleItem());
  for (const i of items) await putItem(store, i);
  return items;
}

async function answeredQuestion(store: Store) {
  const [item] = await itemsIn(store, 1);
  const clock = { now: new Date(AT) };
  const q = await raiseQuestion(store, item!, citizen, { text: 'Why did the repair stop in March?' }, clock);
  return answerQuestion(store, q, official, 'The contractor resumes on 1 April.', clock);
}

/** Writes a v1 chain of `n` entries by hand, as a deployment from before v2 holds it. */
async function writeV1History(s: Store, n: number): Promise<void> {
  let prev = V1_GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      prev,
      at: AT,
      actorSub: null,
      action: 'question.raise',
      subject: `QUESTION#${seq}`,
      data: {},
    };
    const hash = v1EntryHash(content);
    await s.doc.send(
      new PutCommand({
        TableName: s.table,
        Item: { pk: 'AUDIT#CHAIN', sk: `ENTRY#${String(seq).padStart(12, '0')}`, ...content, hash },
      }),
    );
    prev = hash;
  }
  await s.doc.send(
    new PutCommand({ TableName: s.table, Item: { pk: 'AUDIT#CHAIN', sk: 'HEAD', seq: n, hash: prev } }),
  );
}

describe('the frozen v1 history', () => {
  it('is verified link by link under the v2 genesis: an edited v1 entry breaks the chain at its genesis', async () => {
    const s = await freshStore();
    await writeV1History(s, 3);
    const [item] = await itemsIn(s, 1);
    await appendAuditEntry(s, {
      actorSub: null,
      action: 'item.update',
      at: AT,
      record: itemAuditRecord(item!),
    });
    expect((await verifyFull(s, null, new Date(AT))).chain).toBeNull();
    await s.doc.send(
      new UpdateCommand({
        TableName: s.table,
        Key: { pk: 'AUDIT#CHAIN', sk: `ENTRY#${String(2).padStart(12, '0')}` },
        UpdateExpression: 'SET #d = :d',
        ExpressionAttributeNames: { '#d': 'data' },
        ExpressionAttributeValues: { ':d': { answer: 'rewritten' } },
      }),
    );
    expect((await verifyFull(s, null, new Date(AT))).chain).toEqual({ seq: 1, reason: 'genesis' });
  });
});

describe('chain v2 entries', () => {
  it('starts with a genesis entry holding the v1 head hash', async () => {
    const s = await freshStore();
    const v1Head = 'ab'.repeat(32);
    await s.doc.send(
      new PutCommand({ TableName: s.table, Item: { pk: 'AUDIT#CHAIN', sk: 'HEAD', seq: 7, hash: v1Head } }),
    );
    const [item] = await itemsIn(s, 1);
    await appendAuditEntry(s, {
      actorSub: null,
      action: 'item.update',
      at: AT,
      record: itemAuditRecord(item!),
    });
    const [genesis, first] = await listEntries(s, 0, 10);
    expect(genesis).toMatchObject({ seq: 1, type: 'genesis', v1Head, prev: '0'.repeat(64), records: [] });
    expect(first).toMatchObject({ seq: 2, prev: genesis!.hash, type: 'change' });
  });

  it('records the actor as an HMAC of the account id, never the id', async () => {
    const s = await freshStore();
    await answeredQuestion(s);
    const entries = await listEntries(s, 0, 10);
    expect(entries.map((e) => e.action)).toEqual(['audit.genesis', 'question.raise', 'question.answer']);
    expect(entries[2]!.actor).toBe(actorHash('official-sub-1'));
    expect(entries[2]!.actor).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(entries)).not.toMatch(/citizen-sub-1|official-sub-1/);
  });

  it('names the record changed by kind and key with the digest of its public fields', async () => {
    const s = await freshStore();
    const q = await answeredQuestion(s);
    const last = (await listEntries(s, 0, 10)).at(-1)!;
    expect(last.records).toEqual([
      {
        kind: 'question',
        key: `question/${q.itemId}/${q.id}`,
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(await verifyRecord(s, `question/${q.itemId}/${q.id}`)).toMatchObject({ ok: true, seq: last.seq });
  });

  it('appends a bulk job as entries of at most MAX_BATCH records, each record checkable', async () => {
    const s = await freshStore();
    const items = Array.from({ length: MAX_BATCH + 30 }, () => sampleItem());
    const checked = items[MAX_BATCH + 20]!;
    await putItem(s, checked);
    const entries = await appendAuditBatches(s, {
      actorSub: null,
      action: 'import.items',
      at: AT,
      records: items.map(itemAuditRecord),
    });
    expect(entries.map((e) => e.records.length)).toEqual([MAX_BATCH, 30]);
    expect(entries.every((e) => e.type === 'batch')).toBe(true);
    expect(await verifyRecord(s, `item/${checked.id}`)).toMatchObject({ ok: true, seq: entries[1]!.seq });
    await expect(
      appendAuditBatch(s, {
        actorSub: null,
        action: 'x',
        at: AT,
        records: items.slice(0, MAX_BATCH + 1).map(itemAuditRecord),
      }),
    ).rejects.toThrow(RangeError);
  }, 120_000);

  it('keeps concurrent appends on one chain', async () => {
    const s = await freshStore();
    const items = await itemsIn(s, 10);
    const appended = await Promise.all(
      items.map((i) =>
        appendAuditEntry(s, { actorSub: 'u', action: 'item.update', at: AT, record: itemAuditRecord(i) }),
      ),
    );
    expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({ ok: true, entries: 11, records: 10 });
  }, 90_000);
});

describe('appending under load', () => {
  /** Counts the transactions a store sends (each append is one, unless it lost a race and retried). */
  function countTransactions(store: Store): () => number {
    let n = 0;
    const send = store.doc.send.bind(store.doc);
    store.doc.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
      if (command.constructor.name === 'TransactWriteCommand') n++;
      return (send as (...a: unknown[]) => unknown)(command, ...rest);
    }) as typeof store.doc.send;
    return () => n;
  }

  it('queues a burst from one process so every append commits at its first try', async () => {
    const s = await freshStore();
    const [item] = await itemsIn(s, 1);
    await appendAuditEntry(s, {
      actorSub: 'u',
      action: 'item.update',
      at: AT,
      record: itemAuditRecord(item!),
    });
    const transactions = countTransactions(s);
    const burst = await Promise.all(
      Array.from({ length: 60 }, () =>
        appendAuditEntry(s, { actorSub: 'u', action: 'item.update', at: AT, record: itemAuditRecord(item!) }),
      ),
    );
    expect(new Set(burst.map((e) => e.seq)).size).toBe(60);
    expect(transactions()).toBe(60);
  }, 90_000);

  it('re-reads the head when another process moved it since this one last appended', async () => {
    const s = await freshStore();
    const other = createStore({ endpoint: inject('ddbEndpoint'), table: s.table, timeoutMs: 10_000 });
    const [item] = await itemsIn(s, 1);
    const record = itemAuditRecord(item!);
    await appendAuditEntry(s, { actorSub: 'u', action: 'item.update', at: AT, record });
    await appendAuditEntry(other, { actorSub: 'u', action: 'item.update', at: AT, record });
    const third = await appendAuditEntry(s, { actorSub: 'u', action: 'item.update', at: AT, record });
    other.raw.destroy();
    expect(third.seq).toBe(4);
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({ ok: true, entries: 4 });
  }, 90_000);
});

describe('checking records and the chain', () => {
  it('names an answer rewritten directly in its question record', async () => {
    const s = await freshStore();
    const q = await answeredQuestion(s);
    const key = `question/${q.itemId}/${q.id}`;
    const app = createApp({ store: s, auth: refuseTokens, now: () => new Date(AT) });
    const before = await app.request(`/api/audit/verify?record=${encodeURIComponent(key)}`);
    expect(await before.json()).toMatchObject({ ok: true, record: key });

    await s.doc.send(
      new UpdateCommand({
        TableName: s.table,
        Key: { pk: `ITEM#${q.itemId}`, sk: `QUESTION#${q.id}` },
        UpdateExpression: 'SET answers[0].#t = :t',
        ExpressionAttributeNames: { '#t': 'text' },
        ExpressionAttributeValues: { ':t': 'A kinder answer written later' },
      }),
    );
    const after = await app.request(`/api/audit/verify?record=${encodeURIComponent(key)}`);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ ok: false, record: key, reason: 'digest' });
    const full = await verifyFull(s, null, new Date(AT));
    expect(full).toMatchObject({
      ok: false,
      chain: null,
      records_failed: [{ record: key, reason: 'digest' }],
    });
  });

  it('names a record whose pointer stayed behind its latest entry, or names a digest its entry does not', async () => {
    const s = await freshStore();
    const q = await answeredQuestion(s);
    const key = `question/${q.itemId}/${q.id}`;
    const [raised, answered] = (await listEntries(s, 0, 100)).filter((e) =>
      e.records.some((r) => r.key === key),
    );
    const setPointer = (seq: number, digest: string) =>
      s.doc.send(
        new UpdateCommand({
          TableName: s.table,
          Key: { pk: pointerPk(key), sk: 'LATEST' },
          UpdateExpression: 'SET seq = :seq, digest = :d',
          ExpressionAttributeValues: { ':seq': seq, ':d': digest },
        }),
      );
    // A crashed batch leaves the pointer on the raise while the answer's entry names the record:
    // against the entry its pointer names, the answered question differs.
    await setPointer(raised!.seq, raised!.records.find((r) => r.key === key)!.digest);
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({
      ok: false,
      chain: null,
      records_failed: [{ record: key, reason: 'digest', seq: raised!.seq }],
    });
    await setPointer(answered!.seq, 'f'.repeat(64));
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({
      ok: false,
      chain: null,
      records_failed: [{ record: key, reason: 'entry', seq: answered!.seq }],
    });
  });

  it('refuses a record key of no audited kind with 400', async () => {
    const s = await freshStore();
    const app = createApp({ store: s, auth: refuseTokens, now: () => new Date(AT) });
    expect((await app.request('/api/audit/verify?record=nothing/abc')).status).toBe(400);
    expect((await app.request('/api/audit/verify?record=%2F%2F')).status).toBe(400);
  });

  it('detects an entry edited in the table and names its seq', async () => {
    const s = await freshStore();
    await answeredQuestion(s);
    await s.doc.send(
      new UpdateCommand({
        TableName: s.table,
        Key: { pk: CHAIN_PK, sk: entrySk(2) },
        UpdateExpression: 'SET #a = :a',
        ExpressionAttributeNames: { '#a': 'action' },
        ExpressionAttributeValues: { ':a': 'question.withdraw' },
      }),
    );
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({
      ok: false,
      chain: { seq: 2, reason: 'hash' },
    });
  });

  it('catches a rewritten tail, head included, against an earlier published head', async () => {
    const s = await freshStore();
    const heads = fileHeadStore(await mkdtemp(join(tmpdir(), 'audit-heads-')));
    const q = await answeredQuestion(s);
    const published = await runDailyCheck(s, heads, new Date(AT), '2026-03-20');
    expect(published).toMatchObject({ ok: true, entries: 3 });
    expect(await heads.list()).toEqual([expect.objectContaining({ on: '2026-03-20', seq: 3 })]);

    // Rewrite entry 3 (the answer) and relink it consistently, head included: the chain alone holds.
    const [, , third] = await listEntries(s, 0, 10);
    const forged: AuditEntryV2 = { ...third!, action: 'question.review' };
    forged.hash = entryHash(forged);
    await s.doc.send(
      new PutCommand({ TableName: s.table, Item: { pk: CHAIN_PK, sk: entrySk(3), ...forged } }),
    );
    await s.doc.send(
      new PutCommand({ TableName: s.table, Item: { pk: CHAIN_PK, sk: 'HEAD', seq: 3, hash: forged.hash } }),
    );
    expect((await verifyFull(s, null, new Date(AT))).chain).toBeNull();

    const report = await verifyFull(s, heads, new Date(AT));
    expect(report).toMatchObject({
      ok: false,
      chain: { seq: 3, reason: 'published_head', publishedOn: '2026-03-20' },
      heads_failed: [{ seq: 3, publishedOn: '2026-03-20' }],
    });
    expect(q.id).toBeTruthy();
  });

  it('serves the last full report, and 404 before any check ran', async () => {
    const s = await freshStore();
    const app = createApp({ store: s, auth: refuseTokens, now: () => new Date(AT) });
    expect((await app.request('/api/audit/verify')).status).toBe(404);
    await answeredQuestion(s);
    await runDailyCheck(s, null, new Date(AT), '2026-03-20');
    const res = await app.request('/api/audit/verify');
    expect(await res.json()).toMatchObject({ ok: true, entries: 3, records: 1 });
  });

  it('exports entries after a sequence number as JSON Lines', async () => {
    const s = await freshStore();
    await answeredQuestion(s);
    const app = createApp({ store: s, auth: refuseTokens, now: () => new Date(AT) });
    const res = await app.request('/api/audit/entries?after=1');
    expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntryV2);
    expect(lines.map((e) => e.seq)).toEqual([2, 3]);
    expect(lines.every((e) => entryHash(e) === e.hash)).toBe(true);
  });
});

/** A fresh store with the Russian budget file imported: its first chain entry and an item it names. */
async function importedItem() {
  const s = await freshStore();
  const { importFile } = await import('../../functions/services/import');
  const csv = readFileSync(join(import.meta.dirname, '../fixtures/opendata/budget-ru.csv'));
  await importFile(s, csv, { now: () => new Date(AT), actorSub: 'admin-sub-1' });
  const [entry] = (await listEntries(s, 0, 100)).filter((e) => e.action === 'import.items');
  return { s, entry: entry!, key: entry!.records.find((r) => r.key.startsWith('item/'))!.key };
}

/**
 * Three generated budget rows imported; `reimport(official)` imports them again with the first row's
 * spent raised, calling `official(n)` just after the import's nth read-back of stored items (the
 * first before it takes the items lease, a second one, if any, under it).
 */
async function importedThenChanged() {
  const s = await freshStore();
  const { importFile } = await import('../../functions/services/import');
  const { generateCsv } = await import('../../scripts/bench-import');
  const bytes = (changed: number) => new TextEncoder().encode(generateCsv(3, changed));
  await importFile(s, bytes(0), { now: () => new Date(AT), actorSub: 'admin-sub-1' });
  const id = stableItemId('csv', 'B-0');
  const reimport = async (official: (read: number) => Promise<void>) => {
    let reads = 0;
    const clock: PhaseClock = {
      timeSync: (_phase, work) => work(),
      async time(phase, work) {
        const result = await work();
        if (phase === 'read-back: stored items') await official(++reads);
        return result;
      },
    };
    return importFile(s, bytes(1), { now: () => new Date(AT), actorSub: 'admin-sub-1', clock });
  };
  return { s, id, reimport };
}

describe('every public change is on the chain', () => {
  it('an import writes its items as batch entries, each item checkable', async () => {
    const s = await freshStore();
    const { importFile } = await import('../../functions/services/import');
    const csv = readFileSync(join(import.meta.dirname, '../fixtures/opendata/budget-ru.csv'));
    const report = await importFile(s, csv, { now: () => new Date(AT), actorSub: 'admin-sub-1' });
    expect(report.created).toBeGreaterThan(0);
    const entries = (await listEntries(s, 0, 100)).filter((e) => e.action === 'import.items');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.type === 'batch' && e.records.length <= MAX_BATCH)).toBe(true);
    expect(entries[0]!.actor).toBe(actorHash('admin-sub-1'));
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({ ok: true, records: report.created });
  });

  it('an imported item is checkable by the entry number it carries, with no pointer record of its own', async () => {
    const { s, entry, key } = await importedItem();
    expect(await readPointer(s, key)).toBeNull();
    expect(await verifyRecord(s, key)).toMatchObject({ ok: true, seq: entry.seq });
  });

  it('an imported item changed in the table fails its check, though it carries its entry number', async () => {
    const { s, key } = await importedItem();
    await s.doc.send(
      new UpdateCommand({
        TableName: s.table,
        Key: { pk: `ITEM#${key.slice('item/'.length)}`, sk: 'ITEM' },
        UpdateExpression: 'SET spentTiyn = spentTiyn + :one',
        ExpressionAttributeValues: { ':one': 100 },
      }),
    );
    expect(await verifyRecord(s, key)).toMatchObject({ ok: false, reason: 'digest' });
    expect((await verifyFull(s, null, new Date(AT))).records_failed).toEqual([
      expect.objectContaining({ record: key }),
    ]);
  });

  it("a re-import's read-back from before it held the items lease is planned again: the official's update that landed in between is kept, and the chain matches what is stored", async () => {
    const { postProgressUpdate } = await import('../../functions/services/progress-updates');
    const { s, id, reimport } = await importedThenChanged();
    const report = await reimport(async (read) => {
      if (read === 1)
        await postProgressUpdate(s, id, official, { status: 'suspended' }, { now: new Date(AT) });
    });
    expect(report).toMatchObject({ updated: 1, unchanged: 2, rejected: 0 });
    // The import's spent and the official's status, each on the chain.
    expect(await getItem(s, id)).toMatchObject({ status: 'suspended', amounts: { spent: '400000.00' } });
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({ ok: true, records_failed: [] });
  }, 120_000);

  it("an official's update while a re-import holds the items lease is refused whole, and lands on the imported item after it", async () => {
    const { ItemImportRunningError, postProgressUpdate } = await import(
      '../../functions/services/progress-updates'
    );
    const { s, id, reimport } = await importedThenChanged();
    const refused: unknown[] = [];
    const report = await reimport(async (read) => {
      // The second read-back is the plan again under the lease.
      if (read === 2)
        refused.push(
          await postProgressUpdate(s, id, official, { status: 'suspended' }, { now: new Date(AT) }).catch(
            (err: unknown) => err,
          ),
        );
    });
    expect(report).toMatchObject({ updated: 1, unchanged: 2, rejected: 0 });
    expect(refused).toEqual([expect.any(ItemImportRunningError)]);
    expect(await getItem(s, id)).toMatchObject({ status: 'in_progress', amounts: { spent: '400000.00' } });
    await postProgressUpdate(s, id, official, { status: 'suspended' }, { now: new Date(AT) });
    expect(await getItem(s, id)).toMatchObject({ status: 'suspended', amounts: { spent: '400000.00' } });
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({ ok: true, records_failed: [] });
  }, 120_000);

  it('a re-import replacing every item under the lease writes them without conditions, and the full check passes', async () => {
    const s = await freshStore();
    const { importFile } = await import('../../functions/services/import');
    const { generateCsv } = await import('../../scripts/bench-import');
    const rows = 250;
    await importFile(s, new TextEncoder().encode(generateCsv(rows, 0)), { now: () => new Date(AT) });
    const sent: string[] = [];
    const send = s.doc.send.bind(s.doc);
    s.doc.send = ((command: { constructor: { name: string }; input: unknown }) => {
      if (JSON.stringify(command.input).includes('"ITEM#')) sent.push(command.constructor.name);
      return send(command as never);
    }) as typeof s.doc.send;
    const report = await importFile(s, new TextEncoder().encode(generateCsv(rows, rows)), {
      now: () => new Date(AT),
    });
    s.doc.send = send;
    expect(report).toMatchObject({ updated: rows, rejected: 0 });
    expect(sent.filter((name) => name !== 'BatchGetCommand')).toEqual(
      Array.from({ length: rows / 25 }, () => 'BatchWriteCommand'),
    );
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({ ok: true, records_failed: [] });
  }, 120_000);

  it('a role grant appends an entry naming neither the admin nor the user', async () => {
    const s = await freshStore();
    const { changeGrant } = await import('../../functions/data/users');
    const admin = { sub: 'admin-sub-1', name: 'Admin' };
    const change = await changeGrant(s, {
      sub: 'user-sub-9',
      grant: { role: 'official' },
      revoke: false,
      actor: admin,
      at: new Date(AT),
    });
    expect(await verifyRecord(s, `grant/${change.id}`)).toMatchObject({ ok: true });
    const entries = await listEntries(s, 0, 100);
    expect(entries.at(-1)).toMatchObject({ action: 'role.grant', actor: actorHash('admin-sub-1') });
    expect(JSON.stringify(entries)).not.toMatch(/user-sub-9|admin-sub-1/);
    expect(await verifyFull(s, null, new Date(AT))).toMatchObject({ ok: true });
  });

  it('a moderator hiding a comment appends an entry; restoring it behind the API is caught', async () => {
    const s = await freshStore();
    const { postComment } = await import('../../functions/services/comments');
    const { decide } = await import('../../functions/services/moderation');
    const [item] = await itemsIn(s, 1);
    const comment = await postComment(
      s,
      { itemId: item!.id, author: { sub: 'author-1', name: 'A' }, body: 'Spam spam', attachments: [] },
      new Date(AT),
    );
    await decide(
      s,
      comment,
      { action: 'hide', reason: 'spam', note: '' },
      { sub: 'mod-1', name: 'Mod' },
      new Date(AT),
    );
    const key = `moderation/${comment.id}`;
    expect(await verifyRecord(s, key)).toMatchObject({ ok: true });
    await s.doc.send(
      new UpdateCommand({
        TableName: s.table,
        Key: { pk: comment.pk, sk: comment.sk },
        UpdateExpression: 'SET visibility = :v',
        ExpressionAttributeValues: { ':v': 'visible' },
      }),
    );
    expect(await verifyRecord(s, key)).toMatchObject({ ok: false, reason: 'digest' });
  });
});
