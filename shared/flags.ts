/**
 * Risk flags: each a reason to look, not a verdict. Every flag has a code, a formula, the data it
 * needs, its threshold, the minimum sample below which it stays silent, and where it comes from.
 * Execution states (`late`, `paid_ahead`) are not repeated as flags.
 *
 * Item-only flags (`scope: 'item'`) are computed where the map feed is built; group and calendar
 * flags (`scope: 'group' | 'calendar'`) by a job that writes them onto the item records.
 */
import { binRegistrationMonth } from './bin';

export const FLAG_CODES = [
  'R-AMENDED-UP',
  'R-SINGLE-BID',
  'R-CONCENTRATION',
  'R-REPEAT-AWARD',
  'R-NEW-COMPANY',
  'R-STALE',
  'R-SITE-CONTESTED',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

type L = { kk: string; ru: string; en: string };

export interface FlagDefinition {
  code: FlagCode;
  scope: 'item' | 'group' | 'calendar' | 'evidence';
  formula: string;
  dataNeeded: string;
  threshold: string;
  minimumSample: string;
  source: string;
  /**
   * The published sources by their own (English) titles, shown as quoted sources beside the
   * translated meaning (`<cite lang="en">`); empty for the hub's own rules.
   */
  cites: readonly string[];
  /** Neutral wording, shown on pins, panels and /flags. */
  title: L;
}

export const AMENDED_UP_PERCENT = 20n;
export const CONCENTRATION_SHARE_PERCENT = 50n;
/** A body needs at least this many contracts in a year before its concentration is judged. */
export const CONCENTRATION_MIN_CONTRACTS = 3;
export const REPEAT_AWARD_MIN = 3;
export const NEW_COMPANY_MONTHS = 6;
export const STALE_DAYS = 90;

export const FLAGS: readonly FlagDefinition[] = [
  {
    code: 'R-AMENDED-UP',
    scope: 'item',
    formula: '(current contract value − value at award) / value at award > 20 %',
    dataNeeded:
      'amendments (valueBefore of the first, valueAfter of the last) or the contract value at award',
    threshold: '> 20 %',
    minimumSample: 'one amendment with a value at award above 0',
    source: 'OCP "Red Flags for Integrity" (2016): contract amendments raising the value; Cardinal-style',
    cites: ['Open Contracting Partnership, “Red Flags for Integrity” (2016)', 'Cardinal'],
    title: {
      kk: 'Шарт құны жасалғаннан кейін 20 %-дан астам өсті',
      ru: 'Стоимость договора после заключения выросла более чем на 20 %',
      en: 'Contract value raised by more than 20 % after award',
    },
  },
  {
    code: 'R-SINGLE-BID',
    scope: 'item',
    formula: 'numberOfTenderers = 1, or procurementMethod ∈ {limited, direct}',
    dataNeeded: 'tender.numberOfTenderers or tender.procurementMethod (OCDS / the portal trade method)',
    threshold: 'one tenderer or a non-competitive method',
    minimumSample: 'the tender data present (silent when absent)',
    source: 'Cardinal R018 "Single bid received"; OCP Red Flags guide; DOZORRO risk indicators',
    cites: [
      'Cardinal R018 “Single bid received”',
      'Open Contracting Partnership, “Red Flags for Integrity” (2016)',
      'DOZORRO risk indicators',
    ],
    title: {
      kk: 'Бір ғана өтінім немесе бәсекесіз тәсіл',
      ru: 'Одна заявка или неконкурентный способ закупки',
      en: 'One tenderer or a non-competitive method',
    },
  },
  {
    code: 'R-CONCENTRATION',
    scope: 'group',
    formula:
      "contractor's contracted value / body's contracted value in the fiscal year ≥ 50 % (HHI shown beside)",
    dataNeeded: 'contracted amount, contractor BIN, body and fiscal year of every item',
    threshold: '≥ 50 %',
    minimumSample: `the body has ≥ ${CONCENTRATION_MIN_CONTRACTS} contracts that year`,
    source: 'OCP Red Flags guide (supplier concentration); Herfindahl–Hirschman index',
    cites: ['Open Contracting Partnership, “Red Flags for Integrity” (2016)'],
    title: {
      kk: 'Бір мердігер органның жылдық шарт құнының жартысынан көбін алады',
      ru: 'Один подрядчик получает половину и более годовой суммы договоров органа',
      en: "One contractor holds half or more of the body's contracted value in the year",
    },
  },
  {
    code: 'R-REPEAT-AWARD',
    scope: 'group',
    formula: 'contracts of the same body with the same contractor in the fiscal year ≥ 3',
    dataNeeded: 'contractor BIN, body and fiscal year of every item',
    threshold: '≥ 3 contracts',
    minimumSample: '3 contracts',
    source: 'OCP Red Flags guide (repeat awards to the same supplier); DOZORRO risk indicators',
    cites: ['Open Contracting Partnership, “Red Flags for Integrity” (2016)', 'DOZORRO risk indicators'],
    title: {
      kk: 'Бір орган бір мердігермен жылына 3 немесе одан көп шарт жасады',
      ru: 'Один орган заключил с одним подрядчиком 3 и более договоров за год',
      en: 'The same body awarded the same contractor 3 or more contracts in a year',
    },
  },
  {
    code: 'R-NEW-COMPANY',
    scope: 'item',
    formula: 'award month − BIN registration month < 6 months (BINs only, never an IIN)',
    dataNeeded: 'contractor BIN and tender.awardDate',
    threshold: '< 6 months',
    minimumSample: 'a BIN and an award date',
    source: 'OCP Red Flags guide (newly created supplier); DOZORRO risk indicators',
    cites: ['Open Contracting Partnership, “Red Flags for Integrity” (2016)', 'DOZORRO risk indicators'],
    title: {
      kk: 'Мердігер шарт жасалардан 6 айдан аз бұрын тіркелген',
      ru: 'Подрядчик зарегистрирован менее чем за 6 месяцев до заключения договора',
      en: 'Contractor registered less than 6 months before the award',
    },
  },
  {
    code: 'R-STALE',
    scope: 'calendar',
    formula: 'status in progress and today − provenance.updatedAt ≥ 90 days',
    dataNeeded: 'status and the date of the last data update',
    threshold: '≥ 90 days',
    minimumSample: 'one item',
    source: 'This hub (data freshness)',
    cites: [],
    title: {
      kk: 'Жұмыс жүріп жатыр, бірақ деректер 90 күн бойы жаңартылмаған',
      ru: 'Работы идут, но данные не обновлялись 90 дней',
      en: 'In progress with no data update for 90 days',
    },
  },
  {
    code: 'R-SITE-CONTESTED',
    scope: 'evidence',
    formula: 'site visits that found a problem or said the site does not match the reported progress ≥ 2',
    dataNeeded: "the item's site-visit counts (withProblems, functions/services/site-visits.ts)",
    threshold: '≥ 2 visits',
    minimumSample: '2 visits (one visit is one person’s word)',
    source: 'This hub (citizen monitoring, DOZORRO-style)',
    cites: ['DOZORRO'],
    title: {
      kk: 'Орынға барғандар мәлімделген барысқа келіспейді',
      ru: 'Посещения объекта оспаривают заявленный ход работ',
      en: 'Site visits contest the reported progress',
    },
  },
];

export interface ItemFlagInput {
  amendments?: readonly { date: string; valueBefore: string; valueAfter: string }[];
  tender?: { procurementMethod?: string; numberOfTenderers?: number; awardDate?: string };
  contractorBin?: string;
}

const tiyn = (kzt: string) => {
  const [w = '0', f = ''] = kzt.split('.');
  return BigInt(w) * 100n + BigInt(`${f}00`.slice(0, 2));
};

/** The numbers behind a fired flag, shown beside its formula ("+34.0 %", "4 contracts"). */
export type FlagFacts = Record<string, string | number>;

/** The numbers behind each item-only flag that fires on this item. */
export function itemFlagFacts(i: ItemFlagInput): Partial<Record<FlagCode, FlagFacts>> {
  const out: Partial<Record<FlagCode, FlagFacts>> = {};
  const fired = itemFlags(i);
  if (fired.includes('R-AMENDED-UP')) {
    const changes = [...(i.amendments ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    const award = tiyn(changes[0]!.valueBefore);
    const now = tiyn(changes.at(-1)!.valueAfter);
    // Percent with one decimal, rounded down, computed on integers.
    const permille = ((now - award) * 1000n) / award;
    out['R-AMENDED-UP'] = {
      valueAtAward: changes[0]!.valueBefore,
      valueNow: changes.at(-1)!.valueAfter,
      increasePercent: `${permille / 10n}.${permille % 10n}`,
    };
  }
  if (fired.includes('R-SINGLE-BID')) {
    out['R-SINGLE-BID'] = {
      ...(i.tender?.numberOfTenderers !== undefined ? { tenderers: i.tender.numberOfTenderers } : {}),
      ...(i.tender?.procurementMethod ? { method: i.tender.procurementMethod } : {}),
    };
  }
  if (fired.includes('R-NEW-COMPANY') && i.contractorBin && i.tender?.awardDate) {
    const year = Number(i.tender.awardDate.slice(0, 4));
    const reg = binRegistrationMonth(i.contractorBin, year)!;
    out['R-NEW-COMPANY'] = {
      registered: `${reg.year}-${String(reg.month).padStart(2, '0')}`,
      awarded: i.tender.awardDate.slice(0, 10),
      months: (year - reg.year) * 12 + (Number(i.tender.awardDate.slice(5, 7)) - reg.month),
    };
  }
  return out;
}

/** Flags that depend on the item alone. */
export function itemFlags(i: ItemFlagInput): FlagCode[] {
  const out: FlagCode[] = [];
  const changes = [...(i.amendments ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const first = changes[0];
  const last = changes.at(-1);
  if (first && last) {
    const award = tiyn(first.valueBefore);
    if (award > 0n && (tiyn(last.valueAfter) - award) * 100n > award * AMENDED_UP_PERCENT)
      out.push('R-AMENDED-UP');
  }
  const t = i.tender;
  if (
    t &&
    (t.numberOfTenderers === 1 || t.procurementMethod === 'limited' || t.procurementMethod === 'direct')
  ) {
    out.push('R-SINGLE-BID');
  }
  if (i.contractorBin && t?.awardDate) {
    const year = Number(t.awardDate.slice(0, 4));
    const reg = binRegistrationMonth(i.contractorBin, year);
    if (reg) {
      const months = (year - reg.year) * 12 + (Number(t.awardDate.slice(5, 7)) - reg.month);
      if (months >= 0 && months < NEW_COMPANY_MONTHS) out.push('R-NEW-COMPANY');
    }
  }
  return out;
}

export interface GroupFlagItem {
  id: string;
  body: string;
  year: number;
  contractorBin?: string;
  contractedTiyn: bigint;
  status: string;
  updatedAt: string; // ISO date-time
}

/** Herfindahl–Hirschman index (0–10,000) of contracted shares of the contractors of one body-year. */
export function hhi(values: readonly bigint[]): number {
  const total = values.reduce((s, v) => s + v, 0n);
  if (total <= 0n) return 0;
  let sum = 0;
  for (const v of values) {
    const share = Number((v * 1_000_000n) / total) / 10_000; // percent, 4 decimals
    sum += share * share;
  }
  return Math.round(sum);
}

/**
 * Flags that depend on other items or on the calendar, by item id, plus the HHI per body-year
 * ("<body>|<year>"). One pass over the items grouped in maps: linear in their number.
 */
export function groupFlags(
  items: readonly GroupFlagItem[],
  today: string,
): {
  flags: Map<string, FlagCode[]>;
  hhi: Map<string, number>;
  /** The numbers behind each group/calendar flag that fired, by item id. */
  facts: Map<string, Partial<Record<FlagCode, FlagFacts>>>;
} {
  const groups = new Map<string, Map<string, { value: bigint; ids: string[] }>>();
  const bodyCount = new Map<string, number>();
  const flags = new Map<string, FlagCode[]>();
  const facts = new Map<string, Partial<Record<FlagCode, FlagFacts>>>();
  const push = (id: string, f: FlagCode, numbers: FlagFacts) => {
    const list = flags.get(id);
    if (list) list.push(f);
    else flags.set(id, [f]);
    const byCode = facts.get(id) ?? {};
    byCode[f] = numbers;
    facts.set(id, byCode);
  };
  const todayDay = Date.parse(`${today}T00:00:00Z`) / 86_400_000;
  for (const i of items) {
    const idle = Math.floor(todayDay - Date.parse(i.updatedAt) / 86_400_000);
    if (i.status === 'in_progress' && idle >= STALE_DAYS) {
      push(i.id, 'R-STALE', { daysWithoutUpdate: idle, lastUpdate: i.updatedAt.slice(0, 10) });
    }
    if (!i.contractorBin || i.contractedTiyn <= 0n) continue;
    const key = `${i.body}|${i.year}`;
    bodyCount.set(key, (bodyCount.get(key) ?? 0) + 1);
    let byContractor = groups.get(key);
    if (!byContractor) {
      byContractor = new Map();
      groups.set(key, byContractor);
    }
    const g = byContractor.get(i.contractorBin) ?? { value: 0n, ids: [] };
    g.value += i.contractedTiyn;
    g.ids.push(i.id);
    byContractor.set(i.contractorBin, g);
  }
  const hhiByGroup = new Map<string, number>();
  for (const [key, byContractor] of groups) {
    const values = [...byContractor.values()].map((g) => g.value);
    const total = values.reduce((s, v) => s + v, 0n);
    hhiByGroup.set(key, hhi(values));
    const enough = (bodyCount.get(key) ?? 0) >= CONCENTRATION_MIN_CONTRACTS;
    const [body, year] = key.split('|') as [string, string];
    for (const [bin, g] of byContractor) {
      if (enough && g.value * 100n >= total * CONCENTRATION_SHARE_PERCENT) {
        const permille = (g.value * 1000n) / total;
        for (const id of g.ids)
          push(id, 'R-CONCENTRATION', {
            body,
            year: Number(year),
            contractor: bin,
            sharePercent: `${permille / 10n}.${permille % 10n}`,
            hhi: hhiByGroup.get(key) ?? 0,
          });
      }
      if (g.ids.length >= REPEAT_AWARD_MIN)
        for (const id of g.ids)
          push(id, 'R-REPEAT-AWARD', { body, year: Number(year), contractor: bin, contracts: g.ids.length });
    }
  }
  return { flags, hhi: hhiByGroup, facts };
}
