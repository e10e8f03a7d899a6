/**
 * Budget-execution item: one project or purchase whose money is followed on the map.
 * Field names follow OC4IDS projects where one exists (title, description, status, sector →
 * category, period, locations, budget, parties, milestones) so import and export are direct maps.
 */
import type { AreaCode } from './areas';
import { checkIdentificationNumber } from './bin';
import type { Category, ItemStatus, MilestoneStatus, MilestoneType } from './categories';
import type { ExecutionState } from './execution';
import type { Localized } from './i18n-text';
import type { Flat } from './types';

export type Contractor = { name: string; bin: string };

export type Amendment = {
  id: string;
  date: string;
  valueBefore: string;
  valueAfter: string;
  rationale?: string | undefined;
  source?: string | undefined;
};

export type Transaction = {
  id: string;
  date: string;
  amount: string;
  payeeBin?: string | undefined;
  source?: string | undefined;
};

/** OCDS tender.procurementMethod. */
export const PROCUREMENT_METHODS = ['open', 'selective', 'limited', 'direct'] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

export type Tender = {
  procurementMethod?: ProcurementMethod | undefined;
  tradeMethod?: string | undefined;
  numberOfTenderers?: number | undefined;
  awardDate?: string | undefined;
};

/** A milestone of the works (OCDS); the last-due "delivery" one is the handover the execution state reads. */
export type Milestone = {
  id: string;
  title: Localized;
  due: string;
  met?: string | undefined;
  status: MilestoneStatus;
  type?: MilestoneType | undefined;
};

/** Where the record came from; "demo" marks generated data, never to be shown as real figures. */
export type Provenance = {
  source: 'demo' | 'import' | 'manual';
  sourceName?: string | undefined;
  sourceId?: string | undefined;
  updatedAt: string;
};

/** A government body as an item or a badge names it. */
export type BodyRef = { id: string; name: Localized };

/** A GeoJSON position: longitude, then latitude. */
export type Position = [lon: number, lat: number];

export type ItemInput = {
  title: Localized;
  description?: Localized | undefined;
  category: Category;
  area: AreaCode;
  body: BodyRef;
  programmeCode: string;
  fiscalYear: number;
  amounts: { planned: string; contracted: string; spent: string };
  status: ItemStatus;
  contractor?: Contractor | undefined;
  tender?: Tender | undefined;
  amendments?: Amendment[] | undefined;
  transactions?: Transaction[] | undefined;
  period: { start: string; end: string };
  location: {
    point: Position;
    geometry?:
      | { type: 'LineString'; coordinates: Position[] }
      | { type: 'Polygon'; coordinates: Position[][] }
      | undefined;
    address?: string | undefined;
  };
  milestones: Milestone[];
  provenance: Provenance;
};

/** A stored item: what was entered or imported, under its ULID. */
export type Item = Flat<ItemInput & { id: string }>;

export type ContractorView = { name: string; kind: 'bin' | 'iin'; bin?: string | undefined };

export function contractorView(c: Contractor): ContractorView {
  const check = checkIdentificationNumber(c.bin);
  return check.ok && check.kind === 'bin'
    ? { name: c.name, kind: 'bin', bin: c.bin }
    : { name: c.name, kind: 'iin' };
}

export type ItemFlag = { code: string; facts: Record<string, string | number> };

/** What the API returns: the stored item, its contractor as shown publicly, and figures derived on read. */
export type ItemView = Flat<
  Omit<Item, 'contractor'> & {
    contractor?: ContractorView | undefined;
    flags?: ItemFlag[] | undefined;
    execution: { percent: number; state: ExecutionState };
  }
>;
