// The AWS SDK nags on Node 20 in every process; Node 20 is a supported target here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { defineConfig } from 'vitest/config';
import { messagesPlugin } from './web/build/messages';

/**
 * Unit files that change what other files would see in a shared worker (a module mock, a stubbed
 * global, process.env written at import): each runs in a fresh module graph, as every unit file did.
 */
const UNIT_ISOLATED = ['functions/api/lambda.test.ts', 'web/src/i18n.lazy.test.ts', 'web/src/api.test.ts'];

/** Integration files that write process.env (the cloud app reads its secret at import): isolated. */
const INTEGRATION_ISOLATED = ['test/integration/auth-local-issuer.test.ts'];

// One DynamoDB Local and one browser per run, started by the root global setup and shared by
// every test file through `inject` (each file makes its own table).
export default defineConfig({
  test: {
    globalSetup: ['./test/setup/global.ts'],
    // Vitest's default on a 2-core machine is one worker (cores - 1), which runs every file in turn
    // while the browser tests mostly wait on Chromium and DynamoDB Local (processes of their own).
    // Two workers let unit and integration files use that wait; browser files stay one at a time.
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        // The web's `virtual:messages` (compiled UI text catalogues) resolves in unit tests too.
        plugins: [messagesPlugin(undefined, { eager: true })],
        test: {
          name: 'unit',
          include: ['{shared,functions,web,infra,scripts}/**/*.test.ts'],
          exclude: [...UNIT_ISOLATED, '**/node_modules/**'],
          // A worker keeps its imports from one unit file to the next: importing the app, zod, the
          // AWS SDK and the CDK afresh for each of ~100 files was most of the unit project's time
          // (shared/ alone: 103 s isolated, 34 s not, back to back on the loaded machine). Files
          // that mock a module, stub a global or write process.env run isolated (below).
          isolate: false,
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      },
      {
        plugins: [messagesPlugin(undefined, { eager: true })],
        test: {
          name: 'unit-isolated',
          include: UNIT_ISOLATED,
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: [...INTEGRATION_ISOLATED, '**/node_modules/**'],
          // Every integration file runs here, two at a time, before the browser files. Not beside
          // them: a group's worker count is its projects' one, and the browser project's is 1
          // (fileParallelism: false), so a project put in the browser files' group ran after them
          // in the same single worker (stop 35's run: 188 s of integration files after the last
          // browser file) instead of on the idle second core.
          // A worker keeps its imports from one file to the next, as the unit project's do: the app,
          // the AWS SDK and zod imported afresh for each of ~60 files cost more CPU than most files'
          // tests on this 2-core machine (18 files, back to back on a loaded machine: 63 s wall and
          // 44 s of CPU isolated, 39 s and 23 s not). Each file makes its own table and closes it
          // (test/support/store.ts); files that write process.env run isolated (below).
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      },
      {
        test: {
          name: 'integration-isolated',
          include: INTEGRATION_ISOLATED,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          // A hub's beforeAll seeds the realistic demo: ~330 records plus the questions' history
          // written one audited step at a time through the single audit chain. On a shared
          // DynamoDB Local under load that measured 90-125 s, so 120 s was not enough.
          hookTimeout: 300_000,
          // Browser tests share two cores with DynamoDB Local and Chromium: one file at a time.
          fileParallelism: false,
          // One worker runs every browser file in turn, so it need not import the app, the AWS SDK
          // and Playwright afresh for each (7-11 s a file on a loaded machine). Each file still starts
          // its own hub on its own table and port and closes it in afterAll; no file mocks a module
          // or writes process.env. Vitest runs a non-isolated project in a group of its own, after
          // the unit and integration files, as it ran the sequential browser files before.
          isolate: false,
          sequence: { groupOrder: 1 },
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      },
    ],
  },
});
