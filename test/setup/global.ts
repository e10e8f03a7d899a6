/**
 * Starts what the connected tests share, once per run: an in-memory DynamoDB Local for the
 * integration and e2e projects, and for e2e the built web app and one Chromium server.
 * Unit-only runs start nothing (unit tests need no network).
 */
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { isLoopback } from '../../functions/data/client';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/dynamodb-local';
import { launchBrowserServer } from '../support/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
    browserWsEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const selected = new Set(project.vitest.projects.map((p) => p.name));
  const needsStore = selected.has('integration') || selected.has('e2e');
  const teardown: Array<() => Promise<void>> = [];
  if (needsStore) {
    let endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
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
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
    const browser = await launchBrowserServer();
    project.provide('browserWsEndpoint', browser.wsEndpoint());
    teardown.push(() => browser.close());
  }
  return async () => {
    for (const t of teardown.reverse()) await t();
  };
}
