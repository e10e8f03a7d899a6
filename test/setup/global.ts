/**
 * Starts what the connected tests share, once per run: an in-memory DynamoDB Local for the
 * integration and e2e projects, and for e2e the built web app and one Chromium server.
 * Unit-only runs start nothing (unit tests need no network).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { isLoopback } from '../../functions/data/client';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/dynamodb-local';
import { launchBrowserServer } from '../support/browser';
import {
  type DemoCopyPool,
  type DemoKind,
  type DemoTemplates,
  fillDemoCopyPool,
  seedDemoTemplates,
} from '../support/demo-template';
import type { ClaimAnswer, GateAnswer, GateStep } from '../support/e2e-ready';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
    browserWsEndpoint: string;
    /**
     * Where a test waits for the web build and the demo templates (test/support/e2e-ready.ts);
     * undefined when the run has no browser tests.
     */
    e2eGate: string | undefined;
  }
}

/**
 * How many copies of each demo the browser files that write claim (test/support/hub.ts), made ahead
 * in a run that has unit or integration files to run meanwhile. Plain: the shared read-only hub,
 * opendata, signin, sessions; flagged: integrity, no-english. A file beyond these copies its own.
 */
const DEMO_COPIES: Record<DemoKind, number> = { plain: 4, flagged: 2 };

/** The web build, as a child process, so the demo templates are seeded meanwhile. */
function buildWeb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}

/** A promise's outcome as the gate answers it, known the moment it settles. */
function settle(work: Promise<DemoTemplates | undefined>): { answer: () => GateAnswer; done: Promise<void> } {
  let answer: GateAnswer = { state: 'pending' };
  const done = work.then(
    (demoTemplates) => {
      answer = demoTemplates ? { state: 'ready', demoTemplates } : { state: 'ready' };
    },
    (err: unknown) => {
      answer = { state: 'failed', error: String(err) };
    },
  );
  return { answer: () => answer, done };
}

/** A claim's outcome as the gate answers it: the copy's table, or none (also when it failed). */
function settleClaim(work: Promise<string | null>): { answer: () => ClaimAnswer; done: Promise<void> } {
  let answer: ClaimAnswer = { state: 'pending' };
  const done = work.then(
    (table) => {
      answer = table ? { state: 'ready', table } : { state: 'ready' };
    },
    () => {
      answer = { state: 'ready' };
    },
  );
  return { answer: () => answer, done };
}

/**
 * A loopback server answering `GET /plain` and `GET /ready` with the step's outcome once it is
 * settled, and `GET /claim/<kind>?id=…` with a demo copy's table once it is copied; or `pending`
 * after a few seconds (so no client's fetch times out on a slow build).
 */
