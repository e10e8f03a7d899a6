/**
 * OC4IDS (Open Contracting for Infrastructure Data Standard) projects ↔ items, both directions.
 * Where OC4IDS code lists are coarser than ours (sector, project status) the export also carries our
 * code in `additionalClassifications`, so our own exports import back to the very same items; other
 * publishers' projects are mapped through the code lists.
 */

import type { AreaCode } from '../../shared/areas';
import { AREA_CODES } from '../../shared/areas';
import { isValidIdentificationNumber } from '../../shared/bin';
import {
  CATEGORIES,
  type Category,
  ITEM_STATUSES,
  type ItemStatus,
  type MilestoneStatus,
} from '../../shared/categories';
import type { Lang, Localized } from '../../shared/i18n-text';
import { fromTiyn, toTiyn } from '../../shared/money';
import { Item } from '../api/schemas/item';
import { stableItemId } from './ids';
import {
  IssueList,
  type ItemCandidate,
  type ParsedFile,
  type ParsedRecord,
  reportZodIssues,
} from './records';
import { amountFromNumber, areaFromName, checkPoint, nearestArea, parseDate } from './values';

/** Project ids we publish: `oc4ids-obmzha-<item id>`; importing one keeps the item id. */
export const PROJECT_ID_PREFIX = 'oc4ids-obmzha-';
export const SCHEME = {
  programme: 'KZ-BUDGET-PROGRAMME',
  category: 'OBM-CATEGORY',
  area: 'OBM-AREA',
  status: 'OBM-STATUS',
  provenance: 'OBM-PROVENANCE',
  bin: 'KZ-BIN',
} as const;

export const CATEGORY_SECTORS: Record<Category, string[]> = {
  roads: ['transport', 'transport.road'],
  education: ['education'],
  health: ['health'],
  land_relations: ['naturalResources'],
  housing_utilities: ['socialHousing'],
  water_supply: ['waterAndWaste'],
  culture_sport: ['cultureSportsAndRecreation'],
  agriculture: ['economy'],
  social_protection: ['governance'],
  transport: ['transport'],
  other: ['governance'],
};

function categoryFromSectors(sectors: string[]): Category {
  if (sectors.includes('transport.road')) return 'roads';
  const direct: Record<string, Category> = {
    education: 'education',
    health: 'health',
    waterAndWaste: 'water_supply',
    cultureSportsAndRecreation: 'culture_sport',
    socialHousing: 'housing_utilities',
    naturalResources: 'land_relations',
  };
  for (const s of sectors) {
    if (direct[s]) return direct[s];
    if (s === 'transport' || s.startsWith('transport.')) return 'transport';
  }
  return 'other';
}

export const STATUS_TO_OC4IDS: Record<ItemStatus, string> = {
  planned: 'identification',
  procurement: 'preparation',
  in_progress: 'implementation',
  completed: 'completion',
  suspended: 'implementation',
  cancelled: 'cancelled',
};
const STATUS_FROM_OC4IDS: Record<string, ItemStatus> = {
  identification: 'planned',
  preparation: 'procurement',
  implementation: 'in_progress',
  completion: 'completed',
  maintenance: 'completed',
  decommissioning: 'completed',
  decommissioned: 'completed',
  cancelled: 'cancelled',
};

export const MILESTONE_TO_OCDS: Record<MilestoneStatus, string> = {
  scheduled: 'scheduled',
  met: 'met',
  missed: 'notMet',
  cancelled: 'notMet',
};
export function milestoneStatusFromOcds(status: unknown, code: unknown): MilestoneStatus {
  if (code === 'cancelled') return 'cancelled';
  if (status === 'met') return 'met';
  if (status === 'notMet' || status === 'partiallyMet') return 'missed';
  return 'scheduled';
}

// Loose views of the JSON we read: everything optional, checked as we go.
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

const LANG_SET = new Set<string>(['kk', 'ru', 'en']);

/** `title` in the record's language plus any `title_kk`/`title_ru`/`title_en` variants. */
export function readLocalized(o: Json, field: string, lang: Lang): Localized | undefined {
  const text: Localized = {};
  const main = str(o[field]);
  if (main) text[lang] = main;
  for (const l of ['kk', 'ru', 'en'] as const) {
    const v = str(o[`${field}_${l}`]);
    if (v) text[l] = v;
  }
  return Object.keys(text).length ? text : undefined;
}

