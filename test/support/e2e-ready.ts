/**
 * What the browser tests need besides Chromium, the web build and the demo templates, is prepared by
 * the global setup in the background (test/setup/global.ts), while the unit and integration files
 * run: blocking the whole run on it cost the suite the build's and the seeding's wall time. A test
 * that needs them waits here; the setup answers on a loopback "gate" once they are done.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { DemoKind, DemoTemplates } from './demo-template';

/** What the gate answers: still pending, ready (with the templates when they could be seeded) or failed. */
export type GateAnswer =
  | { state: 'pending' }
  | { state: 'ready'; demoTemplates?: DemoTemplates }
  | { state: 'failed'; error: string };

/** What the gate answers a claim of a demo copy: the copy's table, or none to use. */
export type ClaimAnswer = { state: 'pending' } | { state: 'ready'; table?: string };

/**
 * What a test may wait for: the plain demo template only (the flagged one may still be seeding), or
 * everything the browser tests need.
 */
export type GateStep = 'plain' | 'ready';

async function ask(step: GateStep): Promise<GateAnswer> {
  const gate = inject('e2eGate');
  if (!gate) return { state: 'ready' };
  // The gate holds each request up to a few seconds before answering `pending` (no fetch timeout
  // runs out however long the build takes on a loaded machine); ask again until it is done.
  for (;;) {
    const answer = (await (await fetch(`${gate}/${step}`)).json()) as GateAnswer;
    if (answer.state !== 'pending') return answer;
  }
}

/**
 * Waits until the web is built and the demo templates are seeded (or failed to seed: then each hub
 * seeds its own). Throws when the web build failed. Without browser tests in the run, returns at once.
 */
export async function e2eReady(): Promise<{ demoTemplates?: DemoTemplates }> {
  const answer = await ask('ready');
  if (answer.state === 'failed') throw new Error(`The browser tests' setup failed: ${answer.error}`);
  return answer.state === 'ready' && answer.demoTemplates ? { demoTemplates: answer.demoTemplates } : {};
}

/**
 * The run's demo templates once the PLAIN one is seeded (read only that one); undefined when there
 * is none (no browser tests in the run, or the seeding failed). Waits for nothing else.
 */
export async function plainDemoTemplate(): Promise<DemoTemplates | undefined> {
  const answer = await ask('plain');
  return answer.state === 'ready' ? answer.demoTemplates : undefined;
}

/**
 * The table of a copy of the demo made ahead for this hub alone (test/support/demo-template.ts,
 * `fillDemoCopyPool`); undefined when there is none to claim (the hub then copies its own).
 */
export async function claimDemoCopy(kind: DemoKind): Promise<string | undefined> {
  const gate = inject('e2eGate');
  if (!gate) return undefined;
  const id = randomUUID();
  for (;;) {
    const answer = (await (await fetch(`${gate}/claim/${kind}?id=${id}`)).json()) as ClaimAnswer;
    if (answer.state !== 'pending') return answer.table;
  }
}
