/**
 * The local server sends the web app as CloudFront does: the build's brotli/gzip copies with
 * Content-Encoding and Vary, hashed assets cached for a year, HTML revalidated, API answers gzipped.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../web/build/precompress';
import type { AppDeps } from '../api/env';
import { createLocalApp, IMMUTABLE, REVALIDATE } from './server';

const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"row ${i}"`).join(',')}];\n`;
const HTML = `<!doctype html><html><head><title>t</title></head><body>${'<p>shell</p>'.repeat(80)}</body></html>`;

let app: ReturnType<typeof createLocalApp>;

beforeAll(() => {
  const dist = mkdtempSync(join(tmpdir(), 'obm-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), HTML);
  writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  precompressDir(dist);
  // No store is reached: only files and the API's own description are asked for.
  app = createLocalApp({ now: () => new Date() } as unknown as AppDeps, dist);
});

const get = (path: string, encoding?: string) =>
  app.request(path, { headers: encoding ? { 'Accept-Encoding': encoding } : {} });

describe('local server: compression and caching', () => {
  it('sends the brotli copy of a script to a browser that accepts br', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toContain('Accept-Encoding');
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy when br is not accepted', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it('sends the plain file, still marked Vary, to a client that accepts no encoding', async () => {
    const res = await get('/assets/index-Ab12Cd34.js');
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(res.headers.get('Vary')).toContain('Accept-Encoding');
    expect(await res.text()).toBe(SCRIPT);
  });

  it('caches hashed assets for a year as immutable', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'br');
    expect(res.headers.get('Cache-Control')).toBe(IMMUTABLE);
  });

  it('has the app shell revalidated on every visit, deep links included', async () => {
    for (const path of ['/', '/items/01JABCDEFGHJKMNPQRSTVWXYZ0', '/sessions']) {
      const res = await get(path, 'br');
      expect(res.headers.get('Cache-Control'), path).toBe(REVALIDATE);
      expect(res.headers.get('Content-Encoding'), path).toBe('br');
      expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(HTML);
    }
  });

  it('gzips API answers on the fly, as CloudFront does', async () => {
    const res = await get('/api/openapi.json', 'gzip, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).openapi).toMatch(/^3\./);
  });
});
