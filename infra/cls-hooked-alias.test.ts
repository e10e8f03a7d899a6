/**
 * The bundles' `cls-hooked/context` (infra/aliases/cls-hooked-context.mjs, on AsyncLocalStorage)
 * must keep the X-Ray SDK's current segment exactly where cls-hooked keeps it: the semantics below
 * run against both, so a difference shows as one implementation failing.
 */

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types: what esbuild gives the bundles for `cls-hooked/context`
import * as alias from './aliases/cls-hooked-context.mjs';
import { buildOptions } from './bundling';
import { NATIVE_MODULES } from './native';

/** The part of a cls namespace the X-Ray SDK uses (cls-hooked's Namespace). */
interface Context {
  [key: string]: unknown;
}
interface Namespace {
  readonly active: Context | null;
  get(key: string): unknown;
  set<T>(key: string, value: T): T;
  createContext(): Context;
  run(fn: (context: Context) => void): Context;
  runAndReturn<T>(fn: (context: Context) => T): T;
  runPromise<T>(fn: (context: Context) => Promise<T>): Promise<T>;
  bind<F extends (...args: never[]) => unknown>(fn: F, context?: Context): F;
  enter(context: Context): void;
  exit(context: Context): void;
  fromException(error: unknown): Context | undefined;
}
interface Cls {
  createNamespace(name: string): Namespace;
  getNamespace(name: string): Namespace | undefined;
  destroyNamespace(name: string): void;
}

const REPO = join(import.meta.dirname, '..');
const realCls = createRequire(import.meta.url)('cls-hooked/context') as Cls;
const IMPLEMENTATIONS: Array<[string, Cls]> = [
  ['cls-hooked', realCls],
  ['the alias', alias as Cls],
];

let names = 0;
/** A namespace of its own for each test: cls-hooked's live for the whole process. */
const fresh = (cls: Cls) => cls.createNamespace(`test-${++names}`);

describe.each(IMPLEMENTATIONS)('a namespace of %s', (_label, cls) => {
  it('gives a value set in run to the run’s code and its async continuations, never to the caller', async () => {
    const ns = fresh(cls);
    const seen: unknown[] = [];
    let pending: Promise<void> | undefined;
    ns.run(() => {
      ns.set('segment', 'request');
      pending = (async () => {
        await sleep(1);
        seen.push(ns.get('segment'));
        await null;
        seen.push(ns.get('segment'));
      })();
    });
    expect(ns.get('segment')).toBeUndefined();
    await pending;
    expect(seen).toEqual(['request', 'request']);
  });

  it('gives a nested run its parent’s values, and keeps what it sets to itself across awaits', async () => {
    const ns = fresh(cls);
    const outer: unknown[] = [];
    const inner: unknown[] = [];
    let done: Promise<unknown> | undefined;
    ns.run(() => {
      ns.set('segment', 'handler');
      ns.set('user', 'citizen');
      done = (async () => {
        await sleep(1);
        let child: Promise<void> | undefined;
        ns.run(() => {
          inner.push(ns.get('segment'), ns.get('user'));
          ns.set('segment', 'DynamoDB');
          child = (async () => {
            await sleep(2);
            inner.push(ns.get('segment'), ns.get('user'));
          })();
        });
        outer.push(ns.get('segment'));
        await child;
        outer.push(ns.get('segment'));
      })();
    });
    await done;
    expect(inner).toEqual(['handler', 'citizen', 'DynamoDB', 'citizen']);
    expect(outer).toEqual(['handler', 'handler']);
  });

  it('keeps two concurrent runs apart across interleaved awaits', async () => {
    const ns = fresh(cls);
    const request = (name: string, delays: number[]) => {
      const seen: unknown[] = [];
      let work: Promise<void> | undefined;
      ns.run(() => {
        ns.set('segment', name);
        work = (async () => {
          for (const ms of delays) {
            await sleep(ms);
            seen.push(ns.get('segment'));
            ns.set('segment', name); // each step sets it again, as each SDK call's subsegment does
          }
        })();
      });
      return work!.then(() => seen);
    };
    const [a, b] = await Promise.all([request('A', [1, 5, 1, 3]), request('B', [3, 1, 4, 1])]);
    expect(a).toEqual(['A', 'A', 'A', 'A']);
    expect(b).toEqual(['B', 'B', 'B', 'B']);
  });

  it('refuses a set outside any context, and answers undefined to a get', () => {
    const ns = fresh(cls);
    expect(ns.get('segment')).toBeUndefined();
    expect(() => ns.set('segment', 'lost')).toThrow(/No context available/);
  });

  it('keeps a context entered outside any run active where no run is, after awaits too', async () => {
    // The SDK's Lambda set-up enters one at load, never exits it, and puts the facade segment in it.
    const ns = fresh(cls);
    ns.enter(ns.createContext());
    ns.set('segment', 'facade');
    await sleep(1);
    expect(ns.get('segment')).toBe('facade');
    let inRun: unknown;
    ns.run(() => {
      inRun = ns.get('segment');
      ns.set('segment', 'handler');
    });
    expect([inRun, ns.get('segment')]).toEqual(['facade', 'facade']);
  });

  it('puts back on exit what enter replaced, and refuses to exit a context not entered', () => {
    const ns = fresh(cls);
    const context = ns.createContext();
    ns.enter(context);
    ns.set('segment', 'entered');
    ns.exit(context);
    expect(ns.get('segment')).toBeUndefined();
    expect(() => ns.exit(context)).toThrow(/not currently entered/);
  });

  it('calls a bound function in the context it was bound in, wherever it is called', async () => {
    const ns = fresh(cls);
    let bound: (() => unknown) | undefined;
    ns.run(() => {
      ns.set('segment', 'request');
      bound = ns.bind(() => ns.get('segment'));
    });
    await sleep(1);
    expect(bound!()).toBe('request');
    ns.run(() => {
      ns.set('segment', 'other');
      expect(bound!()).toBe('request');
    });
  });

  it('returns the function’s value from runAndReturn and its promise’s from runPromise', async () => {
    const ns = fresh(cls);
    expect(ns.runAndReturn(() => ns.set('segment', 'sync'))).toBe('sync');
    const answer = ns.runPromise(async () => {
      ns.set('segment', 'async');
      await sleep(1);
      return ns.get('segment');
    });
    await expect(answer).resolves.toBe('async');
    expect(() => ns.runPromise((() => 'no promise') as never)).toThrow(/must return a promise/);
  });

  it('marks an error thrown out of a run with the run’s context', () => {
    const ns = fresh(cls);
    let thrown: unknown;
    try {
      ns.run(() => {
        ns.set('segment', 'failed');
        throw new Error('boom');
      });
    } catch (err) {
      thrown = err;
    }
    expect(ns.fromException(thrown)?.segment).toBe('failed');
  });

  it('finds a namespace by name until it is destroyed', () => {
    const ns = fresh(cls);
    const name = `test-${names}`;
    expect(cls.getNamespace(name)).toBe(ns);
    cls.destroyNamespace(name);
    expect(cls.getNamespace(name) ?? undefined).toBeUndefined();
  });
});

