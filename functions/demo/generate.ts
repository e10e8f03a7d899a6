/**
 * Deterministic demo data for Zhambyl region: the same seed always gives the same items, so tests,
 * screenshots and benchmarks are repeatable. Every item is labelled as demo data in its provenance;
 * names of places are real, the projects, contractors and figures are invented.
 */
import { ulid } from 'ulid';
import { AREAS, type Area } from '../../shared/areas';
import { CATEGORIES, type Category, type ItemStatus } from '../../shared/categories';
import type { Localized } from '../../shared/i18n-text';
import type { Item } from '../../shared/item';
import { fromTiyn } from '../../shared/money';
import { DEMO_BODIES, type DemoBody } from './bodies';

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

interface Template {
  title: (place: Localized, n: number) => Localized;
  /** Planned amount range in millions of KZT. */
  millions: [number, number];
}

const T = (kk: string, ru: string, en: string) => (place: Localized, n: number) => ({
  kk: kk.replace('{p}', place.kk!).replace('{n}', String(n)),
  ru: ru.replace('{p}', place.ru!).replace('{n}', String(n)),
  en: en.replace('{p}', place.en!).replace('{n}', String(n)),
});

const TEMPLATES: Record<Category, Template[]> = {
  roads: [
    {
      title: T(
        '{p}: {n}-көшенің орташа жөндеуі',
        '{p}: средний ремонт улицы №{n}',
        '{p}: medium repair of street No. {n}',
      ),
      millions: [60, 900],
    },
    {
      title: T(
        '{p}: аудандық маңызы бар жолды күрделі жөндеу',
        '{p}: капитальный ремонт дороги районного значения',
        '{p}: overhaul of a district road',
      ),
      millions: [300, 2500],
    },
    {
      title: T(
        '{p}: тротуарлар мен жарықтандыру',
        '{p}: тротуары и освещение',
        '{p}: pavements and street lighting',
      ),
      millions: [40, 250],
    },
  ],
  education: [
    {
      title: T(
        '{p}: №{n} мектептің шатырын жөндеу',
        '{p}: ремонт кровли школы №{n}',
        '{p}: roof repair of school No. {n}',
      ),
      millions: [20, 150],
    },
    {
      title: T(
        '{p}: 300 орындық мектеп салу',
        '{p}: строительство школы на 300 мест',
        '{p}: construction of a 300-place school',
      ),
      millions: [900, 3500],
    },
    {
      title: T(
        '{p}: №{n} балабақшаны күрделі жөндеу',
        '{p}: капремонт детского сада №{n}',
        '{p}: overhaul of kindergarten No. {n}',
      ),
      millions: [80, 400],
    },
  ],
  health: [
    {
      title: T(
        '{p}: дәрігерлік амбулатория салу',
        '{p}: строительство врачебной амбулатории',
        '{p}: construction of a medical outpatient clinic',
      ),
      millions: [150, 700],
    },
    {
      title: T('{p}: емхананы жабдықтау', '{p}: оснащение поликлиники', '{p}: equipment for the polyclinic'),
      millions: [50, 400],
    },
  ],
  land_relations: [
    {
      title: T(
        '{p}: жер учаскелерін түгендеу',
        '{p}: инвентаризация земельных участков',
        '{p}: land plot inventory',
      ),
      millions: [3, 40],
    },
    {
      title: T(
        '{p}: жайылымдарды геоботаникалық зерттеу',
        '{p}: геоботаническое обследование пастбищ',
        '{p}: geobotanical survey of pastures',
      ),
      millions: [5, 60],
    },
  ],
  housing_utilities: [
    {
      title: T(
        '{p}: көп пәтерлі үйлердің жылу желілерін ауыстыру',
        '{p}: замена тепловых сетей многоквартирных домов',
        '{p}: replacing heating networks of apartment blocks',
      ),
      millions: [100, 900],
    },
    {
      title: T(
        '{p}: кәріз желісін реконструкциялау',
        '{p}: реконструкция канализационной сети',
        '{p}: reconstruction of the sewer network',
      ),
      millions: [150, 1200],
    },
  ],
  water_supply: [
    {
      title: T(
        '{p}: ауыз су құбырын салу',
        '{p}: строительство водопровода',
        '{p}: construction of a drinking-water pipeline',
      ),
      millions: [200, 1500],
    },
    {
      title: T(
        '{p}: су тарату желілерін реконструкциялау',
        '{p}: реконструкция разводящих сетей водоснабжения',
        '{p}: reconstruction of water distribution networks',
      ),
      millions: [120, 900],
    },
  ],
  culture_sport: [
    {
      title: T(
        '{p}: мәдениет үйін жөндеу',
        '{p}: ремонт дома культуры',
        '{p}: repair of the house of culture',
      ),
      millions: [40, 300],
    },
    {
      title: T(
        '{p}: көпфункционалды спорт алаңы',
        '{p}: многофункциональная спортивная площадка',
        '{p}: multi-purpose sports ground',
      ),
      millions: [15, 90],
    },
  ],
  agriculture: [
    {
      title: T(
        '{p}: суару арығын тазарту',
        '{p}: очистка оросительного канала',
        '{p}: cleaning of an irrigation canal',
      ),
      millions: [20, 250],
    },
    {
      title: T(
        '{p}: мал қорымын салу',
        '{p}: строительство скотомогильника',
        '{p}: construction of a cattle burial site',
      ),
      millions: [8, 40],
    },
  ],
  social_protection: [
    {
      title: T(
        '{p}: мүгедектігі бар адамдарға арналған пандустар',
        '{p}: пандусы для людей с инвалидностью',
        '{p}: ramps for people with disabilities',
      ),
      millions: [5, 60],
    },
    {
      title: T(
        '{p}: әлеуметтік қызмет көрсету орталығын жөндеу',
        '{p}: ремонт центра социального обслуживания',
        '{p}: repair of the social services centre',
      ),
      millions: [30, 200],
    },
  ],
  transport: [
    {
      title: T(
        '{p}: аялдама павильондарын орнату',
        '{p}: установка остановочных павильонов',
        '{p}: installing bus-stop shelters',
      ),
      millions: [10, 80],
    },
    {
      title: T(
        '{p}: әлеуметтік маңызы бар автобус бағыттарын субсидиялау',
        '{p}: субсидирование социально значимых автобусных маршрутов',
        '{p}: subsidising socially important bus routes',
      ),
      millions: [50, 400],
    },
  ],
  other: [
    {
      title: T(
        '{p}: елді мекенді абаттандыру',
        '{p}: благоустройство населённого пункта',
        '{p}: landscaping and improvement of the settlement',
      ),
      millions: [10, 200],
    },
  ],
};

