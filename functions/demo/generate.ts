/**
 * Deterministic demo data for Zhambyl region: the same seed always gives the same items, so tests,
 * screenshots and benchmarks are repeatable. Every item is labelled as demo data in its provenance
 * and description; places are real settlements from the gazetteer, the projects, contractors and
 * figures are invented but shaped like the real thing: one administrator code per body, contractors
 * with valid BINs working near their base in one or two lines of work, spending never above the
 * contract, milestones met in order, and a few deliberate patterns for the integrity lens
 * (`generateDemo().patterns`).
 */
import { ulid } from 'ulid';
import { type AreaCode, areaByCode, DEMO_RADIUS_KM } from '../../shared/areas';
import { withControlDigit } from '../../shared/bin';
import { CATEGORIES, type Category, type ItemStatus } from '../../shared/categories';
import { centreOf, type GazetteerPlace, kmBetween, PLACES } from '../../shared/gazetteer';
import type { Localized } from '../../shared/i18n-text';
import type { Amendment, Item } from '../../shared/item';

type Milestone = Item['milestones'][number];

import { fromTiyn } from '../../shared/money';
import { DEMO_BODIES, type DemoBody } from './bodies';
import {
  ADMINISTRATOR_CODE,
  AKIMAT_ADMINISTRATOR_CODE,
  CONTRACTORS,
  type DemoContractor,
  OBJECTS,
  PROGRAMME_OF,
  STREETS,
} from './catalogue';

/** A small, fast, seedable PRNG (mulberry32); Math.random would make the data differ every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: Rand, lo: number, hi: number) => lo + r() * (hi - lo);
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** The day the demo's history is written up to: milestones due before it are met or missed. */
export const DEMO_TODAY = '2026-11-28';
/**
 * When the demo dataset was last refreshed (the map's freshness line): the morning of DEMO_TODAY,
 * 06:00 in Almaty. Every item's own "as of" (its last source update) is at or before it.
 */
export const DEMO_UPDATED_AT = '2026-11-28T01:00:00.000Z';
/** Fixed ULID time so ids are the same on every run (2026-01-01T00:00:00Z). */
const ID_EPOCH = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** Taraz and the two district centres that are towns; every other centre is a village (ауыл / село). */
const TOWNS = new Set(['sarysu-centre', 'talas-centre']);

/** "Меркі ауылы" / "село Мерке": the settlement as running text and addresses name it. */
export function settlementName(place: GazetteerPlace): Localized {
  if (place.id === 'taraz') return { kk: 'Тараз қаласы', ru: 'город Тараз', en: 'Taraz city' };
  return TOWNS.has(place.id)
    ? { kk: `${place.name.kk} қаласы`, ru: `город ${place.name.ru}`, en: `${place.name.en} town` }
    : { kk: `${place.name.kk} ауылы`, ru: `село ${place.name.ru}`, en: `${place.name.en} village` };
}

/** Settlement-level address, kk then ru: region, district (not for Taraz), settlement. */
export function demoAddress(place: GazetteerPlace): string {
  const s = settlementName(place);
  const area = areaByCode(place.area);
  const district = place.area === 'taraz' ? null : area.name;
  const kk = ['Жамбыл облысы', district?.kk, s.kk].filter(Boolean).join(', ');
  const ru = ['Жамбылская область', district?.ru, s.ru].filter(Boolean).join(', ');
  return `${kk} / ${ru}`;
}

