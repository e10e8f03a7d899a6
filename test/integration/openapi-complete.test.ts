/**
 * Every route mounted on the app is described in /api/openapi.json with its method. A route added
 * with plain `app.get(...)` instead of `.openapi(defineRoute(...))` fails this test.
 */
import { describe, expect, it } from 'vitest';
import { type App, createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { refuseTokens } from '../support/fixtures';

/** The document itself and its viewer are the only routes that do not describe themselves. */
const SELF_DESCRIBING = new Set(['GET /api/openapi.json', 'GET /api/docs']);

type OpenApiDoc = { paths: Record<string, Record<string, unknown>> };

function mountedRoutes(app: App): string[] {
  const out = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue; // middleware (`app.use`), not an endpoint
    const path = r.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
    out.add(`${r.method} ${path}`);
  }
  return [...out];
}

function undocumented(app: App, doc: OpenApiDoc): string[] {
  return mountedRoutes(app).filter((route) => {
    if (SELF_DESCRIBING.has(route)) return false;
    const [method, path] = route.split(' ') as [string, string];
    return !doc.paths[path]?.[method.toLowerCase()];
  });
}

const newApp = () => createApp({ store: {} as Store, auth: refuseTokens, now: () => new Date() });

async function docOf(app: App): Promise<OpenApiDoc> {
  const res = await app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as OpenApiDoc;
}

describe('OpenAPI completeness', () => {
  it('describes every mounted route with its method', async () => {
    const app = newApp();
    expect(mountedRoutes(app).length).toBeGreaterThan(5);
    expect(undocumented(app, await docOf(app))).toEqual([]);
  });

  it('catches a route mounted without a description', async () => {
    const app = newApp();
    app.get('/api/undescribed/:id', (c) => c.text('hidden'));
    expect(undocumented(app, await docOf(app))).toEqual(['GET /api/undescribed/{id}']);
  });

  it('describes the read API: item list and item, map feed and shapes, stats', async () => {
    const doc = await docOf(newApp());
    for (const path of ['/api/items', '/api/items/{id}', '/api/map/items', '/api/map/shapes', '/api/stats']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
  });
});

describe('GET /api/openapi.json', () => {
  // The sandboxed docs page has an opaque origin ("null"); browsers other than Chromium then apply CORS.
  it('may be read from any origin, since the document is public', async () => {
    const res = await newApp().request('/api/openapi.json', { headers: { Origin: 'null' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});
