import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../functions/data/client';
import { ensureTable } from '../../functions/data/table';
import { JIT_OPTIONS, startLocalDynamo } from '../../functions/local/dynamodb-local';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded DynamoDB Local', () => {
  it('dies with its parent even when the parent is killed with SIGKILL', async () => {
    const script = fileURLToPath(new URL('../support/start-dynamo-child.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const javaPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /java-pid (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`child exited before starting DynamoDB Local: ${out}`)));
    });
    expect(alive(javaPid)).toBe(true);
    child.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (alive(javaPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(javaPid)).toBe(false);
  });
});

describe('the JVM of the embedded store', () => {
  it('compiles with the client compiler only, and leaves this process’s environment as it was', async () => {
    const before = process.env.JDK_JAVA_OPTIONS;
    const local = await startLocalDynamo();
    try {
      // The launcher reads JDK_JAVA_OPTIONS from the environment Java was started with.
      const environ = (await readFile(`/proc/${local.pid}/environ`, 'utf8')).split('\0');
      expect(environ).toContain(`JDK_JAVA_OPTIONS=${before ? `${JIT_OPTIONS} ${before}` : JIT_OPTIONS}`);
      expect(process.env.JDK_JAVA_OPTIONS).toBe(before);
    } finally {
      await local.stop();
    }
  });
});

describe('the self-healing embedded store of `npm start`', () => {
  it('comes back on the same endpoint with the same data after Java is killed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'obm-selfheal-'));
    const messages: string[] = [];
    const local = await startLocalDynamo({ dataDir, selfHeal: true, log: (m) => messages.push(m) });
    const store = createStore({ endpoint: local.endpoint, table: 'selfheal', timeoutMs: 2000 });
    try {
      await ensureTable(store.raw, store.table);
      const Item = { pk: 'ITEM#kept', sk: 'ITEM', title: 'survives a crash' };
      await store.doc.send(new PutCommand({ TableName: store.table, Item }));
      const firstPid = local.pid;
      process.kill(firstPid, 'SIGKILL');
      const deadline = Date.now() + 150_000;
      while (local.restarts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(local.restarts).toBe(1);
      expect(local.pid).not.toBe(firstPid);
      const back = await store.doc.send(
        new GetCommand({ TableName: store.table, Key: { pk: Item.pk, sk: Item.sk } }),
      );
      expect(back.Item).toEqual(Item);
      expect(messages.join('\n')).toMatch(/restarting it on port \d+[\s\S]*is back on port/);
    } finally {
      store.raw.destroy();
      await local.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
