/**
 * The hash-chained audit log on DynamoDB Local: it verifies when untouched, and an entry edited
 * straight in the table (an UpdateItem behind the API's back), a deleted tail or a forked append is
 * caught and the first broken link named.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { AUDIT_PK, appendAudit, verifyChain } from '../../functions/audit/log';
import type { Store } from '../../functions/data/client';
import { refuseTokens } from '../support/fixtures';
import { keyed } from '../support/keyed';
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

const entry = (n: number) => ({
  actorSub: 'official-1',
  action: 'question.answer',
  subject: `QUESTION#${n}`,
  at: new Date(Date.UTC(2026, 2, 20, 7, n)).toISOString(),
  data: { text: `Answer number ${n}`, from: 'in_review', to: 'answered' },
});
const entrySk = (seq: number) => `ENTRY#${String(seq).padStart(12, '0')}`;

async function chainOf(n: number): Promise<Store> {
  const s = await freshStore();
  for (let i = 1; i <= n; i++) await appendAudit(s, entry(i));
  return s;
}

describe('audit chain', () => {
  let store: Store;
  beforeAll(async () => {
    store = await chainOf(4);
  });

  it('links each entry to the hash of the previous one', async () => {
    const s = await freshStore();
    const first = await appendAudit(s, entry(1));
    const second = await appendAudit(s, entry(2));
    expect(second.prev).toBe(first.hash);
    expect(second.seq).toBe(2);
  });

  it('verifies an untouched chain through the public API', async () => {
    const app = keyed(createApp({ store, auth: refuseTokens, now: () => new Date() }));
    const res = await app.request('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, entries: 4 });
  });

  it('detects an answer edited straight in the table and names the entry', async () => {
    const s = await chainOf(4);
    await s.doc.send(
      new UpdateCommand({
        TableName: s.table,
        Key: { pk: AUDIT_PK, sk: entrySk(2) },
        UpdateExpression: 'SET #d.#t = :t',
        ExpressionAttributeNames: { '#d': 'data', '#t': 'text' },
        ExpressionAttributeValues: { ':t': 'A kinder answer written later' },
      }),
    );
    expect(await verifyChain(s)).toEqual({ ok: false, entries: 1, firstBroken: { seq: 2, reason: 'hash' } });
  });

  it('detects an entry whose stored hash was replaced', async () => {
    const s = await chainOf(3);
    await s.doc.send(
      new UpdateCommand({
        TableName: s.table,
        Key: { pk: AUDIT_PK, sk: entrySk(2) },
        UpdateExpression: 'SET #h = :h',
        ExpressionAttributeNames: { '#h': 'hash' },
        ExpressionAttributeValues: { ':h': 'f'.repeat(64) },
      }),
    );
    expect(await verifyChain(s)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
  });

  it('detects a deleted last entry through the chain head', async () => {
    const s = await chainOf(3);
    await s.doc.send(new DeleteCommand({ TableName: s.table, Key: { pk: AUDIT_PK, sk: entrySk(3) } }));
    expect(await verifyChain(s)).toEqual({ ok: false, entries: 2, firstBroken: { seq: 3, reason: 'head' } });
  });

  it('detects a deleted entry in the middle as a gap in the sequence', async () => {
    const s = await chainOf(3);
    await s.doc.send(new DeleteCommand({ TableName: s.table, Key: { pk: AUDIT_PK, sk: entrySk(2) } }));
    expect(await verifyChain(s)).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'sequence' } });
  });

  it('concurrent appends never fork: every entry gets its own sequence number and the chain verifies', async () => {
    const s = await freshStore();
    const entries = await Promise.all(Array.from({ length: 8 }, (_, i) => appendAudit(s, entry(i + 1))));
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verifyChain(s)).toMatchObject({ ok: true, entries: 8 });
  });
});
