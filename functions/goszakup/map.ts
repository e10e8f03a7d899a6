/**
 * One contract of the portal → one item: contracted = contract sum, spent = actual sum (both read as
 * decimal strings and converted to tiyn exactly), period from the dates, body by the customer's BIN,
 * place from the KATO code through the gazetteer, category from the ENSTRU code's classification
 * prefix. Whatever cannot be placed, classified or attributed is refused with its reason (and the
 * unknown code counted), never guessed.
 */

import type { AreaCode } from '../../shared/areas';
import { isValidIdentificationNumber } from '../../shared/bin';
import type { Category } from '../../shared/categories';
import { centreOf } from '../../shared/gazetteer';
import katoData from '../../shared/gazetteer/kato-districts.json' with { type: 'json' };
import { fromTiyn } from '../../shared/money';
import { Item, type Item as ItemT } from '../api/schemas/item';
import type { Body } from '../data/bodies';
import { stableItemId } from '../opendata/ids';
import { IssueList, type ParsedRecord, reportZodIssues } from '../opendata/records';

export const GOSZAKUP_SOURCE = 'goszakup';
/** The contract's public page; `{id}` is the contract id. Configurable with GOSZAKUP_CONTRACT_URL. */
export const DEFAULT_CONTRACT_URL = 'https://www.goszakup.gov.kz/ru/egzcontract/cpublic/show/{id}';

export interface GoszakupContract {
  id: number;
  contractNumberSys: string | null;
  contractSum: string | number | null;
  faktSum: string | number | null;
  signDate: string | null;
  ecEndDate: string | null;
  planExecDate: string | null;
  faktExecDate: string | null;
  finYear: number | null;
  customerBin: string | null;
  supplierBiin: string | null;
  trdBuyId: number | null;
  refContractStatusId: number | null;
  lastUpdateDate: string | null;
  TrdBuy: {
    id: number;
    numberAnno: string | null;
    nameRu: string | null;
    nameKz: string | null;
    RefTradeMethods: { id: number; code: string | null; nameRu: string | null; nameKz: string | null } | null;
  } | null;
  /** The supplier as the portal's register of participants names it. */
  Supplier?: { bin: string | null; nameRu: string | null; nameKz: string | null } | null;
  ContractUnits:
    | {
        id: number;
        Plans: {
          refEnstruCode: string | null;
          PlansKato: { refKatoCode: string | null }[] | { refKatoCode: string | null } | null;
        } | null;
      }[]
    | null;
}

/** District by the first four digits of a KATO code (region 31 = Zhambyl). */
const DISTRICT_BY_PREFIX = new Map<string, AreaCode>(
  Object.entries(katoData.districts as Record<string, AreaCode>).map(([code, area]) => [
    code.slice(0, 4),
    area,
  ]),
);

/**
 * ENSTRU codes begin with their classification (KPVED/CPA) code: these prefixes say the category.
 * Longest prefix wins. Codes with no listed prefix are reported as unmapped.
 */
export const ENSTRU_PREFIXES: Record<string, Category> = {
  '4211': 'roads', // roads and motorways
  '4213': 'roads', // bridges and tunnels
  '4212': 'transport', // railways
  '4931': 'transport', // urban and suburban passenger transport
  '4221': 'water_supply', // utility projects for fluids: water mains, sewers
  '3600': 'water_supply', // water collection, treatment and supply
  '4222': 'housing_utilities', // utility projects for electricity and telecommunications
  '4321': 'housing_utilities', // electrical installation
  '4322': 'housing_utilities', // plumbing, heat and air-conditioning installation
  '3530': 'housing_utilities', // steam and hot water supply
  '4291': 'agriculture', // water projects: irrigation canals
  '85': 'education', // education services
  '86': 'health', // human health services
  '2660': 'health', // electromedical equipment
  '3250': 'health', // medical instruments
  '8130': 'other', // landscape services
};
/** Individual ENSTRU codes whose prefix is too broad (e.g. buildings), by full code. */
export const ENSTRU_NAMED: Record<string, Category> = {};

export function categoryOfEnstru(code: string): Category | undefined {
  const named = ENSTRU_NAMED[code];
  if (named) return named;
  const digits = code.replace(/\D/g, '');
  for (let n = Math.min(6, digits.length); n >= 2; n--) {
    const c = ENSTRU_PREFIXES[digits.slice(0, n)];
    if (c) return c;
  }
  return undefined;
}