function classification(p: Json, scheme: string): string | undefined {
  return str(
    arr(p.additionalClassifications)
      .map(obj)
      .find((c) => c.scheme === scheme)?.id,
  );
}

/** A Value in KZT as a decimal string; other currencies are errors (reported, never converted). */
export function kztValue(v: unknown, field: string, list: IssueList): string | undefined {
  const value = obj(v);
  const currency = str(value.currency);
  if (currency !== 'KZT') {
    list.error(
      `${field}.currency`,
      `amounts in ${currency ?? 'an unstated currency'} are not stored; the hub keeps KZT only`,
      'KZT',
    );
    return undefined;
  }
  const amount = amountFromNumber(value.amount);
  if (!amount.ok) list.error(`${field}.amount`, amount.message, amount.expected);
  return amount.ok ? amount.value : undefined;
}

const slug = (id: string) =>
  id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 64);

function partyWithRole(p: Json, role: string): Json | undefined {
  return arr(p.parties)
    .map(obj)
    .find((party) => arr(party.roles).includes(role));
}

function readLocation(
  p: Json,
  list: IssueList,
): { point?: [number, number]; geometry?: Item['location']['geometry']; address?: string; region?: string } {
  const locations = arr(p.locations).map(obj);
  if (!locations.length) {
    list.error(
      'locations',
      'the project has no location',
      'a location with a GeoJSON geometry in Zhambyl region',
    );
    return {};
  }
  let point: [number, number] | undefined;
  let shape: Item['location']['geometry'] | undefined;
  let address: string | undefined;
  let region: string | undefined;
  let shapePoint: [number, number] | undefined;
  for (const [i, loc] of locations.entries()) {
    const geometry = obj(loc.geometry);
    const coords = geometry.coordinates;
    const positions: unknown[] =
      geometry.type === 'Point'
        ? [coords]
        : geometry.type === 'LineString'
          ? arr(coords)
          : geometry.type === 'Polygon'
            ? arr(arr(coords)[0])
            : [];
    if (!positions.length) {
      list.error(
        `locations.${i}.geometry`,
        `unsupported or missing geometry${geometry.type ? ` ${String(geometry.type)}` : ''}`,
        'a Point, LineString or Polygon',
      );
      continue;
    }
    const bad = positions.find((pos) => {
      const [lon, lat] = arr(pos);
      const checked = typeof lon === 'number' && typeof lat === 'number' ? checkPoint(lon, lat) : undefined;
      if (checked?.ok) return false;
      list.error(
        `locations.${i}.geometry.coordinates`,
        checked && !checked.ok
          ? checked.message
          : `${JSON.stringify(pos)} is not a [longitude, latitude] pair`,
        checked && !checked.ok ? checked.expected : '[longitude, latitude]',
      );
      return true;
    });
    if (bad) continue;
    if (geometry.type === 'Point') {
      const [lon, lat] = arr(coords) as number[];
      point ??= [lon!, lat!];
    } else if (!shape) {
      shape = { type: geometry.type, coordinates: coords } as Item['location']['geometry'];
      // A line or area without a separate Point location is pinned at its middle vertex.
      const [lon, lat] = arr(positions[Math.floor(positions.length / 2)]) as number[];
      shapePoint = [lon!, lat!];
    }
    const a = obj(loc.address);
    address ??= [str(a.streetAddress), str(a.locality)].filter(Boolean).join(', ') || undefined;
    region ??= str(a.region);
  }
  point ??= shapePoint;
  return {
    ...(point ? { point } : {}),
    ...(shape ? { geometry: shape } : {}),
    ...(address ? { address: address.slice(0, 300) } : {}),
    ...(region ? { region } : {}),
  };
}