/** A BIN of a resident legal entity registered in `year`/`month`, with a valid control digit. */
export function demoBin(year: number, month: number, serial: number): string {
  for (let n = serial; ; n++) {
    const first11 = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}40${String(n % 100_000).padStart(5, '0')}`;
    const bin = withControlDigit(first11);
    if (bin) return bin;
  }
}

export interface DemoContractorRecord extends DemoContractor {
  bin: string;
  /** The base and its two nearest districts: where it takes contracts. */
  areas: AreaCode[];
}

const LOCATED_AREAS = [...new Set(PLACES.map((p) => p.area))];

function neighbours(base: AreaCode): AreaCode[] {
  const c = centreOf(base)!;
  return LOCATED_AREAS.filter((a) => a !== base)
    .map((a) => ({ a, km: kmBetween(c.lon, c.lat, centreOf(a)!.lon, centreOf(a)!.lat) }))
    .sort((x, y) => x.km - y.km)
    .slice(0, 2)
    .map((x) => x.a);
}

export const DEMO_CONTRACTORS: readonly DemoContractorRecord[] = CONTRACTORS.map((c, i) => ({
  ...c,
  name: `ЖШС «${c.name}» (демо)`,
  bin: demoBin(c.registered[0], c.registered[1], 1_000 + i * 3_217),
  areas: [c.base, ...neighbours(c.base)],
}));

/** The body that gives nearly all of its contracts to one contractor: a pattern the lens should show. */
export const FAVOURING = { bodyId: 'akimat-merki', contractor: 'ЖШС «Меркі Құрылыс» (демо)' } as const;

export interface DemoPatterns {
  /** A contract amended up (its amount raised by a supplementary agreement). */
  amendedUp: string;
  /** Past its end date, handover missed. */
  late: string;
  /** Most of the money paid while the works are far from done. */
  paidAhead: string;
}

function administratorCode(body: DemoBody): string {
  return body.area ? AKIMAT_ADMINISTRATOR_CODE : ADMINISTRATOR_CODE[body.id]!;
}

function bodyFor(r: Rand, category: Category, area: AreaCode): DemoBody {
  const regional = DEMO_BODIES.filter((b) => !b.area && b.categories.includes(category));
  const akimat = DEMO_BODIES.find((b) => b.area === area)!;
  if (!akimat.categories.includes(category) || (regional.length > 0 && r() < 0.4)) {
    return regional.length > 0 ? pick(r, regional) : akimat;
  }
  return akimat;
}

function contractorsFor(category: Category, area: AreaCode): DemoContractorRecord[] {
  return DEMO_CONTRACTORS.filter((c) => c.categories.includes(category) && c.areas.includes(area));
}

/** A point `maxKm` or less from the place, uniform over the disc (sqrt keeps the density even). */
function pointNear(r: Rand, place: GazetteerPlace, maxKm: number): [number, number] {
  const dist = maxKm * Math.sqrt(r());
  const angle = r() * 2 * Math.PI;
  const lat = place.lat + (dist * Math.sin(angle)) / 111.32;
  const lon = place.lon + (dist * Math.cos(angle)) / (111.32 * Math.cos((place.lat * Math.PI) / 180));
  return [round5(lon), round5(lat)];
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function statusFor(r: Rand, year: number): ItemStatus {
  const x = r();
  if (year < 2026)
    return x < 0.8 ? 'completed' : x < 0.93 ? 'in_progress' : x < 0.97 ? 'suspended' : 'cancelled';
  if (year > 2026) return x < 0.6 ? 'planned' : 'procurement';
  return x < 0.6 ? 'in_progress' : x < 0.9 ? 'completed' : x < 0.96 ? 'suspended' : 'cancelled';
}

const MILESTONE_TITLES: Localized[] = [
  { kk: 'Шарт жасалды', ru: 'Договор заключён', en: 'Contract signed' },
  { kk: 'Жұмыс басталды', ru: 'Работы начаты', en: 'Works started' },
  { kk: 'Жұмыстың жартысы орындалды', ru: 'Выполнена половина работ', en: 'Half of the works done' },
  { kk: 'Пайдалануға берілді', ru: 'Введён в эксплуатацию', en: 'Handed over' },
];

/**
 * Milestones in order: the first `metCount` are met (on dates that never go backwards and never
 * pass today), the rest are missed when their date has passed on an active item, cancelled on a
 * cancelled item, else scheduled. A later milestone is never met before an earlier one.
 */
function milestonesFor(
  r: Rand,
  startMs: number,
  endMs: number,
  status: ItemStatus,
  metCount: number,
): Milestone[] {
  const today = dayMs(DEMO_TODAY);
  let lastMet = startMs;
  return MILESTONE_TITLES.map((title, k) => {
    // The handover is the OCDS "delivery" milestone the execution state reads.
    const type = k === MILESTONE_TITLES.length - 1 ? { type: 'delivery' as const } : {};
    const due = startMs + Math.round(((endMs - startMs) * k) / 3 / DAY) * DAY;
    if (k < metCount) {
      const met = Math.min(today, Math.max(lastMet, due + Math.floor(r() * 12) * DAY));
      lastMet = met;
      return {
        id: `m${k + 1}`,
        title,
        due: isoDate(due),
        met: isoDate(met),
        status: 'met' as const,
        ...type,
      };
    }
    const state =
      status === 'cancelled'
        ? ('cancelled' as const)
        : due < today && (status === 'in_progress' || status === 'suspended')
          ? ('missed' as const)
          : ('scheduled' as const);
    return { id: `m${k + 1}`, title, due: isoDate(due), status: state, ...type };
  });
}

/**
 * An item's last source update, as a portal would show it: an active object is reported on every few
 * weeks, a finished one soon after its last milestone or its end, a cancelled one after its last
 * event, a planned one when its plan was last revised. Drawn from its own generator (`r`, seeded by
 * the item), so the other figures stay what they were; a working hour in Almaty, never after
 * DEMO_UPDATED_AT.
 */
function lastSourceUpdate(
  r: Rand,
  status: ItemStatus,
  startMs: number,
  endMs: number,
  milestones: readonly Milestone[],
): string {
  const today = dayMs(DEMO_TODAY);
  const lastMet = Math.max(startMs, ...milestones.flatMap((m) => (m.met ? [dayMs(m.met)] : [])));
  let day: number;
  if (status === 'in_progress' || status === 'suspended')
    day = Math.max(lastMet, today - Math.floor(between(r, 1, status === 'suspended' ? 75 : 35)) * DAY);
  else if (status === 'completed') day = Math.max(lastMet, endMs) + Math.floor(between(r, 2, 30)) * DAY;
  else if (status === 'cancelled') day = lastMet + Math.floor(between(r, 10, 90)) * DAY;
  else day = today - Math.floor(between(r, 3, 120)) * DAY;
  day = Math.min(day, today);
  // 09:00–17:59 Almaty (UTC+5) is 04:00–12:59 UTC; today's updates came before the 06:00 refresh.
  const minute = day === today ? Math.floor(between(r, 0, 60)) : Math.floor(between(r, 4 * 60, 13 * 60));
  return new Date(day + minute * 60_000).toISOString();
}

export interface GenerateOptions {
  count?: number;
  seed?: number;
}

/** Areas weighted roughly by population: Taraz holds a third of the region's people. */
const AREA_WEIGHTS: [AreaCode, number][] = LOCATED_AREAS.map((a) => [a, a === 'taraz' ? 3 : 1]);
function pickArea(r: Rand): AreaCode {
  const total = AREA_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [a, w] of AREA_WEIGHTS) {
    x -= w;
    if (x < 0) return a;
  }
  return AREA_WEIGHTS[0]![0];
}

export function generateDemoItems({ count = 300, seed = 2026 }: GenerateOptions = {}): Item[] {
  return generateDemo({ count, seed }).items;
}

/** The items and which of them carry the deliberate patterns. */
export function generateDemo({ count = 300, seed = 2026 }: GenerateOptions = {}): {
  items: Item[];
  patterns: DemoPatterns;
} {
  const r = prng(seed);
  const items: Item[] = [];
  const titles = new Set<string>();
  const patterns: Partial<DemoPatterns> = {};
  for (let i = 0; i < count; i++) {
    // Round-robin over areas and categories first so even small sets cover all of them.
    const area = i < LOCATED_AREAS.length ? LOCATED_AREAS[i]! : pickArea(r);
    const places = PLACES.filter((p) => p.area === area);
    const place = pick(r, places);
    const year = pick(r, [2024, 2025, 2026, 2026, 2026, 2026, 2027]);
    const status = statusFor(r, year);
    const contracted = status !== 'planned' && status !== 'procurement';
    let category = i < CATEGORIES.length ? CATEGORIES[i]! : pick(r, CATEGORIES);
    if (contracted && contractorsFor(category, area).length === 0) {
      // No demo firm works in this line near here: take a line of work one does.
      const covered = CATEGORIES.filter((c) => contractorsFor(c, area).length > 0);
      category = pick(r, covered);
    }
    const favoured = DEMO_CONTRACTORS.find((c) => c.name === FAVOURING.contractor)!;
    if (contracted && area === favoured.base && i >= CATEGORIES.length && r() < 0.5) {
      // Most of the favouring akimat's work is in the favoured firm's lines, as such patterns arise.
      category = pick(r, favoured.categories);
    }
    const body = bodyFor(r, category, area);
    const kind = pick(r, OBJECTS[category]);

    // Distinct objects: draw another street or number until the title is new (bounded, so a huge
    // count still ends; the tests hold the share of distinct titles).
    // A village has a handful of schools and clinics, Taraz dozens.
    const maxNumber = place.id === 'taraz' ? 50 : TOWNS.has(place.id) ? 15 : 8;
    let title: Localized = { kk: '' };
    for (let attempt = 0; attempt < 25; attempt++) {
      const slot = { street: pick(r, STREETS), n: 1 + Math.floor(r() * maxNumber) };
      const t = kind.title(slot);
      title = {
        kk: `${place.name.kk}: ${t.kk}`,
        ru: `${place.name.ru}: ${t.ru}`,
        en: `${place.name.en}: ${t.en}`,
      };
      if (!titles.has(title.ru!)) break;
    }
    titles.add(title.ru!);

    const plannedTiyn = BigInt(Math.round(between(r, kind.millions[0], kind.millions[1]) * 1000)) * 100_000n;
    let contractedTiyn = contracted ? (plannedTiyn * BigInt(Math.round(between(r, 850, 990)))) / 1000n : 0n;

    // Period: contracted works started in their year; planned ones start next spring.
    const startMs =
      year > 2026
        ? Date.UTC(year, 2 + Math.floor(r() * 3), 1 + Math.floor(r() * 27))
        : Date.UTC(year, Math.floor(r() * 6), 1 + Math.floor(r() * 27));
    const today = dayMs(DEMO_TODAY);
    let endMs = startMs + Math.round(between(r, 120, 420)) * DAY;
    // A completed object was finished before today.
    if (status === 'completed' && endMs > today - 7 * DAY)
      endMs = today - Math.round(between(r, 7, 60)) * DAY;
    if (endMs <= startMs) endMs = startMs + 60 * DAY;
    const elapsed = Math.min(1, Math.max(0, (today - startMs) / (endMs - startMs)));

    let spentShare: number;
    let metCount: number;
    const dueCount = [0, 1, 2, 3].filter((k) => startMs + ((endMs - startMs) * k) / 3 < today).length;
    if (status === 'completed') {
      spentShare = between(r, 0.97, 1);
      metCount = 4;
    } else if (status === 'in_progress') {
      const lagging = r() < 0.3;
      spentShare = Math.min(0.98, elapsed * (lagging ? between(r, 0.15, 0.5) : between(r, 0.75, 1.05)));
      metCount = lagging ? Math.min(dueCount, 2) : Math.min(dueCount, 3);
    } else if (status === 'suspended') {
      spentShare = between(r, 0.1, 0.5);
      metCount = Math.min(dueCount, 2);
    } else if (status === 'cancelled') {
      spentShare = 0;
      metCount = Math.min(dueCount, 1);
    } else {
      spentShare = 0;
      metCount = 0;
    }

    let description: Localized = {
      kk: `${kind.description.kk} Демо-деректер: жоба ойдан құрастырылған, сомалар шынайы емес.`,
      ru: `${kind.description.ru} Демо-данные: проект вымышлен, суммы не настоящие.`,
      en: `${kind.description.en} Demo data: the project is invented and its figures are not real.`,
    };

    let amendment: Amendment | undefined;
    // The deliberate patterns, each on the first item that fits it.
    if (status === 'in_progress' && contracted) {
      if (!patterns.amendedUp) {
        patterns.amendedUp = 'pending';
        // Above the lens's 20 % threshold (R-AMENDED-UP), and kept as an amendment so the item's
        // money history shows the value at award and after; signed two fifths into the works.
        const raised = (contractedTiyn * 125n) / 100n;
        amendment = {
          id: 'supplementary-agreement-1',
          date: isoDate(startMs + Math.round(((Math.min(today, endMs) - startMs) * 0.4) / DAY) * DAY),
          valueBefore: fromTiyn(contractedTiyn),
          valueAfter: fromTiyn(raised),
        };
        contractedTiyn = raised;
        description = {
          kk: `${description.kk} Қосымша келісіммен шарт сомасы 25 %-ға ұлғайтылды.`,
          ru: `${description.ru} Дополнительным соглашением сумма договора увеличена на 25 %.`,
          en: `${description.en} A supplementary agreement raised the contract by 25 %.`,
        };
      } else if (!patterns.late && endMs < today) {
        patterns.late = 'pending';
        spentShare = 0.8;
        metCount = 2;
      } else if (!patterns.paidAhead && elapsed > 0.35 && elapsed < 0.65) {
        patterns.paidAhead = 'pending';
        spentShare = 0.95;
        metCount = Math.min(dueCount, 2);
      }
    }
    const spentTiyn = (contractedTiyn * BigInt(Math.round(spentShare * 1000))) / 1000n;

    let contractor: DemoContractorRecord | undefined;
    if (contracted) {
      const options = contractorsFor(category, area);
      const favourite = options.find((c) => c === favoured);
      contractor = body.id === FAVOURING.bodyId && favourite && r() < 0.9 ? favourite : pick(r, options);
    }

    // Lines and areas stay near the point: everything lies within DEMO_RADIUS_KM + 1 of the place.
    const point = pointNear(r, place, DEMO_RADIUS_KM - 1);
    const geometry =
      kind.shape === 'line'
        ? {
            type: 'LineString' as const,
            coordinates: [
              point,
              [point[0] + between(r, -0.006, 0.006), point[1] + between(r, -0.004, 0.004)],
              [point[0] + between(r, -0.008, 0.008), point[1] + between(r, -0.005, 0.005)],
            ].map(([x, y]) => [round5(x!), round5(y!)] as [number, number]),
          }
        : kind.shape === 'area'
          ? {
              type: 'Polygon' as const,
              coordinates: [
                [
                  [point[0] - 0.004, point[1] - 0.003],
                  [point[0] + 0.004, point[1] - 0.003],
                  [point[0] + 0.004, point[1] + 0.003],
                  [point[0] - 0.004, point[1] + 0.003],
                  [point[0] - 0.004, point[1] - 0.003],
                ].map(([x, y]) => [round5(x!), round5(y!)] as [number, number]),
              ],
            }
          : undefined;

    const id = ulid(ID_EPOCH + i, r);
    const milestones = milestonesFor(r, startMs, endMs, status, metCount);
    for (const key of ['amendedUp', 'late', 'paidAhead'] as const)
      if (patterns[key] === 'pending') patterns[key] = id;
    items.push({
      id,
      title,
      description,
      category,
      area,
      body: { id: body.id, name: body.name },
      programmeCode: `${administratorCode(body)}-${PROGRAMME_OF[category]}-${kind.sub}`,
      fiscalYear: year,
      amounts: {
        planned: fromTiyn(plannedTiyn > contractedTiyn ? plannedTiyn : contractedTiyn),
        contracted: fromTiyn(contractedTiyn),
        spent: fromTiyn(spentTiyn),
      },
      status,
      ...(contractor ? { contractor: { name: contractor.name, bin: contractor.bin } } : {}),
      period: { start: isoDate(startMs), end: isoDate(endMs) },
      location: { point, ...(geometry ? { geometry } : {}), address: demoAddress(place) },
      milestones,
      ...(amendment ? { amendments: [amendment] } : {}),
      provenance: {
        // No sourceName: the web names the 'demo' source in the reader's language.
        source: 'demo',
        sourceId: `demo-${seed}-${i}`,
        updatedAt: lastSourceUpdate(prng(seed * 7919 + i), status, startMs, endMs, milestones),
      },
    });
  }
  return {
    items,
    patterns: {
      amendedUp: patterns.amendedUp ?? '',
      late: patterns.late ?? '',
      paidAhead: patterns.paidAhead ?? '',
    },
  };
}
