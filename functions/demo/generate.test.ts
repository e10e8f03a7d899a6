import { describe, expect, it } from 'vitest';
import { AREA_CODES, REGION_BBOX } from '../../shared/areas';
import { binRegistrationMonth, isValidIdentificationNumber } from '../../shared/bin';
import { CATEGORIES } from '../../shared/categories';
import { executionState, milestoneFacts } from '../../shared/execution';
import { kmBetween, PLACES } from '../../shared/gazetteer';
import { toTiyn } from '../../shared/money';
import { ItemInput } from '../api/schemas/item';
import { DEMO_BODIES } from './bodies';
import {
  DEMO_CONTRACTORS,
  DEMO_TODAY,
  DEMO_UPDATED_AT,
  FAVOURING,
  generateDemo,
  generateDemoItems,
} from './generate';

const { items, patterns } = generateDemo({ count: 300 });
const contracted = items.filter((i) => i.contractor);
const tiyn = (a: string) => toTiyn(a);
const state = (i: (typeof items)[number]) =>
  executionState(
    {
      status: i.status,
      plannedTiyn: tiyn(i.amounts.planned),
      contractedTiyn: tiyn(i.amounts.contracted),
      spentTiyn: tiyn(i.amounts.spent),
      periodStart: i.period.start,
      periodEnd: i.period.end,
      ...milestoneFacts(i.milestones),
    },
    DEMO_TODAY,
  );