export function areaOfKato(code: string): AreaCode | undefined {
  return /^\d{9}$/.test(code) ? DISTRICT_BY_PREFIX.get(code.slice(0, 4)) : undefined;
}

/** "123456.78" (or a JSON number) → the same amount as a KZT string, exactly; undefined if malformed. */
export function exactAmount(v: string | number | null | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = typeof v === 'number' ? String(v) : v.trim();
  const m = /^(\d{1,15})(?:\.(\d{1,2})(0*))?$/.exec(s);
  if (!m) return undefined;
  return fromTiyn(BigInt(m[1]!) * 100n + BigInt(`${m[2] ?? ''}00`.slice(0, 2)));
}

const day = (v: string | null | undefined) =>
  v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;

/** The portal's local times ("2024-05-01 12:30:45", Asia/Almaty) as an ISO instant. */
export function almatyInstant(v: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(v);
  if (!m) return day(v) ? new Date(`${day(v)}T00:00:00+05:00`).toISOString() : undefined;
  return new Date(`${m[1]}T${m[2]}+05:00`).toISOString();
}

export interface MapContext {
  bodiesByBin: Map<string, Body>;
  contractUrl: string;
  unmapped: { enstru: Map<string, number>; kato: Map<string, number> };
}

const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function katoCodes(c: GoszakupContract): string[] {
  return (c.ContractUnits ?? []).flatMap((u) => {
    const k = u.Plans?.PlansKato;
    const list = Array.isArray(k) ? k : k ? [k] : [];
    return list.flatMap((x) => (x.refKatoCode ? [x.refKatoCode] : []));
  });
}

/**
 * The supplier's registered name (Russian, as the register's legal names are usually filed, else
 * Kazakh); only when the portal gives none does the contractor appear by its BIN.
 */
export function supplierName(c: GoszakupContract): string {
  const name = (c.Supplier?.nameRu?.trim() || c.Supplier?.nameKz?.trim() || '').replace(/\s+/g, ' ');
  return name ? name.slice(0, 300) : `БСН/БИН ${c.supplierBiin}`;
}

