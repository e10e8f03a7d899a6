/**
 * The map feed: `GET /api/map/items` returns a GeoJSON FeatureCollection of points, one per item,
 * with short property names so 100,000 items stay small (target ≤ 60 bytes per item gzipped).
 * The web filters and clusters it client-side; full items come from `GET /api/items`.
 * Lines and polygons (roads, land plots) come separately from `GET /api/map/shapes`, because
 * MapLibre clusters points only.
 */
import type { AreaCode } from './areas';
import type { Category, ItemStatus } from './categories';
import type { ExecutionState } from './execution';

export interface FeedProperties {
  /** item id (ULID) */
  id: string;
  c: Category;
  s: ItemStatus;
  /** execution state on the day the feed was built (Asia/Almaty) */
  x: ExecutionState;
  /** execution percent, one decimal */
  e: number;
  /** planned amount in whole KZT (display and range filter only; exact figures are on the item) */
  p: number;
  a: AreaCode;
  /** fiscal year */
  y: number;
  /** responsible body id */
  b: string;
  /** risk flag codes (shared/flags.ts), absent when none fires */
  f?: string[];
  /** 1 when the item has a question past its legal due date (questions issue) */
  o?: 1;
}

export interface FeedFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: FeedProperties;
}

export interface MapFeed {
  type: 'FeatureCollection';
  features: FeedFeature[];
}

export interface ShapeFeature {
  type: 'Feature';
  geometry:
    | { type: 'LineString'; coordinates: [number, number][] }
    | { type: 'Polygon'; coordinates: [number, number][][] };
  properties: { id: string; c: Category };
}