describe('the X-Ray SDK bundled with the alias', () => {
  const SDK = join(REPO, 'node_modules/aws-xray-sdk-core/dist/lib');
  /** The SDK's modules that a bundle takes (those infra/aliases/aws-xray-sdk-core.mjs imports, and theirs). */
  const sdkFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sdkFiles(join(dir, entry.name))
        : entry.name.endsWith('.js')
          ? [join(dir, entry.name)]
          : [],
    );

  it('offers every function the SDK calls on cls-hooked and on its namespace', () => {
    const ns = alias.createNamespace('calls') as Namespace;
    const onModule = new Set<string>();
    const onNamespace = new Set<string>();
    for (const file of sdkFiles(SDK)) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bcls\.(\w+)\(/g)) onModule.add(m[1]!);
      for (const m of code.matchAll(/\b(?:session|namespace|ns)\.(\w+)\(/g)) onNamespace.add(m[1]!);
      for (const m of code.matchAll(/getNamespace\([^)]*\)\.(\w+)\(/g)) onNamespace.add(m[1]!);
    }
    expect([...onModule].sort()).toEqual(['createNamespace', 'destroyNamespace', 'getNamespace']);
    expect([...onNamespace].sort()).toEqual(['bind', 'createContext', 'enter', 'get', 'run', 'set']);
    const cls = alias as Record<string, unknown>;
    for (const name of onModule) expect(typeof cls[name], name).toBe('function');
    for (const name of onNamespace) expect(typeof (ns as never)[name], name).toBe('function');
  });

  describe('built by the recipe', { timeout: 30_000 }, () => {
    // In the repo, where the bundle's external packages (the runtime's SDK) resolve from node_modules;
    // `.data/` is git-ignored, so a fresh clone has none yet.
    mkdirSync(join(REPO, '.data'), { recursive: true });
    const work = mkdtempSync(join(REPO, '.data', 'cls-alias-'));
    afterAll(() => rmSync(work, { recursive: true, force: true }));
    let built: Promise<{ outfile: string; inputs: string[] }> | undefined;
    const bundle = () => {
      built ??= (async () => {
        const entry = join(work, 'entry.ts');
        writeFileSync(entry, "export { default } from 'aws-xray-sdk-core';\n");
        const outfile = join(work, 'index.mjs');
        const result = await esbuild.build({
          ...buildOptions({ entry, outfile, externals: NATIVE_MODULES }),
          metafile: true,
        });
        return { outfile, inputs: Object.keys(result.metafile.inputs) };
      })();
      return built;
    };

    it('takes no module of cls-hooked, and installs no async hook', async () => {
      const { outfile, inputs } = await bundle();
      expect(inputs.filter((f) => f.includes('cls-hooked/'))).toEqual([]);
      expect(inputs).toContain('infra/aliases/cls-hooked-context.mjs');
      expect(readFileSync(outfile, 'utf8')).not.toContain('createHook');
    });

    it('gives two concurrent requests each its own segment, in captured functions and after them', async () => {
      const { outfile } = await bundle();
      const xray = (await import(outfile)).default;
      const ns = xray.getNamespace() as Namespace;
      /** A request as a traced Lambda serves it: its segment set in a context of its own, then work. */
      const request = (name: string, delays: number[]) => {
        const segment = new xray.Segment(name);
        const seen: boolean[] = [];
        let parent: unknown;
        let work: Promise<void> | undefined;
        ns.run(() => {
          xray.setSegment(segment);
          work = (async () => {
            await xray.captureAsyncFunc('DynamoDB', async (subsegment: { parent: unknown }) => {
              parent = subsegment.parent;
              for (const ms of delays) {
                await sleep(ms);
                seen.push(xray.getSegment() === subsegment);
              }
            });
            await sleep(1);
            seen.push(xray.getSegment() === segment);
          })();
        });
        return work!.then(() => ({ seen, parentIsOwn: parent === segment }));
      };
      const [a, b] = await Promise.all([request('A', [1, 4, 1]), request('B', [3, 1, 2])]);
      expect(a).toEqual({ seen: [true, true, true, true], parentIsOwn: true });
      expect(b).toEqual({ seen: [true, true, true, true], parentIsOwn: true });
    });
  });
});
