/**
 * Starts what the connected tests share, once per run: an in-memory DynamoDB Local for the
 * integration and e2e projects, and for e2e the built web app and one Chromium server.
 * Unit-only runs start nothing (unit tests need no network).
 */
import { spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { isLoopback } from '../../functions/data/client';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/dynamodb-local';
import { launchBrowserServer } from '../support/browser';
import { type DemoTemplates, seedDemoTemplates } from '../support/demo-template';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
    browserWsEndpoint: string;
    /** The demo seeded once for the browser tests' hubs to copy (test/support/demo-template.ts). */
    demoTemplates: DemoTemplates | undefined;
  }
}

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
    else if (/^(shared|functions|web|infra|scripts)\//.test(f)) reach.add('unit');
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
    const [, seeded, browser] = await Promise.all([
      buildWeb(),
      seedDemoTemplates(endpoint as string).catch((err: unknown) => {
        console.warn(`Demo templates not seeded, each browser hub seeds its own: ${String(err)}`);
        return undefined;
      }),
      launchBrowserServer(),
    ]);
    project.provide('demoTemplates', seeded?.templates);
    if (seeded) teardown.push(() => seeded.drop());
    project.provide('browserWsEndpoint', browser.wsEndpoint());
    teardown.push(() => browser.close());
  }
  return async () => {
    for (const t of teardown.reverse()) await t();
  };
}
