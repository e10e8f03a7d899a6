// What the Lambda bundles get for `cls-hooked/context` (an esbuild alias, infra/bundling.ts): the
// continuation-local storage the X-Ray SDK keeps its current segment in (context_utils.js), which
// the Powertools tracer reads and sets through the SDK. cls-hooked creates an async_hooks hook when
// the SDK loads, whether tracing is on or off: JavaScript `init`, `before`, `after` and `destroy`
// callbacks on every promise and every I/O callback of the process, and a Map entry per live async
// resource. 200k awaits took ~50 ms without that hook and 1.2-1.9 s with it (a shared, loaded
// machine); the API's import and first request pay it on every promise they make.
//
// This is the same namespace interface on Node's AsyncLocalStorage, which carries a value along
// async continuations inside V8 without JavaScript hooks. Only what the bundled code uses is here:
// `getNamespace`, `createNamespace`, `destroyNamespace` (context_utils.js), and on a namespace
// `get`, `set`, `createContext`, `enter` (the SDK's Lambda set-up, env/aws_lambda.js), `run`
// (capture.js, patchers/http_p.js), `bind` (patchers/promise_p.js, not bundled), with `exit`,
// `runAndReturn`, `runPromise` and `fromException` to match them. `bindEmitter` is left out:
// nothing bundled calls it (infra/cls-hooked-alias.test.ts checks every call the SDK makes).
//
// cls semantics kept:
// - a context is a plain object; a new one inherits its parent's values through its prototype
//   (`Object.create(active)`), so a value `set` inside `run` never reaches the parent;
// - `run(fn)` runs fn in a new child context, which its synchronous code and every async
//   continuation started from it see, and nothing else (two concurrent requests never share one);
// - `set` with no active context throws, as cls-hooked does: the SDK's setSegment then fails the
//   same way it would with the real package;
// - a context `enter`ed outside any `run` (the SDK's Lambda set-up does it once at load, holding the
//   facade segment) stays active wherever no `run` is, for the rest of the process: cls-hooked's
//   active context is one process-wide variable, and the SDK never exits that one.

import { AsyncLocalStorage } from 'node:async_hooks';

/** Where an error thrown out of a context keeps that context (cls-hooked's name for it). */
export const ERROR_SYMBOL = 'error@context';

/** The namespaces by name; cls-hooked keeps them on `process.namespaces`, ours stay in the module. */
const namespaces = new Map();

/** Marks an error with the context it was thrown from, as cls-hooked does (`fromException` reads it). */
function tag(error, context) {
  if (error && (typeof error === 'object' || typeof error === 'function')) error[ERROR_SYMBOL] = context;
}

class Namespace {
  constructor(name) {
    this.name = name;
    // The context of the current `run`, `bind` or in-run `enter`, followed along async continuations.
    this.storage = new AsyncLocalStorage();
    // The context active where no `run` is: set by an `enter` outside any run.
    this.outside = null;
    // What each `enter` replaced, newest last, for `exit` to put back.
    this.entered = [];
  }

  /** The active context, or null: cls-hooked's `namespace.active`. */
  get active() {
    return this.storage.getStore() ?? this.outside;
  }

  get(key) {
    const context = this.active;
    return context ? context[key] : undefined;
  }

  set(key, value) {
    const context = this.active;
    if (!context) throw new Error('No context available. ns.run() or ns.bind() must be called first.');
    context[key] = value;
    return value;
  }

  /** A new context inheriting the active one's values (a fresh root if none is active). */
  createContext() {
    const context = Object.create(this.active ?? Object.prototype);
    context._ns_name = this.name;
    return context;
  }

  /** Runs fn(context) in a new child context; returns the context, as cls-hooked does. */
  run(fn) {
    const context = this.createContext();
    return this.storage.run(context, () => {
      try {
        fn(context);
        return context;
      } catch (error) {
        tag(error, context);
        throw error;
      }
    });
  }

  runAndReturn(fn) {
    let value;
    this.run((context) => {
      value = fn(context);
    });
    return value;
  }

  /** Runs fn(context) in a new child context; fn must return a promise, as with cls-hooked. */
  runPromise(fn) {
    const context = this.createContext();
    return this.storage.run(context, () => {
      const promise = fn(context);
      if (!promise || typeof promise.then !== 'function' || typeof promise.catch !== 'function')
        throw new Error('fn must return a promise.');
      return promise.catch((error) => {
        tag(error, context);
        throw error;
      });
    });
  }

  /** fn, always called in `context` (by default the active one, or a new one if none is). */
  bind(fn, context) {
    const bound = context ?? this.active ?? this.createContext();
    const storage = this.storage;
    return function clsBind(...args) {
      return storage.run(bound, () => {
        try {
          return fn.apply(this, args);
        } catch (error) {
          tag(error, bound);
          throw error;
        }
      });
    };
  }

  /**
   * Makes `context` active until `exit(context)`. Inside a `run` it replaces the run's context for
   * the rest of the current synchronous code and what it starts; outside any run it becomes the
   * context seen wherever no run is (see above).
   */
  enter(context) {
    if (!context) throw new Error('context must be provided for entering');
    const inRun = this.storage.getStore();
    if (inRun) {
      this.entered.push({ context, inRun });
      this.storage.enterWith(context);
    } else {
      this.entered.push({ context, outside: this.outside });
      this.outside = context;
    }
  }

  /** Undoes the newest `enter(context)`; throws if the context was never entered, as cls-hooked does. */
  exit(context) {
    if (!context) throw new Error('context must be provided for exiting');
    const index = this.entered.findLastIndex((entry) => entry.context === context);
    if (index < 0) throw new Error('context not currently entered; can’t exit.');
    const [entry] = this.entered.splice(index, 1);
    if (entry.inRun) {
      if (this.storage.getStore() === context) this.storage.enterWith(entry.inRun);
    } else if (this.outside === context) {
      this.outside = entry.outside;
    }
  }

  /** The context an error was thrown from (see `tag`). */
  fromException(error) {
    return error?.[ERROR_SYMBOL];
  }
}

export function getNamespace(name) {
  return namespaces.get(name);
}

/** A new namespace under `name`, replacing any of that name (as cls-hooked does). */
export function createNamespace(name) {
  if (!name) throw new Error('namespace must be given a name.');
  namespaces.get(name)?.storage.disable();
  const namespace = new Namespace(name);
  namespaces.set(name, namespace);
  return namespace;
}

export function destroyNamespace(name) {
  const namespace = namespaces.get(name);
  if (!namespace) throw new Error(`can't delete nonexistent namespace! "${name}"`);
  namespace.storage.disable();
  namespaces.delete(name);
}

export function reset() {
  for (const name of [...namespaces.keys()]) destroyNamespace(name);
}
