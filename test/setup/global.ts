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
 * The projects that have files in this run: `npx vitest run test/integration/x.test.ts` needs no web
 * build, demo templates or Chromium (a minute of CPU on a loaded machine). Reads the run's file
 * filters (Vitest keeps them on the instance but does not type them); when they cannot be read, every
 * configured project counts, as before.
 */
async function projectsInRun(project: TestProject): Promise<Set<string>> {
  const all = new Set(project.vitest.projects.map((p) => p.name));
  try {
    const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
    if (!filters?.length) return all;
    const specs = await project.vitest.getRelevantTestSpecifications(filters);
    return specs.length > 0 ? new Set(specs.map((s) => s.project.name)) : all;
  } catch {
    return all;
  }
}

export default async function setup(project: TestProject) {
  const selected = await projectsInRun(project);
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
