/**
 * What a site visit checks, per category, and the answers a point and a visit can take. Free of zod so
 * the web's visit form imports it without pulling the schemas (shared/visits.ts re-exports it).
 */
import type { Category } from './categories';

export const COMMON_POINTS = ['works_under_way', 'workers_on_site', 'site_safety', 'signboard'] as const;
export const ROAD_POINTS = ['surface', 'potholes', 'markings', 'drainage', 'kerbs', 'signs'] as const;
export const BUILDING_POINTS = ['roof', 'heating', 'windows', 'sanitation', 'step_free_access'] as const;
export const WATER_POINTS = ['leaks', 'pressure', 'metering'] as const;

export const CHECK_POINTS = [...COMMON_POINTS, ...ROAD_POINTS, ...BUILDING_POINTS, ...WATER_POINTS] as const;
export type CheckPoint = (typeof CHECK_POINTS)[number];

/** The checklist a visit to an item of this category offers: its own points, then the common ones. */
export function checklistFor(category: Category): CheckPoint[] {
  const own: readonly CheckPoint[] =
    category === 'roads' || category === 'transport'
      ? ROAD_POINTS
      : category === 'education' || category === 'health'
        ? BUILDING_POINTS
        : category === 'water_supply' || category === 'housing_utilities'
          ? WATER_POINTS
          : [];
  return [...own, ...COMMON_POINTS];
}

export const CHECK_RESULTS = ['ok', 'problem', 'cannot_tell'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** Does what is on site match the item's reported status and milestones? */
export const VERDICTS = ['matches', 'does_not_match', 'cannot_tell'] as const;
export type Verdict = (typeof VERDICTS)[number];
