import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
