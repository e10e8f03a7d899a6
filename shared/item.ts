/**
 * Budget-execution item: one project or purchase whose money is followed on the map.
 * Field names follow OC4IDS projects where one exists (title, description, status, sector →
 * category, period, locations, budget, parties, milestones) so import and export are direct maps.
 */
import { z } from 'zod';
import { AREA_CODES } from './areas';
import { CATEGORIES, ITEM_STATUSES, MILESTONE_STATUSES, MILESTONE_TYPES } from './categories';
import { EXECUTION_STATES } from './execution';
import { localizedText } from './i18n-text';
import { KztAmount } from './money';

export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID');
export const IsoDate = z.iso.date();
export const Lon = z.number().min(-180).max(180);
export const Lat = z.number().min(-90).max(90);
export const Position = z.tuple([Lon, Lat]);

export const LineString = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(Position).min(2).max(2000),
});
export const Polygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(Position).min(4).max(2000)).min(1).max(20),
});

export const BodyRef = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/, 'a body id like "zha-roads"'),
  name: localizedText(300),
});

export const Contractor = z.object({
  name: z.string().trim().min(1).max(300),
  /** Kazakhstan business identification number: 12 digits. */
  bin: z.string().regex(/^\d{12}$/, 'a 12-digit BIN'),
});

export const Milestone = z.object({
  id: z.string().min(1).max(64),
  title: localizedText(300),
  due: IsoDate,
  met: IsoDate.optional(),
  status: z.enum(MILESTONE_STATUSES),
  /**
   * OCDS milestone type. The last-due "delivery" milestone is the handover/acceptance of the works:
   * the execution state reads it (late when past due and not met, paid ahead while it is open).
   */
  type: z.enum(MILESTONE_TYPES).optional(),
});

export const Provenance = z.object({
  /** "demo" marks generated demonstration data, never to be shown as real figures. */
  source: z.enum(['demo', 'import', 'manual']),
  sourceName: z.string().max(300).optional(),
  sourceId: z.string().max(300).optional(),
  updatedAt: z.iso.datetime(),
});

export const ItemInput = z.object({
  title: localizedText(300),
  description: localizedText(5000).optional(),
  category: z.enum(CATEGORIES),
  area: z.enum(AREA_CODES),
  body: BodyRef,
  programmeCode: z.string().regex(/^\d{3}(-\d{3}){0,2}$/, 'a budget programme code like "123-015-000"'),
  fiscalYear: z.number().int().min(2000).max(2100),
  amounts: z.object({ planned: KztAmount, contracted: KztAmount, spent: KztAmount }),
  status: z.enum(ITEM_STATUSES),
  contractor: Contractor.optional(),
  period: z.object({ start: IsoDate, end: IsoDate }).refine((p) => p.start <= p.end, {
    message: 'period.start must not be after period.end',
    path: ['end'],
  }),
  location: z.object({
    point: Position,
    geometry: z.union([LineString, Polygon]).optional(),
    address: z.string().max(300).optional(),
  }),
  milestones: z.array(Milestone).max(50).default([]),
  provenance: Provenance,
});
export type ItemInput = z.infer<typeof ItemInput>;

export const Item = ItemInput.extend({ id: Ulid });
export type Item = z.infer<typeof Item>;

/** What the API returns: the stored item plus figures derived on read (never stored). */
export const ItemView = Item.extend({
  execution: z.object({
    percent: z.number(),
    state: z.enum(EXECUTION_STATES),
  }),
});
export type ItemView = z.infer<typeof ItemView>;
