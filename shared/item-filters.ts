/**
 * Filters of the item list (`GET /api/items`) and the stats (`GET /api/stats`), as query strings.
 * Kept as plain strings and numbers so the OpenAPI document shows them as they are written in a
 * URL; `parseItemFilters` turns them into typed values.
 */
import { z as zodSchema } from 'zod';
import { AREA_CODES, type AreaCode } from './areas';
import { isValidIdentificationNumber } from './bin';
import { CATEGORIES, type Category, ITEM_STATUSES, type ItemStatus } from './categories';

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
export const MAX_IDS = 200;
export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

const num = '-?\\d{1,3}(?:\\.\\d{1,10})?';

export const ItemFilterQuery = zodSchema.object({
  bbox: zodSchema
    .string()
    .regex(new RegExp(`^${num},${num},${num},${num}$`), 'four numbers "west,south,east,north"')
    .refine((v) => {
      const [w, s, e, n] = v.split(',').map(Number) as [number, number, number, number];
      return w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n;
    }, 'west < east within ±180, south < north within ±90')
    .optional(),
  area: zodSchema.enum(AREA_CODES).optional(),
  category: zodSchema.enum(CATEGORIES).optional(),
  status: zodSchema.enum(ITEM_STATUSES).optional(),
  year: zodSchema.coerce.number().int().min(2000).max(2100).optional(),
  body: zodSchema
    .string()
    .regex(/^[a-z0-9-]{2,64}$/, 'a body id like "zha-roads"')
    .optional(),
  q: zodSchema.string().trim().min(1).max(200).optional(),
  /** A contractor's 12-digit BIN (or a sole trader's IIN), checked by its control digit. */
  contractor: zodSchema
    .string()
    .regex(/^\d{12}$/, 'a 12-digit BIN')
    .refine(isValidIdentificationNumber, 'a BIN whose last digit is its control digit')
    .optional(),
  ids: zodSchema
    .string()
    .regex(new RegExp(`^${ULID}(,${ULID})*$`), 'comma-separated ULIDs')
    .refine((v) => v.split(',').length <= MAX_IDS, `at most ${MAX_IDS} ids`)
    .optional(),
});
export type ItemFilterQuery = zodSchema.infer<typeof ItemFilterQuery>;

export const ItemListQuery = ItemFilterQuery.extend({
  cursor: zodSchema.string().max(4000).optional(),
  limit: zodSchema.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
});
export type ItemListQuery = zodSchema.infer<typeof ItemListQuery>;

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
