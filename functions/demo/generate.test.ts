import { describe, expect, it } from 'vitest';
import { AREA_CODES, AREAS, REGION_BBOX } from '../../shared/areas';
import { CATEGORIES } from '../../shared/categories';
import { executionState } from '../../shared/execution';
import { ItemInput } from '../../shared/item';
import { toTiyn } from '../../shared/money';
import { DEMO_BODIES } from './bodies';
import { generateDemoItems } from './generate';

const items = generateDemoItems({ count: 300 });

function km(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * 111.32;
  const dLon = (lon2 - lon1) * 111.32 * Math.cos((lat1 * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

describe('demo data', () => {
  it('is deterministic: the same seed gives the same items', () => {
    expect(generateDemoItems({ count: 20 })).toEqual(generateDemoItems({ count: 20 }));
  });

  it('gives every item a valid shape per the item schema', () => {
    for (const item of items) expect(ItemInput.safeParse(item).error).toBeUndefined();
  });

  it('covers all 11 areas and all categories', () => {
    expect(new Set(items.map((i) => i.area))).toEqual(new Set(AREA_CODES));
    expect(new Set(items.map((i) => i.category))).toEqual(new Set(CATEGORIES));
  });

  it('places every point inside its own area and the region', () => {
    const [w, s, e, n] = REGION_BBOX;
    for (const item of items) {
      const [lon, lat] = item.location.point;
      const area = AREAS.find((a) => a.code === item.area)!;
      expect(km(area.lon, area.lat, lon, lat)).toBeLessThanOrEqual(area.demoRadiusKm + 0.01);
      expect(lon >= w && lon <= e && lat >= s && lat <= n).toBe(true);
    }
  });

  it('labels every item as demo data', () => {
    expect(items.every((i) => i.provenance.source === 'demo')).toBe(true);
  });

  it('includes lagging, late, overspent, completed and not-started items', () => {
    const states = new Set(
      items.map((i) =>
        executionState(
          {
            status: i.status,
            plannedTiyn: toTiyn(i.amounts.planned),
            contractedTiyn: toTiyn(i.amounts.contracted),
            spentTiyn: toTiyn(i.amounts.spent),
            periodStart: i.period.start,
            periodEnd: i.period.end,
          },
          '2026-11-28',
        ),
      ),
    );
    for (const s of ['not_started', 'on_track', 'lagging', 'late', 'overspent', 'completed']) {
      expect(states).toContain(s);
    }
  });

  it('addresses items only to demo bodies', () => {
    const ids = new Set(DEMO_BODIES.map((b) => b.id));
    expect(items.every((i) => ids.has(i.body.id))).toBe(true);
  });
});
