import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { AppDeps } from './env';

// Building the routes touches no dependency: requests are never sent here.
const app = createApp({ now: () => new Date() } as unknown as AppDeps);

/** A concrete path for a route's pattern: each parameter a valid ULID, which every id schema takes. */
const concrete = (path: string) =>
  path.replace(/:\w+(\{[^}]*\})?/g, '01ARZ3NDEKTSV4RRFFQ69G5FAV').replace(/\*$/, 'x');

type Entry = [handler: unknown, route: unknown];

/** The handlers a router gives a request, in order: what decides which route answers. */
function handlersFor(router: TrieRouter<Entry> | SmartRouter<Entry>, method: string, path: string) {
  return router.match(method, path)[0].map(([[handler]]) => handler);
}

describe('the app shell', () => {
  it('routes with the trie router, which builds nothing on the first request of a cold start', () => {
    expect(app.router).toBeInstanceOf(TrieRouter);
  });

  it('gives every route of the whole app the same handlers, in the same order, as Hono’s default router', () => {
    // Hono files each handler with its route, `[handler, route]`, in whichever router it has.
    const fallback = new SmartRouter<Entry>({ routers: [new RegExpRouter(), new TrieRouter()] });
    for (const route of app.routes) fallback.add(route.method, route.path, [route.handler, route]);
    const requests = app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => [r.method, concrete(r.path)] as const);
    expect(requests.length).toBeGreaterThan(100);
    for (const [method, path] of [...requests, ['GET', '/api/nowhere'] as const, ['POST', '/'] as const]) {
      const handlers = handlersFor(app.router as unknown as TrieRouter<Entry>, method, path);
      expect(handlers, `${method} ${path}`).toEqual(handlersFor(fallback, method, path));
      expect(handlers.length, `${method} ${path}`).toBeGreaterThan(0);
    }
  });
});