const CONTRACTORS = [
  'ТОО «Тараз Жол Құрылыс» (демо)',
  'ТОО «Жамбыл СтройИнвест» (демо)',
  'ТОО «Әулиеата Құрылыс» (демо)',
  'ТОО «Шу Су Арнасы» (демо)',
  'ТОО «Қаратау Инжиниринг» (демо)',
  'ТОО «Мерке Сервис» (демо)',
  'ТОО «Кордай Монтаж» (демо)',
  'ТОО «Жанатас Құрылыс» (демо)',
];

const DEMO_UPDATED_AT = '2026-11-01T06:00:00.000Z';
/** Fixed ULID time so ids are the same on every run (2026-01-01T00:00:00Z). */
const ID_EPOCH = Date.UTC(2026, 0, 1);

function pointIn(r: Rand, area: Area): [number, number] {
  // Uniform over the disc of demoRadiusKm around the area centre: sqrt keeps the density even.
  const dist = area.demoRadiusKm * Math.sqrt(r());
  const angle = r() * 2 * Math.PI;
  const lat = area.lat + (dist * Math.sin(angle)) / 111.32;
  const lon = area.lon + (dist * Math.cos(angle)) / (111.32 * Math.cos((area.lat * Math.PI) / 180));
  return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
}

function bodyFor(r: Rand, category: Category, area: Area): DemoBody {
  const regional = DEMO_BODIES.filter((b) => !b.area && b.categories.includes(category));
  const akimat = DEMO_BODIES.find((b) => b.area === area.code)!;
  if (!akimat.categories.includes(category) || (regional.length > 0 && r() < 0.5)) {
    return regional.length > 0 ? pick(r, regional) : akimat;
  }
  return akimat;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function statusFor(r: Rand, year: number): ItemStatus {
  const x = r();
  if (year < 2026)
    return x < 0.75 ? 'completed' : x < 0.9 ? 'in_progress' : x < 0.96 ? 'suspended' : 'cancelled';
  return x < 0.12
    ? 'planned'
    : x < 0.24
      ? 'procurement'
      : x < 0.78
        ? 'in_progress'
        : x < 0.92
          ? 'completed'
          : x < 0.97
            ? 'suspended'
            : 'cancelled';
}

export interface GenerateOptions {
  count?: number;
  seed?: number;
}

export function generateDemoItems({ count = 300, seed = 2026 }: GenerateOptions = {}): Item[] {
  const r = prng(seed);
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    // Round-robin over areas and categories first so even small sets cover all of them.
    const area = i < AREAS.length ? AREAS[i]! : pick(r, AREAS);
    const category = i < CATEGORIES.length ? CATEGORIES[i]! : pick(r, CATEGORIES);
    const template = pick(r, TEMPLATES[category]);
    const place = area.code === 'taraz' ? area.name : area.centre;
    const body = bodyFor(r, category, area);
    const year = pick(r, [2024, 2025, 2026, 2026, 2026]);
    const status = statusFor(r, year);

    const plannedTiyn =
      BigInt(Math.round(between(r, template.millions[0], template.millions[1]) * 1000)) * 100_000n;
    const contractedTiyn =
      status === 'planned' || status === 'procurement'
        ? 0n
        : (plannedTiyn * BigInt(Math.round(between(r, 850, 1000)))) / 1000n;
    let spentShare: number;
    if (status === 'completed') spentShare = between(r, 0.95, 1);
    else if (status === 'in_progress') {
      const roll = r();
      spentShare =
        roll < 0.1 ? between(r, 1.02, 1.2) : roll < 0.35 ? between(r, 0.02, 0.2) : between(r, 0.3, 0.9);
    } else if (status === 'suspended') spentShare = between(r, 0.1, 0.5);
    else spentShare = 0;
    const spentTiyn = (contractedTiyn * BigInt(Math.round(spentShare * 1000))) / 1000n;

    const startMs = Date.UTC(year, Math.floor(r() * 6), 1 + Math.floor(r() * 27));
    const endMs = startMs + Math.round(between(r, 120, 540)) * 86_400_000;
    const point = pointIn(r, area);

    const milestoneTitles: Localized[] = [
      { kk: 'Шарт жасалды', ru: 'Договор заключён', en: 'Contract signed' },
      { kk: 'Жұмыс басталды', ru: 'Работы начаты', en: 'Works started' },
      { kk: 'Жұмыстың жартысы орындалды', ru: 'Выполнена половина работ', en: 'Half of the works done' },
      { kk: 'Объект тапсырылды', ru: 'Объект сдан', en: 'Handed over' },
    ];
    const today = Date.UTC(2026, 10, 28);
    const milestones = milestoneTitles.map((title, k) => {
      const due = startMs + ((endMs - startMs) * k) / 3;
      const met =
        status !== 'planned' &&
        status !== 'procurement' &&
        due < today &&
        (status === 'completed' || r() < 0.7);
      return {
        id: `m${k + 1}`,
        title,
        due: isoDate(due),
        ...(met ? { met: isoDate(due + Math.floor(r() * 20) * 86_400_000) } : {}),
        status: met
          ? ('met' as const)
          : due < today && status !== 'cancelled'
            ? ('missed' as const)
            : status === 'cancelled'
              ? ('cancelled' as const)
              : ('scheduled' as const),
      };
    });

    const geometry =
      category === 'roads' || category === 'water_supply'
        ? {
            type: 'LineString' as const,
            coordinates: [
              point,
              [point[0] + between(r, -0.03, 0.03), point[1] + between(r, -0.02, 0.02)],
              [point[0] + between(r, -0.05, 0.05), point[1] + between(r, -0.03, 0.03)],
            ].map(([x, y]) => [Math.round(x! * 1e5) / 1e5, Math.round(y! * 1e5) / 1e5] as [number, number]),
          }
        : category === 'land_relations'
          ? {
              type: 'Polygon' as const,
              coordinates: [
                [
                  [point[0] - 0.004, point[1] - 0.003],
                  [point[0] + 0.004, point[1] - 0.003],
                  [point[0] + 0.004, point[1] + 0.003],
                  [point[0] - 0.004, point[1] + 0.003],
                  [point[0] - 0.004, point[1] - 0.003],
                ].map(
                  ([x, y]) => [Math.round(x! * 1e5) / 1e5, Math.round(y! * 1e5) / 1e5] as [number, number],
                ),
              ],
            }
          : undefined;

    const n = 1 + Math.floor(r() * 60);
    items.push({
      id: ulid(ID_EPOCH + i, r),
      title: template.title(place, n),
      description: {
        kk: 'Демо-деректер: бұл жоба ойдан құрастырылған, сомалар шынайы емес.',
        ru: 'Демо-данные: проект вымышлен, суммы не настоящие.',
        en: 'Demo data: this project is invented and its figures are not real.',
      },
      category,
      area: area.code,
      body: { id: body.id, name: body.name },
      programmeCode: `${pick(r, ['253', '254', '255', '256', '261', '271', '279', '451', '458', '464', '485'])}-${String(Math.floor(r() * 100)).padStart(3, '0')}-${String(Math.floor(r() * 20)).padStart(3, '0')}`,
      fiscalYear: year,
      amounts: {
        planned: fromTiyn(plannedTiyn),
        contracted: fromTiyn(contractedTiyn),
        spent: fromTiyn(spentTiyn),
      },
      status,
      ...(contractedTiyn > 0n
        ? {
            contractor: {
              name: pick(r, CONTRACTORS),
              bin: `${String((year % 100) - 8).padStart(2, '0')}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}40${String(Math.floor(r() * 1e6)).padStart(6, '0')}`,
            },
          }
        : {}),
      period: { start: isoDate(startMs), end: isoDate(endMs) },
      location: { point, ...(geometry ? { geometry } : {}) },
      milestones,
      provenance: {
        source: 'demo',
        sourceName: 'Generated demo data',
        sourceId: `demo-${seed}-${i}`,
        updatedAt: DEMO_UPDATED_AT,
      },
    });
  }
  return items;
}
