import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { MapFeed } from '../../shared/feed';
import { sampleItem } from '../../test/support/fixtures';
import { toItemRecord } from '../data/items';
import { generateDemoItems } from '../demo/generate';
import { renderFeed } from './render';
import { buildSnapshot } from './snapshot';

const snapshotOf = (items: ReturnType<typeof sampleItem>[]) =>
  buildSnapshot(items.map((i) => toItemRecord(i) as unknown as Record<string, unknown>));

describe('renderFeed', () => {
  it('writes valid GeoJSON with FeedProperties and 5-decimal coordinates', () => {
    const item = sampleItem({ location: { point: [71.123456789, 42.987654321] } });
    const feed = JSON.parse(renderFeed(snapshotOf([item]), '2026-07-01')) as MapFeed;
    expect(feed.features[0]).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [71.12346, 42.98765] },
      properties: {
        id: item.id,
        c: 'roads',
        s: 'in_progress',
        x: 'on_track',
        e: 50,
        p: 1000000,
        a: 'taraz',
        y: 2026,
        b: 'zha-roads',
      },
    });
  });

  it('is byte-identical for the same snapshot (stable ETag)', () => {
    const items = [sampleItem(), sampleItem(), sampleItem()];
    expect(renderFeed(snapshotOf(items), '2026-07-01')).toBe(
      renderFeed(snapshotOf([...items].reverse()), '2026-07-01'),
    );
  });

  // Fewer items compress worse, so 2,000 passing is a safe guard for the 100,000 target.
  it('stays within 60 bytes per item gzipped (2,000 demo items)', { timeout: 60_000 }, () => {
    const items = generateDemoItems({ count: 2_000, seed: 7 });
    const bytes = gzipSync(renderFeed(snapshotOf(items), '2026-07-01'), { level: 9 }).byteLength;
    expect(bytes / items.length).toBeLessThanOrEqual(60);
  });
});