describe('demo data', () => {
  it('is deterministic: the same seed gives the same items', () => {
    expect(generateDemoItems({ count: 20 })).toEqual(generateDemoItems({ count: 20 }));
  });

  it('gives every item a valid shape per the item schema', () => {
    for (const item of items) expect(ItemInput.safeParse(item).error).toBeUndefined();
  });

  it('covers every area with a located settlement (all but Shu) and every category', () => {
    expect(new Set(items.map((i) => i.area))).toEqual(new Set(AREA_CODES.filter((a) => a !== 'shu')));
    expect(new Set(items.map((i) => i.category))).toEqual(new Set(CATEGORIES));
  });

  it('places every point and vertex within 5 km of a listed settlement of its own district', () => {
    const [w, s, e, n] = REGION_BBOX;
    for (const item of items) {
      const own = PLACES.filter((p) => p.area === item.area);
      const g = item.location.geometry;
      const vertices = [
        item.location.point,
        ...(g?.type === 'LineString' ? g.coordinates : g?.type === 'Polygon' ? g.coordinates.flat() : []),
      ];
      for (const [lon, lat] of vertices) {
        expect(Math.min(...own.map((p) => kmBetween(p.lon, p.lat, lon!, lat!)))).toBeLessThanOrEqual(5);
        expect(lon! >= w && lon! <= e && lat! >= s && lat! <= n).toBe(true);
      }
    }
  });

  it('gives at least 95 % distinct titles, in kk and ru, each with a settlement-level address', () => {
    expect(new Set(items.map((i) => i.title.ru)).size / items.length).toBeGreaterThanOrEqual(0.95);
    expect(new Set(items.map((i) => i.title.kk)).size / items.length).toBeGreaterThanOrEqual(0.95);
    for (const i of items) {
      expect(i.title.kk && i.title.ru).toBeTruthy();
      expect(i.location.address).toMatch(
        /^Жамбыл облысы, .*(ауылы|қаласы) \/ Жамбылская область, .*(село|город) /,
      );
    }
  });

  it('labels every item as demo data, in its provenance and its description', () => {
    for (const i of items) {
      expect(i.provenance.source).toBe('demo');
      expect(i.description?.kk).toMatch(/Демо-деректер/);
      expect(i.description?.ru).toMatch(/Демо-данные/);
    }
  });

  it('never spends above the contract, and contracts only when past procurement', () => {
    for (const i of items) {
      expect(tiyn(i.amounts.spent) <= tiyn(i.amounts.contracted)).toBe(true);
      expect(tiyn(i.amounts.contracted) <= tiyn(i.amounts.planned)).toBe(true);
      const open = i.status === 'planned' || i.status === 'procurement';
      expect(tiyn(i.amounts.contracted) === 0n).toBe(open);
    }
  });

  it('meets milestones in order, on dates that never go backwards or pass the demo day', () => {
    for (const i of items) {
      const statuses = i.milestones.map((m) => m.status);
      const firstUnmet = statuses.findIndex((s) => s !== 'met');
      if (firstUnmet >= 0) expect(statuses.slice(firstUnmet)).not.toContain('met');
      const met = i.milestones.flatMap((m) => (m.met ? [m.met] : []));
      expect(met).toEqual([...met].sort());
      for (const d of met) expect(d <= DEMO_TODAY).toBe(true);
      if (i.status === 'completed') expect(statuses.every((s) => s === 'met')).toBe(true);
    }
  });

  it('gives each body one administrator code, and programme codes under it', () => {
    const codes = new Map<string, Set<string>>();
    for (const i of items) {
      const abp = i.programmeCode.split('-')[0]!;
      codes.set(i.body.id, (codes.get(i.body.id) ?? new Set()).add(abp));
    }
    for (const [, set] of codes) expect(set.size).toBe(1);
  });

  it('uses a fixed set of ~20 contractors with valid BINs registered before their first contract', () => {
    expect(DEMO_CONTRACTORS.length).toBeGreaterThanOrEqual(18);
    expect(DEMO_CONTRACTORS.length).toBeLessThanOrEqual(25);
    expect(new Set(DEMO_CONTRACTORS.map((c) => c.bin)).size).toBe(DEMO_CONTRACTORS.length);
    for (const c of DEMO_CONTRACTORS) {
      expect(isValidIdentificationNumber(c.bin)).toBe(true);
      expect(binRegistrationMonth(c.bin, 2026)).toEqual({ year: c.registered[0], month: c.registered[1] });
    }
    const byBin = new Map(DEMO_CONTRACTORS.map((c) => [c.bin, c]));
    for (const i of contracted) {
      const c = byBin.get(i.contractor!.bin)!;
      expect(c.name).toBe(i.contractor!.name);
      expect(`${c.registered[0]}-${String(c.registered[1]).padStart(2, '0')}` < i.period.start).toBe(true);
    }
  });

  it('has each contractor work in at most 3 neighbouring districts and 1–2 categories', () => {
    const byBin = new Map<string, { areas: Set<string>; cats: Set<string> }>();
    for (const i of contracted) {
      const e = byBin.get(i.contractor!.bin) ?? { areas: new Set(), cats: new Set() };
      e.areas.add(i.area);
      e.cats.add(i.category);
      byBin.set(i.contractor!.bin, e);
    }
    for (const [, e] of byBin) {
      expect(e.areas.size).toBeLessThanOrEqual(3);
      expect(e.cats.size).toBeLessThanOrEqual(2);
    }
  });

  it('shows the deliberate patterns: a favoured contractor, an amended, a late and a paid-ahead contract', () => {
    const favouring = contracted.filter((i) => i.body.id === FAVOURING.bodyId);
    const share =
      favouring.filter((i) => i.contractor!.name === FAVOURING.contractor).length / favouring.length;
    expect(favouring.length).toBeGreaterThanOrEqual(4);
    expect(share).toBeGreaterThanOrEqual(0.6);

    const byId = new Map(items.map((i) => [i.id, i]));
    const amended = byId.get(patterns.amendedUp)!;
    expect(amended.description?.ru).toMatch(/увеличена на 25 %/);
    // Kept as an amendment, so the money history shows the value at award and after it.
    const [a] = amended.amendments!;
    expect(a!.valueAfter).toBe(amended.amounts.contracted);
    expect((tiyn(a!.valueBefore) * 125n) / 100n).toBe(tiyn(a!.valueAfter));
    expect(a!.date > amended.period.start && a!.date < DEMO_TODAY).toBe(true);
    const late = byId.get(patterns.late)!;
    expect(late.status).toBe('in_progress');
    expect(late.period.end < DEMO_TODAY).toBe(true);
    expect(late.milestones.at(-1)!.status).toBe('missed');
    const ahead = byId.get(patterns.paidAhead)!;
    expect(Number(ahead.amounts.spent) / Number(ahead.amounts.contracted)).toBeGreaterThan(0.9);
    expect(ahead.milestones.at(-1)!.status).not.toBe('met');
  });

  it('includes lagging, late, paid-ahead, on-track, completed and not-started items and none overspent', () => {
    const states = new Set(items.map(state));
    for (const s of ['not_started', 'on_track', 'lagging', 'late', 'paid_ahead', 'completed'])
      expect(states).toContain(s);
    expect(states).not.toContain('overspent');
  });

  it('dates each item "as of" its own last source update: varied, after its last event, never after the refresh', () => {
    const asOf = items.map((i) => i.provenance.updatedAt);
    expect(new Set(asOf.map((d) => d.slice(0, 10))).size).toBeGreaterThanOrEqual(100);
    for (const i of items) {
      const at = i.provenance.updatedAt;
      expect(at <= DEMO_UPDATED_AT).toBe(true);
      if (i.contractor) expect(at.slice(0, 10) >= i.period.start).toBe(true);
      for (const m of i.milestones) if (m.met) expect(at.slice(0, 10) >= m.met).toBe(true);
      // A working hour in Almaty (UTC+5), or the refresh morning's first hour.
      const hour = new Date(at).getUTCHours();
      expect(hour >= 4 ? hour < 13 : hour === 0).toBe(true);
    }
  });

  it('addresses items only to demo bodies', () => {
    const ids = new Set(DEMO_BODIES.map((b) => b.id));
    expect(items.every((i) => ids.has(i.body.id))).toBe(true);
  });
});
