/** The zod schemas of shared/item-filters.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import { AREA_CODES } from '../../../shared/areas';
import { isValidIdentificationNumber } from '../../../shared/bin';
import { CATEGORIES, ITEM_STATUSES } from '../../../shared/categories';
import type * as Shared from '../../../shared/item-filters';
import { COORDINATE, DEFAULT_LIMIT, MAX_IDS, MAX_LIMIT, ULID } from '../../../shared/item-filters';
import type { Equal, Expect } from './assert-equal';

export const ItemFilterQuery = zodSchema.object({
  bbox: zodSchema
    .string()
    .regex(
      new RegExp(`^${COORDINATE},${COORDINATE},${COORDINATE},${COORDINATE}$`),
      'four numbers "west,south,east,north"',
    )
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
type _ItemFilterQueryAgrees = Expect<Equal<ItemFilterQuery, Shared.ItemFilterQuery>>;

/** The paging fields of a list query (`GET /api/items`). */
export const PageQuery = zodSchema.object({
  cursor: zodSchema.string().max(4000).optional(),
  limit: zodSchema.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
});
type _PageQueryAgrees = Expect<Equal<zodSchema.infer<typeof PageQuery>, Shared.PageQuery>>;

export * from '../../../shared/item-filters';
