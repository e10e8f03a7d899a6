/**
 * A whole hub for browser tests: a fresh table on the run's DynamoDB Local, the demo data, and the
 * local server (API + built web app) on a free port. One per e2e test file.
 */
import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { AppDeps } from '../../functions/api/env';
import { localAuthDeps } from '../../functions/auth/local';
import { generateSigningKey } from '../../functions/auth/local-issuer';
import { createLocalBlobStore } from '../../functions/blobs/local';
import type { Store } from '../../functions/data/client';
import { seedDemoIfEmpty } from '../../functions/demo/seed';
import { type LocalFeed, startLocalFeed } from '../../functions/feed/local';
import { freePort } from '../../functions/local/dynamodb-local';
import { createLocalApp, listen } from '../../functions/local/server';
import { almatyDate } from '../../shared/dates';
import { copyDemo, type DemoKind } from './demo-template';
import { claimDemoCopy, e2eReady } from './e2e-ready';
import { refuseTokens } from './fixtures';
import { createTestStore, openTestStore } from './store';

export interface TestHub {
  baseUrl: string;
  store: Store;
  /** The map feed following the table's stream; `await hub.feed.refresh()` after a write makes it current. */
  feed: LocalFeed;
  /** Which demo the table holds (none with `seed: false`). */
  demo: DemoKind | 'none';
  stop(): Promise<void>;
}

export async function startTestHub(
  opts: {
    seed?: boolean;
    /**
     * With `flagged`, the demo as after the nightly flag job, when the run's template has it; the
     * hub's `demo` says which it got (without a usable template the plain demo is seeded here).
     */
    demo?: DemoKind;
    /** Extra dependencies; a function gets the hub's base URL (e.g. for an OAuth redirect URI). */
    deps?: Partial<AppDeps> | ((baseUrl: string) => Partial<AppDeps>);
    /** Run the local token issuer and its sign-in page with the demo users, as `npm start` does. */
    localSignIn?: boolean;
  } = {},
): Promise<TestHub> {
  // The hub serves the web build, which the global setup may still be making (as the templates).
  const { demoTemplates } = await e2eReady();
  const wanted = opts.seed === false ? undefined : (opts.demo ?? 'plain');
  // A copy made ahead by the global setup, when one is left and is of today's demo (as the templates).
  const ahead = wanted && demoTemplates?.day === almatyDate() ? await claimDemoCopy(wanted) : undefined;
  const store = ahead ? openTestStore(ahead) : await createTestStore('e2e');
  let demo: TestHub['demo'] = ahead && wanted ? wanted : 'none';
  if (wanted && !ahead) {
    // A copy of the run's seeded template (test/support/demo-template.ts); seeded here only without one.
    if (await copyDemo(store, wanted, demoTemplates, inject('ddbEndpoint'))) demo = wanted;
    else {
      await seedDemoIfEmpty(store);
      demo = 'plain';
    }
  }
  const feed = await startLocalFeed({ store, pollMs: 300 });
  const port = await freePort();
  const signIn = opts.localSignIn
    ? await localAuthDeps({
        store,
        origin: `http://127.0.0.1:${port}`,
        key: (await generateSigningKey()).key,
        env: {},
      })
    : {};
  const app = createLocalApp({
    store,
    auth: refuseTokens,
    now: () => new Date(),
    feed: feed.reader,
    // Attachments in a throwaway folder per hub.
    blobs: createLocalBlobStore(await mkdtemp(join(tmpdir(), 'obm-e2e-uploads-'))),
    ...signIn,
    ...(typeof opts.deps === 'function' ? opts.deps(`http://127.0.0.1:${port}`) : opts.deps),
  });
  const server: Server = await listen(app, port);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    feed,
    demo,
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await feed.stop();
      store.raw.destroy();
    },
  };
}

let sharedDemo: Promise<TestHub> | undefined;

/**
 * One hub on the plain demo, shared by the browser files that only READ it (map, list, a11y, phone,
 * sessions-a11y): starting a hub (a table, a copy of the demo, the feed's snapshot, a server) cost
 * each of them ~10 s of the serial browser group. Never write to it (no sign-in, no POST, nothing
 * through `store`): another file reads it after you. A file that writes starts its own hub.
 *
 * The e2e project runs its files one at a time in one worker without isolation (vitest.config.ts),
 * so this module, and the hub, outlive a file; no file stops it: it ends with the worker at the end
 * of the run. Should a file run in a fresh module graph, it simply starts its own.
 */
export function sharedDemoHub(): Promise<TestHub> {
  sharedDemo ??= startTestHub().catch((err: unknown) => {
    // A failed start is not remembered: the next file tries again and reports its own failure.
    sharedDemo = undefined;
    throw err;
  });
  return sharedDemo;
}