async function startGate(
  steps: Record<GateStep, ReturnType<typeof settle>>,
  claim: (kind: DemoKind, id: string) => Promise<string | null>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gate');
    const kind = /^\/claim\/(plain|flagged)$/.exec(url.pathname)?.[1] as DemoKind | undefined;
    const id = url.searchParams.get('id');
    const name = url.pathname.slice(1);
    const step = Object.hasOwn(steps, name) ? steps[name as GateStep] : undefined;
    // A claim is asked again under the same id after a `pending`, so it gets the copy it was given.
    const work = kind && id ? settleClaim(claim(kind, id)) : step;
    if (!work) {
      res.writeHead(404).end();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const heldUp = new Promise<void>((r) => {
      timer = setTimeout(r, 5_000);
    });
    void Promise.race([work.done, heldUp]).then(() => {
      clearTimeout(timer);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(work.answer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The projects a run can reach. `vitest run web/src/api.test.ts` configures all three projects, but
 * only a unit file runs: starting Java, building the web app, seeding the demo and launching
 * Chromium for it cost minutes on a busy machine. So path filters on the command line narrow the
 * set; a filter that is not a path (`vitest run thread`) may match anywhere and narrows nothing.
 */
export function reachableProjects(configured: string[], argv: string[]): Set<string> {
  const filters = argv.filter((a) => !a.startsWith('-') && /\.test\.tsx?$|\//.test(a));
  if (filters.length === 0 || filters.length !== argv.filter(isFilterLike).length) return new Set(configured);
  const reach = new Set<string>();
  for (const f of filters.map((x) => x.replace(/^\.\//, ''))) {
    if (f.startsWith('test/e2e')) reach.add('e2e');
    else if (f.startsWith('test/integration')) reach.add('integration');
    else if (/^(shared|functions|web|infra|scripts)\//.test(f)) reach.add('unit').add('unit-isolated');
    else return new Set(configured);
  }
  return new Set(configured.filter((name) => reach.has(name)));
}

/** A positional argument that could be a file filter (not `run`, not a flag or a flag's value we know). */
function isFilterLike(arg: string): boolean {
  return (
    !arg.startsWith('-') && arg !== 'run' && !/^\d+$/.test(arg) && /[\w/.]/.test(arg) && !arg.includes('=')
  );
}

export default async function setup(project: TestProject) {
  const selected = reachableProjects(
    project.vitest.projects.map((p) => p.name),
    process.argv.slice(2).filter((a) => !a.includes('vitest')),
  );
  const needsStore = selected.has('integration') || selected.has('e2e');
  const teardown: Array<() => Promise<void>> = [];
  let endpoint: string | undefined;
  if (needsStore) {
    endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
    if (endpoint) {
      if (!isLoopback(endpoint)) throw new Error(`Tests refuse a non-local DynamoDB endpoint: ${endpoint}`);
    } else {
      const local: LocalDynamo = await startLocalDynamo();
      endpoint = local.endpoint;
      teardown.push(() => local.stop());
    }
    project.provide('ddbEndpoint', endpoint);
  }
  if (selected.has('e2e')) {
    // Most browser files start a hub on the demo: seed it once here, beside the build. Should that
    // fail, each hub seeds its own as before (slower, but no test is lost to it).
    // Neither is awaited here: the browser files run last (after every unit and integration file),
    // so the build and the seeding go on meanwhile, and a test that needs them waits at the gate
    // (test/support/e2e-ready.ts). Awaiting them held up the whole run for their wall time.
    let plainSeeded: (templates: DemoTemplates | undefined) => void = () => undefined;
    const plain = new Promise<DemoTemplates | undefined>((resolve) => {
      plainSeeded = resolve;
    });
    const seeding = seedDemoTemplates(endpoint as string, (t) => plainSeeded(t)).catch((err: unknown) => {
      console.warn(`Demo templates not seeded, each browser hub seeds its own: ${String(err)}`);
      return undefined;
    });
    const templates = seeding.then((seeded) => seeded?.templates);
    // Failed before the plain template was done: there is none to read (a no-op once it was told).
    void templates.then(() => plainSeeded(undefined));
    const built = buildWeb();
    const steps: Record<GateStep, ReturnType<typeof settle>> = {
      plain: settle(plain),
      ready: settle(Promise.all([built, templates]).then(([, t]) => t)),
    };
    // Copies for the hubs, made once the templates are, while the unit and integration files run;
    // in a run of browser files alone there is no such time, and each hub copies its own.
    const pool: Promise<DemoCopyPool | undefined> = [...selected].every((name) => name === 'e2e')
      ? Promise.resolve(undefined)
      : templates.then((t) => (t ? fillDemoCopyPool(endpoint as string, t, DEMO_COPIES) : undefined));
    const claims = new Map<string, Promise<string | null>>();
    const claim = (kind: DemoKind, id: string) => {
      let claimed = claims.get(id);
      if (!claimed) {
        claimed = pool.then((p) => p?.claim(kind) ?? null);
        claims.set(id, claimed);
      }
      return claimed;
    };
    const gate = await startGate(steps, claim);
    project.provide('e2eGate', gate.url);
    // Chromium starts quickly; its endpoint is needed up front.
    const browser = await launchBrowserServer();
    project.provide('browserWsEndpoint', browser.wsEndpoint());
    teardown.push(async () => {
      await Promise.all([steps.plain.done, steps.ready.done]);
      await gate.close();
      await (await pool)?.drop();
      await (await seeding)?.drop();
    });
    teardown.push(() => browser.close());
    // With no unit or integration file to run meanwhile, nothing is gained by not waiting here, and
    // a browser file's beforeAll would spend its hook timeout at the gate.
    if ([...selected].every((name) => name === 'e2e')) await steps.ready.done;
  }
  return async () => {
    for (const t of teardown.reverse()) await t();
  };
}
