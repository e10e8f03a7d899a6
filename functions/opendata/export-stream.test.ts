/**
 * The streamed serializers write what the whole-file ones wrote (the export tests' round trips
 * depend on it): the same CSV and GeoJSON bytes, the same OC4IDS package in another member order.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../shared/item';
import { sampleItem } from '../../test/support/fixtures';
import { itemsToCsv, itemsToGeoJson, itemsToOc4ids } from './export';
import { chunkStream, csvChunks, geoJsonChunks, oc4idsChunks } from './export-stream';

const items = [
  sampleItem({ title: { en: 'Comma, "quoted"; and\nnewline' } }),
  sampleItem({ provenance: { source: 'demo', updatedAt: '2026-03-04T05:06:07.890Z' } }),
  sampleItem(),
];
async function* pages(size: number): AsyncGenerator<Item[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

describe('streamed exports', () => {
  it('write the very CSV and GeoJSON bytes of the whole-file export, whatever the page size', async () => {
    for (const size of [1, 2, 5]) {
      expect(await text(csvChunks(pages(size), '2026-07-01'))).toBe(itemsToCsv(items, '2026-07-01'));
      expect(await text(geoJsonChunks(pages(size), '2026-07-01'))).toBe(
        JSON.stringify(itemsToGeoJson(items, '2026-07-01')),
      );
    }
  });

  it('write the same OC4IDS package, publishedDate the latest change', async () => {
    const streamed = JSON.parse(
      await text(oc4idsChunks(pages(2), { uri: 'https://x/api/export/oc4ids.json' })),
    );
    expect(streamed).toEqual(itemsToOc4ids(items, { uri: 'https://x/api/export/oc4ids.json' }));
    expect(streamed.publishedDate).toBe('2026-03-04T05:06:07Z');
  });

  it('hold an empty package when nothing matches', async () => {
    const empty = async function* (): AsyncGenerator<Item[]> {};
    expect(JSON.parse(await text(geoJsonChunks(empty())))).toEqual({
      type: 'FeatureCollection',
      features: [],
    });
    expect(JSON.parse(await text(oc4idsChunks(empty(), { uri: 'u' }))).projects).toEqual([]);
  });

  it('gzip the byte stream on request', async () => {
    const body = chunkStream(csvChunks(pages(1)), { gzip: true });
    const bytes = new Uint8Array(await new Response(body).arrayBuffer());
    expect(gunzipSync(bytes).toString('utf8')).toBe(itemsToCsv(items));
  });
});
