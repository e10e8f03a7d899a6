/**
 * Filters of the item list (`GET /api/items`) and the stats (`GET /api/stats`), as query strings.
 * Kept as plain strings and numbers so the OpenAPI document shows them as they are written in a
 * URL; `parseItemFilters` turns them into typed values.
 */
import type { AreaCode } from './areas';
import type { Category, ItemStatus } from './categories';

export const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
export const MAX_IDS = 200;
export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

/** A longitude or latitude in decimal degrees, as a pattern (`bbox` is four of them). */
export const COORDINATE = '-?\\d{1,3}(?:\\.\\d{1,10})?';

export type ItemFilterQuery = {
  bbox?: string | undefined;
  area?: AreaCode | undefined;
  category?: Category | undefined;
  status?: ItemStatus | undefined;
  year?: number | undefined;
  body?: string | undefined;
  q?: string | undefined;
  contractor?: string | undefined;
  ids?: string | undefined;
};

/** A page of a list: where the last page stopped, and how many to send. */
export type PageQuery = { cursor?: string | undefined; limit: number };

export interface ItemFilters {
  bbox?: { w: number; s: number; e: number; n: number };
  area?: AreaCode;
  category?: Category;
  status?: ItemStatus;
  year?: number;
  body?: string;
  q?: string;
  ids?: string[];
  contractor?: string;
}

export function parseItemFilters(q: ItemFilterQuery): ItemFilters {
  const f: ItemFilters = {};
  if (q.bbox) {
    const [w, s, e, n] = q.bbox.split(',').map(Number) as [number, number, number, number];
    f.bbox = { w, s, e, n };
  }
  if (q.area) f.area = q.area;
  if (q.category) f.category = q.category;
  if (q.status) f.status = q.status;
  if (q.year !== undefined) f.year = q.year;
  if (q.body) f.body = q.body;
  if (q.q) f.q = q.q;
  if (q.contractor) f.contractor = q.contractor;
  if (q.ids) f.ids = [...new Set(q.ids.split(','))];
  return f;
}