export function projectToCandidate(
  p: Json,
  pkg: Json,
  opts: { sourceName: string; now: Date },
  list: IssueList,
): ItemCandidate | undefined {
  const projectId = str(p.id);
  if (!projectId) {
    list.error('id', 'the project has no id', 'an OC4IDS project id');
    return undefined;
  }
  const lang = (LANG_SET.has(String(p.language)) ? p.language : 'en') as Lang;
  const own = projectId.startsWith(PROJECT_ID_PREFIX) ? projectId.slice(PROJECT_ID_PREFIX.length) : undefined;
  // Our own projects carry the original source in identifiers; others are their own source.
  const identifier = (scheme: string) =>
    str(
      arr(p.identifiers)
        .map(obj)
        .find((x) => x.scheme === scheme)?.id,
    );
  const sourceName = own ? identifier('OBM-SOURCE') : (str(obj(pkg.publisher).name) ?? opts.sourceName);
  const sourceId = own ? identifier('OBM-SOURCE-ID') : projectId;

  const title = readLocalized(p, 'title', lang);
  if (!title) list.error('title', 'the project has no title', 'a title');
  const description = readLocalized(p, 'description', lang);

  const statusCode = str(p.status);
  const status =
    (classification(p, SCHEME.status) as ItemStatus | undefined) ??
    (statusCode ? STATUS_FROM_OC4IDS[statusCode] : undefined);
  if (!status || !(ITEM_STATUSES as readonly string[]).includes(status)) {
    list.error(
      'status',
      statusCode ? `"${statusCode}" is not a project status` : 'is missing',
      'a projectStatus code',
    );
  }
  const ownCategory = classification(p, SCHEME.category);
  const category: Category =
    ownCategory && (CATEGORIES as readonly string[]).includes(ownCategory)
      ? (ownCategory as Category)
      : categoryFromSectors(arr(p.sector).map(String));

  const period = obj(p.period);
  const start = parseDate(str(period.startDate) ?? '');
  const end = parseDate(str(period.endDate) ?? '');
  if (!start.ok) list.error('period.startDate', start.message, start.expected);
  if (!end.ok) list.error('period.endDate', end.message, end.expected);

  const location = readLocation(p, list);
  const ownArea = classification(p, SCHEME.area);
  let area: AreaCode | undefined =
    ownArea && (AREA_CODES as readonly string[]).includes(ownArea)
      ? (ownArea as AreaCode)
      : location.region
        ? areaFromName(location.region)
        : undefined;
  if (!area && location.point) area = nearestArea(...location.point);

  const budget = obj(p.budget);
  const planned = budget.amount ? kztValue(budget.amount, 'budget.amount', list) : undefined;
  if (!budget.amount) list.error('budget.amount', 'the project has no budget amount', 'budget.amount in KZT');

  let contracted = 0n;
  let spent = 0n;
  let spentFromContracts = false;
  const ocids: string[] = [];
  for (const [i, cp] of arr(p.contractingProcesses).map(obj).entries()) {
    const summary = obj(cp.summary);
    const ocid = str(summary.ocid) ?? str(cp.id);
    if (ocid?.startsWith('ocds-')) ocids.push(ocid);
    if (summary.contractValue) {
      const v = kztValue(summary.contractValue, `contractingProcesses.${i}.summary.contractValue`, list);
      if (v) contracted += toTiyn(v);
    }
    for (const [j, t] of arr(summary.transactions).map(obj).entries()) {
      const v = kztValue(t.value, `contractingProcesses.${i}.summary.transactions.${j}.value`, list);
      if (v) spent += toTiyn(v);
      spentFromContracts = true;
    }
  }
  if (!spentFromContracts) {
    for (const [j, t] of arr(p.transactions).map(obj).entries()) {
      const v = kztValue(t.value, `transactions.${j}.value`, list);
      if (v) spent += toTiyn(v);
    }
  }

  const authorityRef = obj(p.publicAuthority);
  const authority =
    arr(p.parties)
      .map(obj)
      .find((party) => authorityRef.id !== undefined && party.id === authorityRef.id) ??
    partyWithRole(p, 'publicAuthority') ??
    partyWithRole(p, 'buyer');
  const bodyName = authority ? readLocalized(authority, 'name', lang) : undefined;
  if (!authority || !str(authority.id) || !bodyName) {
    list.error(
      'publicAuthority',
      'the project names no public authority',
      'a party with role publicAuthority, with id and name',
    );
  }

  let contractor: Item['contractor'];
  // The contractor is the supplier identified by a Kazakhstan BIN; others cannot be stored.
  const suppliers = arr(p.parties)
    .map(obj)
    .filter((party) => arr(party.roles).includes('supplier'));
  for (const supplier of suppliers) {
    const identifier = obj(supplier.identifier);
    const bin = identifier.scheme === SCHEME.bin ? str(identifier.id) : undefined;
    const name = str(supplier.name);
    if (bin && !isValidIdentificationNumber(bin)) {
      // Reported, never stored: the number fails the BIN/IIN format or control digit.
      list.warning(
        'parties.supplier.identifier.id',
        `supplier "${name ?? ''}": "${bin}" is not a valid BIN or IIN`,
        'a 12-digit BIN or IIN with a valid control digit',
      );
      continue;
    }
    if (!contractor && bin && name) contractor = { name, bin };
  }
  if (suppliers.length && !contractor) {
    list.warning(
      'parties.supplier',
      'contractor not stored: no supplier has a Kazakhstan BIN',
      `identifier.scheme "${SCHEME.bin}" with a 12-digit id`,
    );
  }

  const programmeCode = classification(p, SCHEME.programme);
  if (!programmeCode) {
    list.error(
      'additionalClassifications',
      'no budget programme code',
      `an additionalClassifications entry with scheme "${SCHEME.programme}", id like "123-015-000"`,
    );
  }

  const breakdownYear = Number(
    str(obj(obj(arr(obj(arr(budget.budgetBreakdowns)[0]).budgetBreakdown)[0]).period).startDate)?.slice(0, 4),
  );
  const fiscalYear = Number.isInteger(breakdownYear)
    ? breakdownYear
    : start.ok
      ? Number(start.value.slice(0, 4))
      : undefined;

  const milestones: Item['milestones'] = [];
  for (const [i, m] of arr(p.milestones).map(obj).entries()) {
    const due = parseDate(str(m.dueDate) ?? '');
    const mTitle = readLocalized(m, 'title', lang);
    if (!due.ok || !mTitle || !str(m.id)) {
      list.warning(
        `milestones.${i}`,
        'milestone left out: it needs an id, a title and a due date',
        'id, title, dueDate',
      );
      continue;
    }
    const met = str(m.dateMet) ? parseDate(str(m.dateMet)!) : undefined;
    milestones.push({
      id: str(m.id)!.slice(0, 64),
      title: mTitle,
      due: due.value,
      ...(met?.ok ? { met: met.value } : {}),
      status: milestoneStatusFromOcds(m.status, m.code),
    });
  }

  const updated = str(p.updated) ? new Date(str(p.updated)!) : undefined;
  if (list.hasErrors) return undefined;

  const item = {
    id: own ?? stableItemId('oc4ids', projectId),
    title,
    ...(description ? { description } : {}),
    category,
    area,
    body: { id: slug(str(authority!.id)!), name: bodyName },
    programmeCode,
    fiscalYear,
    amounts: { planned, contracted: fromTiyn(contracted), spent: fromTiyn(spent) },
    status,
    ...(contractor ? { contractor } : {}),
    period: { start: start.ok ? start.value : '', end: end.ok ? end.value : '' },
    location: {
      point: location.point,
      ...(location.geometry ? { geometry: location.geometry } : {}),
      ...(location.address ? { address: location.address } : {}),
    },
    milestones: milestones.slice(0, 50),
    provenance: {
      source: provenanceSource(classification(p, SCHEME.provenance)),
      ...(sourceName ? { sourceName } : {}),
      ...(sourceId ? { sourceId } : {}),
      updatedAt: updated && !Number.isNaN(updated.getTime()) ? updated.toISOString() : opts.now.toISOString(),
    },
  };
  const checked = Item.safeParse(item);
  if (!checked.success) {
    reportZodIssues(list, checked.error.issues);
    return undefined;
  }
  return {
    kind: 'item',
    item: checked.data,
    ocids,
    updatedAtGiven: Boolean(updated && !Number.isNaN(updated.getTime())),
  };
}

/** "demo" and "manual" survive a round trip; anything else read from a file is imported data. */
export function provenanceSource(v: string | undefined): 'demo' | 'manual' | 'import' {
  return v === 'demo' || v === 'manual' ? v : 'import';
}

export function parseOc4ids(pkg: Json, opts: { sourceName: string; now: Date }): ParsedFile {
  const records: ParsedRecord[] = arr(pkg.projects).map((raw, i) => {
    const p = obj(raw);
    const ref = `project ${str(p.id) ?? `#${i + 1}`}`;
    const list = new IssueList(ref);
    const change = projectToCandidate(p, pkg, opts, list);
    return { ref, issues: list.issues, ...(change ? { change } : {}) };
  });
  return { fileIssues: [], records };
}
