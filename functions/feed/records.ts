/**
 * The compact per-item record the map feed, search and stats are built from. One per item, made
 * from the stored table record (full rebuild) or a stream image (incremental), so both paths agree.
 */
import type { AreaCode } from '../../shared/areas';
import type { Category, ItemStatus } from '../../shared/categories';
import { type ExecutionMilestones, type MilestoneFacts, milestoneFacts } from '../../shared/execution';
import type { ShapeFeature } from '../../shared/feed';
import { type ItemFlagInput, itemFlags } from '../../shared/flags';
import type { Localized } from '../../shared/i18n-text';
import { contractorView } from '../../shared/item';
import { CATEGORY_SEARCH_WORDS, indexTokens } from '../../shared/search-text';

export interface IndexRecord {
  id: string;
  a: AreaCode;
  c: Category;
  s: ItemStatus;
  /** fiscal year */
  y: number;
  /** responsible body id */
  b: string;
  /** planned, contracted, spent in tiyn (exact integers; summed as bigint) */
  p: number;
  k: number;
  sp: number;
  /** point [lon, lat], 5 decimals (≈1 m) */
  pt: [number, number];
  /** period start and end (YYYY-MM-DD), for the execution state on the feed's day */
  ps: string;
  pe: string;
  /**
   * Search tokens (shared/search-text.ts `indexTokens`), space-separated: title, contractor name and
   * BIN, programme code, address, category words and description, in every language the item has.
   */
  t: string;
  /** handover milestone due date and 1 when met; milestones counted and met (execution state) */
  /** contractor BIN, only for a BIN (an IIN's digits are never published) */
  cb?: string;
  /** risk flag codes: the item's own (computed here) and the group/calendar ones the flag job wrote */
  fl?: string[];
  hd?: string;
  hm?: 1;
  mn?: number;
  mm?: number;
}

/** A compact record as the search index keeps it: its tokens live in the index's postings. */
export type IndexedRecord = Omit<IndexRecord, 't'>;

/** True for the table record of a budget item (other records share the table and the stream). */
export function isItemRecord(record: Record<string, unknown> | undefined): boolean {
  return Boolean(record && record.sk === 'ITEM' && String(record.pk).startsWith('ITEM#'));
}

export const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

export function toIndexRecord(record: Record<string, unknown>): IndexRecord {
  const r = record as {
    id: string;
    area: AreaCode;
    category: Category;
    status: ItemStatus;
    fiscalYear: number;
    body: { id: string };
    plannedTiyn: number;
    contractedTiyn: number;
    spentTiyn: number;
    period: { start: string; end: string };
    location: { point: [number, number]; address?: string };
    title: Localized;
    description?: Localized;
    programmeCode?: string;
    milestones?: MilestoneFacts[];
    contractor?: { name: string; bin: string };
    amendments?: ItemFlagInput['amendments'];
    tender?: ItemFlagInput['tender'];
    flags?: unknown;
  };
  const fl = [
    ...itemFlags({
      ...(r.amendments ? { amendments: r.amendments } : {}),
      ...(r.tender ? { tender: r.tender } : {}),
      ...(r.contractor ? { contractorBin: r.contractor.bin } : {}),
    }),
    ...(Array.isArray(r.flags) ? r.flags.filter((f): f is string => typeof f === 'string') : []),
  ];
  const shown = r.contractor ? contractorView(r.contractor) : undefined;
  const m = milestoneFacts(r.milestones);
  return {
    id: r.id,
    a: r.area,
    c: r.category,
    s: r.status,
    y: Number(r.fiscalYear),
    b: r.body.id,
    p: Number(r.plannedTiyn),
    k: Number(r.contractedTiyn),
    sp: Number(r.spentTiyn),
    pt: [round5(Number(r.location.point[0])), round5(Number(r.location.point[1]))],
    ps: r.period.start,
    pe: r.period.end,
    t: searchTokens(r, shown),
    ...(shown?.bin ? { cb: shown.bin } : {}),
    ...(fl.length ? { fl: [...new Set(fl)].sort() } : {}),
    ...(m.handoverDue ? { hd: m.handoverDue } : {}),
    ...(m.handoverMet ? { hm: 1 as const } : {}),
    ...(m.milestonesTotal ? { mn: m.milestonesTotal, mm: m.milestonesMet ?? 0 } : {}),
  };
}

/**
 * What a search finds an item by, most telling first (a long description is cut at the token cap,
 * never the title): titles, the contractor's name and BIN (an IIN's digits are never indexed),
 * the programme code, the address, the category's names, the descriptions.
 */
function searchTokens(
  r: {
    title: Localized;
    description?: Localized;
    programmeCode?: string;
    category: Category;
    location: { address?: string };
  },
  shown: { name: string; bin?: string } | undefined,
): string {
  const d = r.description;
  return indexTokens(
    r.title.kk,
    r.title.ru,
    r.title.en,
    shown?.name,
    shown?.bin,
    r.programmeCode,
    r.location.address,
    CATEGORY_SEARCH_WORDS[r.category],
    d?.kk,
    d?.ru,
    d?.en,
  ).join(' ');
}

/** The execution-state milestone figures of a compact record. */
export function milestonesOf(r: IndexedRecord): ExecutionMilestones {
  return {
    ...(r.hd ? { handoverDue: r.hd, handoverMet: r.hm === 1 } : {}),
    ...(r.mn ? { milestonesTotal: r.mn, milestonesMet: r.mm ?? 0 } : {}),
  };
}

/** The item's line or polygon for `GET /api/map/shapes`, or null when it has only a point. */
export function toShapeFeature(record: Record<string, unknown>): ShapeFeature | null {
  const r = record as { id: string; category: Category; location: { geometry?: ShapeFeature['geometry'] } };
  const g = r.location.geometry;
  if (!g) return null;
  const coordinates =
    g.type === 'LineString'
      ? g.coordinates.map(roundPosition)
      : g.coordinates.map((ring) => ring.map(roundPosition));
  return {
    type: 'Feature',
    geometry: { type: g.type, coordinates } as ShapeFeature['geometry'],
    properties: { id: r.id, c: r.category },
  };
}

function roundPosition(p: [number, number]): [number, number] {
  return [round5(Number(p[0])), round5(Number(p[1]))];
}
