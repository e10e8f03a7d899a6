/**
 * The compact per-item record the map feed, search and stats are built from. One per item, made
 * from the stored table record (full rebuild) or a stream image (incremental), so both paths agree.
 */
import type { AreaCode } from '../../shared/areas';
import type { Category, ItemStatus } from '../../shared/categories';
import { type ExecutionMilestones, type MilestoneFacts, milestoneFacts } from '../../shared/execution';
import type { ShapeFeature } from '../../shared/feed';
import type { Localized } from '../../shared/i18n-text';
import { tokenize } from './text';

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
  /** folded title words in every language, space-separated */
  t: string;
  /** handover milestone due date and 1 when met; milestones counted and met (execution state) */
  hd?: string;
  hm?: 1;
  mn?: number;
  mm?: number;
}

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
    location: { point: [number, number] };
    title: Localized;
    milestones?: MilestoneFacts[];
  };
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
    t: tokenize(r.title.kk, r.title.ru, r.title.en).join(' '),
    ...(m.handoverDue ? { hd: m.handoverDue } : {}),
    ...(m.handoverMet ? { hm: 1 as const } : {}),
    ...(m.milestonesTotal ? { mn: m.milestonesTotal, mm: m.milestonesMet ?? 0 } : {}),
  };
}

/** The execution-state milestone figures of a compact record. */
export function milestonesOf(r: IndexRecord): ExecutionMilestones {
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
