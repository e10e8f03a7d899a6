import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { type LocalFeed, startLocalFeed } from '../../functions/feed/local';
import type { MapFeed, ShapeFeature } from '../../shared/feed';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

let store: Store;
let feed: LocalFeed;
const road = sampleItem({
  location: {
    point: [71.371234567, 42.901234567],
    geometry: {
      type: 'LineString',
      coordinates: [
        [71.37, 42.9],
        [71.38, 42.91],
      ],
    },
  },
});

beforeAll(async () => {
  store = await createTestStore('map');
  await putItem(store, road);
  feed = await startLocalFeed({ store, pollMs: 0 });
});
afterAll(async () => {
  await feed.stop();
  store.raw.destroy();
});

const app = () =>
  createApp({ store, auth: refuseTokens, now: () => new Date('2026-07-01T06:00:00Z'), feed: feed.reader });

async function getFeed(headers: Record<string, string> = {}) {
  const res = await app().request('/api/map/items', { headers });
  return res;
}

describe('GET /api/map/items', () => {
  it('serves the compact feed of items present at start-up (full rebuild), with 5-decimal points', async () => {
    const res = await getFeed();
    expect(res.status).toBe(200);
    const body = (await res.json()) as MapFeed;
    const f = body.features.find((x) => x.properties.id === road.id)!;
    expect(f.geometry.coordinates).toEqual([71.37123, 42.90123]);
    expect(f.properties).toEqual({
      id: road.id,
      c: 'roads',
      s: 'in_progress',
      x: expect.any(String),
      e: 50,
      p: 1000000,
      a: 'taraz',
      y: 2026,
      b: 'zha-roads',
    });
  });

  it('sends precomputed gzip to clients that accept it', async () => {
    const res = await getFeed({ 'Accept-Encoding': 'gzip, br' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
    expect(JSON.parse(text).type).toBe('FeatureCollection');
  });

  it('has an ETag and a short must-revalidate Cache-Control, and answers If-None-Match with 304', async () => {
    const first = await getFeed();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+, must-revalidate/);
    const again = await getFeed({ 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('reflects a new item once the stream is applied, with a new ETag', async () => {
    const before = (await getFeed()).headers.get('etag')!;
    const added = sampleItem({ category: 'health', location: { point: [71.4, 42.95] } });
    await putItem(store, added);
    await feed.refresh();
    const res = await getFeed({ 'If-None-Match': before });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(before);
    const ids = ((await res.json()) as MapFeed).features.map((f) => f.properties.id);
    expect(ids).toContain(added.id);
  });

  it('reflects a changed status after the stream is applied', async () => {
    await putItem(store, { ...road, status: 'suspended' });
    await feed.refresh();
    const body = (await (await getFeed()).json()) as MapFeed;
    expect(body.features.find((f) => f.properties.id === road.id)?.properties.s).toBe('suspended');
  });
});

describe('GET /api/map/shapes', () => {
  it('serves the lines and polygons of items that have them', async () => {
    const res = await app().request('/api/map/shapes');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { features: ShapeFeature[] };
    expect(body.features).toEqual([
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [71.37, 42.9],
            [71.38, 42.91],
          ],
        },
        properties: { id: road.id, c: 'roads' },
      },
    ]);
  });
});

describe('without a snapshot', () => {
  it('answers 503 with Retry-After', async () => {
    const res = await createApp({ store, auth: refuseTokens, now: () => new Date() }).request(
      '/api/map/items',
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
  });
});