export function contractToRecord(c: GoszakupContract, ctx: MapContext): ParsedRecord {
  const ref = `contract ${c.contractNumberSys ?? c.id}`;
  const list = new IssueList(ref);

  const body = c.customerBin ? ctx.bodiesByBin.get(c.customerBin) : undefined;
  if (!body) {
    list.error(
      'customerBin',
      `customer BIN ${c.customerBin ?? '(none)'} is bound to no body`,
      'a body bound to this BIN on the administration page',
    );
  }

  const katos = katoCodes(c);
  let area: AreaCode | undefined;
  if (katos.length === 0)
    list.error('PlansKato.refKatoCode', 'the contract names no place (KATO)', 'a KATO code');
  else {
    area = areaOfKato(katos[0]!);
    if (!area) {
      count(ctx.unmapped.kato, katos[0]!);
      list.error(
        'PlansKato.refKatoCode',
        `KATO ${katos[0]} is not a known district of Zhambyl region (unmapped)`,
        'a KATO code of region 31 listed in shared/gazetteer/kato-districts.json',
      );
    }
  }
  const centre = area ? centreOf(area) : undefined;
  if (area && !centre) {
    list.error(
      'PlansKato.refKatoCode',
      `the gazetteer has no located settlement for district ${area}`,
      'a district whose centre the gazetteer holds',
    );
  }

  const enstru = (c.ContractUnits ?? []).flatMap((u) =>
    u.Plans?.refEnstruCode ? [u.Plans.refEnstruCode] : [],
  );
  const categories = enstru.map((code) => ({ code, category: categoryOfEnstru(code) }));
  for (const x of categories) if (!x.category) count(ctx.unmapped.enstru, x.code);
  const category = categories.find((x) => x.category)?.category;
  if (!category) {
    list.error(
      'Plans.refEnstruCode',
      `ENSTRU ${enstru.join(', ') || '(none)'} maps to no category (unmapped)`,
      'an ENSTRU code with a listed classification prefix',
    );
  }

  const contracted = exactAmount(c.contractSum);
  if (!contracted)
    list.error('contractSum', `"${c.contractSum}" is not an amount`, 'a decimal like "1234567.89"');
  const spent = c.faktSum === null || c.faktSum === undefined ? '0.00' : exactAmount(c.faktSum);
  if (!spent) list.error('faktSum', `"${c.faktSum}" is not an amount`, 'a decimal like "1234567.89"');
  const start = day(c.signDate);
  if (!start) list.error('signDate', `"${c.signDate}" is not a date`, 'YYYY-MM-DD');
  const updatedAt = c.lastUpdateDate ? almatyInstant(c.lastUpdateDate) : undefined;
  if (!updatedAt) list.error('lastUpdateDate', `"${c.lastUpdateDate}" is not a date`, 'YYYY-MM-DD hh:mm:ss');
  if (c.supplierBiin && !isValidIdentificationNumber(c.supplierBiin)) {
    list.warning('supplierBiin', `${c.supplierBiin} fails the BIN/IIN check digit`);
  }
  if (
    list.hasErrors ||
    !body ||
    !area ||
    !centre ||
    !category ||
    !contracted ||
    !spent ||
    !start ||
    !updatedAt
  ) {
    return { ref, issues: list.issues };
  }

  let end = day(c.faktExecDate) ?? day(c.planExecDate) ?? day(c.ecEndDate) ?? start;
  if (end < start) end = start;
  const url = ctx.contractUrl.replace('{id}', String(c.id));
  const method = c.TrdBuy?.RefTradeMethods;
  const number = c.contractNumberSys ?? String(c.id);
  const item: ItemT = {
    id: stableItemId(GOSZAKUP_SOURCE, String(c.id)),
    title: {
      ru: c.TrdBuy?.nameRu?.trim() || `Договор №${number}`,
      kk: c.TrdBuy?.nameKz?.trim() || `№${number} шарт`,
    },
    description: {
      ru: `Договор №${number} (государственные закупки).${method?.nameRu ? ` Способ закупки: ${method.nameRu}.` : ''} ${url}`,
      kk: `№${number} шарт (мемлекеттік сатып алу).${method?.nameKz ? ` Сатып алу тәсілі: ${method.nameKz}.` : ''} ${url}`,
    },
    category,
    area,
    body: { id: body.id, name: body.name },
    // The contract carries no budget programme: "000" says so rather than inventing one.
    programmeCode: '000',
    fiscalYear: c.finYear ?? Number(start.slice(0, 4)),
    amounts: { planned: contracted, contracted, spent },
    status: day(c.faktExecDate) ? 'completed' : 'in_progress',
    ...(c.supplierBiin ? { contractor: { name: supplierName(c), bin: c.supplierBiin } } : {}),
    period: { start, end },
    location: { point: [centre.lon, centre.lat], address: `${centre.name.kk} / ${centre.name.ru}` },
    milestones: [],
    provenance: { source: 'import', sourceName: GOSZAKUP_SOURCE, sourceId: String(c.id), updatedAt },
  };
  const checked = Item.safeParse(item);
  if (!checked.success) {
    reportZodIssues(list, checked.error.issues);
    return { ref, issues: list.issues };
  }
  return {
    ref,
    issues: list.issues,
    change: {
      kind: 'item',
      item: checked.data,
      ocids: [],
      updatedAtGiven: true,
      merge: (before, after) =>
        keepMoneyHistory(before, after, { id: c.id, date: day(c.lastUpdateDate)!, url }),
    },
  };
}

/**
 * The item a re-read contract leaves: its money history is kept, and a contract value that differs
 * from the stored one is a supplementary agreement, recorded as an amendment (before → after, the
 * day the portal last changed the contract, its public page) rather than silently overwritten. The
 * planned amount stays what the first read found: an agreement changes the contract, not the plan.
 * Re-reading an unchanged contract adds nothing, so a second run still finds the item unchanged.
 */
export function keepMoneyHistory(
  before: ItemT,
  after: ItemT,
  contract: { id: number; date: string; url: string },
): ItemT {
  const amendments = [...(before.amendments ?? [])];
  if (before.amounts.contracted !== after.amounts.contracted) {
    const id = `goszakup:${contract.id}@${contract.date}:${after.amounts.contracted}`;
    if (!amendments.some((a) => a.id === id)) {
      amendments.push({
        id,
        date: contract.date,
        valueBefore: before.amounts.contracted,
        valueAfter: after.amounts.contracted,
        source: contract.url.slice(0, 300),
      });
    }
  }
  return {
    ...after,
    amounts: { ...after.amounts, planned: before.amounts.planned },
    ...(amendments.length ? { amendments: amendments.slice(-200) } : {}),
  };
}
