/**
 * Turns a snapshot into the bytes clients download: the compact point feed (`map/items.json`),
 * the shapes (`map/shapes.json`) and the search/stat index (`map/index.json`). Written by hand
 * rather than JSON.stringify of objects, because at 100,000 items every byte per feature counts
 * (target ≤ 60 bytes per item gzipped) and the build runs on every stream batch.
 */
import { executionPercent, executionState } from '../../shared/execution';
import { type IndexedRecord, type IndexRecord, milestonesOf } from './records';
import type { FeedSnapshot } from './snapshot';

/** Execution figures of a compact record on `today` (YYYY-MM-DD, Asia/Almaty). */
export function executionOf(r: IndexedRecord, today: string) {
  const input = {
    status: r.s,
    plannedTiyn: BigInt(r.p),
    contractedTiyn: BigInt(r.k),
    spentTiyn: BigInt(r.sp),
    periodStart: r.ps,
    periodEnd: r.pe,
    ...milestonesOf(r),
  };
  return { percent: executionPercent(input), state: executionState(input, today) };
}

// Features in id order: ids are ULIDs, so neighbours share their time prefix and gzip well, and
// the order is stable across rebuilds (same snapshot → same bytes → same ETag).
function inIdOrder(snapshot: FeedSnapshot): IndexRecord[] {
  return [...snapshot.items.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The GeoJSON FeatureCollection of `shared/feed.ts` (FeedProperties), as a JSON string. */
export function renderFeed(snapshot: FeedSnapshot, today: string): string {
  const parts: string[] = [];
  for (const r of inIdOrder(snapshot)) {
    const { percent, state } = executionOf(r, today);
    parts.push(
      `{"type":"Feature","geometry":{"type":"Point","coordinates":[${r.pt[0]},${r.pt[1]}]},` +
        `"properties":{"id":"${r.id}","c":"${r.c}","s":"${r.s}","x":"${state}","e":${percent},` +
        `"p":${Math.round(r.p / 100)},"a":"${r.a}","y":${r.y},"b":${JSON.stringify(r.b)}` +
        `${r.fl ? `,"f":${JSON.stringify(r.fl)}` : ''}}}`,
    );
  }
  return `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
}

export function renderShapes(snapshot: FeedSnapshot): string {
  const ids = [...snapshot.shapes.keys()].sort();
  return JSON.stringify({ type: 'FeatureCollection', features: ids.map((id) => snapshot.shapes.get(id)) });
}

/** The search/stat index blob: the version and every compact record. */
export function renderIndex(snapshot: FeedSnapshot): string {
  return JSON.stringify({ v: snapshot.version, items: inIdOrder(snapshot) });
}

export function parseIndex(json: string): { version: number; items: IndexRecord[] } {
  const parsed = JSON.parse(json) as { v: number; items: IndexRecord[] };
  return { version: parsed.v, items: parsed.items };
}
