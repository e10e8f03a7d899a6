import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConditionFailedError, runTransaction, type TransactOp } from './transaction';

const OPS: TransactOp[] = [{ Put: { TableName: 't', Item: { pk: 'A', sk: 'A' } } }];

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

/** A document client that answers each send with the next outcome (an error is thrown). */
function fakeStore(outcomes: unknown[]) {
  const sent: TransactWriteCommand[] = [];
  const doc = {
    send: async (command: TransactWriteCommand) => {
      sent.push(command);
      const next = outcomes.shift();
      if (next instanceof Error) throw next;
      return {};
    },
  };
  return { store: { doc } as never, sent };
}

const noPause = { sleep: async () => {}, random: () => 0.5 };

describe('runTransaction', () => {
  it('retries a TransactionConflict with the same ClientRequestToken until it applies', async () => {
    const { store, sent } = fakeStore([
      cancelled('None', 'TransactionConflict'),
      cancelled('TransactionConflict'),
      'ok',
    ]);
    await runTransaction(store, OPS, noPause);
    expect(sent).toHaveLength(3);
    const tokens = new Set(sent.map((c) => c.input.ClientRequestToken));
    expect(tokens.size).toBe(1);
  });

  it('uses the caller’s token when given one', async () => {
    const { store, sent } = fakeStore(['ok']);
    await runTransaction(store, OPS, { ...noPause, token: 'tok-1' });
    expect(sent[0]?.input.ClientRequestToken).toBe('tok-1');
  });

  it('retries throttling (a throttled cancellation and a ThrottlingException)', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    const { store, sent } = fakeStore([cancelled('ThrottlingError'), throttled, 'ok']);
    await runTransaction(store, OPS, noPause);
    expect(sent).toHaveLength(3);
  });

  it('never retries a refused condition and says which operations were refused', async () => {
    const { store, sent } = fakeStore([
      cancelled('None', 'ConditionalCheckFailed', 'TransactionConflict', 'ConditionalCheckFailed'),
    ]);
    const err = await runTransaction(store, OPS, noPause).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionFailedError);
    expect((err as ConditionFailedError).index).toBe(1);
    expect((err as ConditionFailedError).indexes).toEqual([1, 3]);
    expect(sent).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { store, sent } = fakeStore([
      cancelled('TransactionConflict'),
      cancelled('TransactionConflict'),
      'ok',
    ]);
    await expect(runTransaction(store, OPS, { ...noPause, maxAttempts: 2 })).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
    expect(sent).toHaveLength(2);
  });

  it('does not retry an error that is not DynamoDB’s "try again"', async () => {
    const { store, sent } = fakeStore([Object.assign(new Error('bad'), { name: 'ValidationException' })]);
    await expect(runTransaction(store, OPS, noPause)).rejects.toThrow('bad');
    expect(sent).toHaveLength(1);
  });

  it('pauses a jittered, growing time between attempts', async () => {
    const pauses: number[] = [];
    const { store } = fakeStore([cancelled('TransactionConflict'), cancelled('TransactionConflict'), 'ok']);
    await runTransaction(store, OPS, { sleep: async (ms) => void pauses.push(ms), random: () => 0.5 });
    expect(pauses).toEqual([25, 50]); // half of 25·2^1 and of 25·2^2
  });
});

describe('one retry policy', () => {
  it('only the runner sends a TransactWriteItems (the audit chain moves its head by its own rule)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const root = new URL('../', import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const senders: string[] = [];
    for (const f of files)
      if (/new TransactWriteCommand\(/.test(await readFile(new URL(f, root), 'utf8'))) senders.push(f);
    expect(senders.sort()).toEqual(['audit/chain.ts', 'data/transaction.ts']);
  });
});
