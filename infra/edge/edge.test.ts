import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface EdgeRequest {
  uri: string;
  querystring: Record<string, unknown>;
}
interface EdgeResponse {
  statusCode: number;
  headers: Record<string, { value: string }>;
  body: { data: string };
}
type EdgeHandler = (event: { request: EdgeRequest }) => EdgeRequest | EdgeResponse;

// The files are what CloudFront runs; they are evaluated here exactly as deployed.
function load(file: string): EdgeHandler {
  const code = readFileSync(join(import.meta.dirname, file), 'utf8');
  return new Function(`${code}\nreturn handler;`)() as EdgeHandler;
}

const request = (uri: string): { request: EdgeRequest } => ({ request: { uri, querystring: { q: 'x' } } });

describe('SPA fallback (CloudFront Function, default behaviour)', () => {
  const spa = load('spa-fallback.js');

  it('serves index.html for an app route without a file extension', () => {
    expect((spa(request('/items/01JABCDEF')) as EdgeRequest).uri).toBe('/index.html');
    expect((spa(request('/')) as EdgeRequest).uri).toBe('/index.html');
  });

  it('passes a request for a file through unchanged', () => {
    expect((spa(request('/assets/index-3f2a.js')) as EdgeRequest).uri).toBe('/assets/index-3f2a.js');
    expect((spa(request('/zhambyl.geojson')) as EdgeRequest).uri).toBe('/zhambyl.geojson');
  });
});

describe('map-feed rewrite (CloudFront Function, /api/map/items and /api/map/shapes)', () => {
  const rewrite = load('map-feed-rewrite.js');

  it('maps the public feed URLs onto the snapshot objects and drops the query string', () => {
    const items = rewrite(request('/api/map/items')) as EdgeRequest;
    expect(items.uri).toBe('/map/items.json');
    expect(items.querystring).toEqual({});
    expect((rewrite(request('/api/map/shapes')) as EdgeRequest).uri).toBe('/map/shapes.json');
  });

  it('answers 404 problem+json for any other name instead of probing the bucket', () => {
    for (const uri of ['/api/map/index', '/api/map/../secret', '/api/map/items.json', '/api/map/']) {
      const res = rewrite(request(uri)) as EdgeResponse;
      expect(res.statusCode, uri).toBe(404);
      expect(res.headers['content-type']?.value).toBe('application/problem+json');
      expect(JSON.parse(res.body.data).status).toBe(404);
    }
  });
});
