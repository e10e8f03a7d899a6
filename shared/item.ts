/**
 * Budget-execution item: one project or purchase whose money is followed on the map.
 * Field names follow OC4IDS projects where one exists (title, description, status, sector →
 * category, period, locations, budget, parties, milestones) so import and export are direct maps.
 */
import { checkIdentificationNumber } from './bin';

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
  procurementMethod?: 'open' | 'selective' | 'limited' | 'direct' | undefined;
  tradeMethod?: string | undefined;
  numberOfTenderers?: number | undefined;
  awardDate?: string | undefined;
};

export type ItemInput = {
  title: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined };
  description?: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined } | undefined;
  category:
    | 'roads'
    | 'education'
    | 'health'
    | 'land_relations'
    | 'housing_utilities'
    | 'water_supply'
    | 'culture_sport'
    | 'agriculture'
    | 'social_protection'
    | 'transport'
    | 'other';
  area:
    | 'taraz'
    | 'bayzak'
    | 'zhambyl'
    | 'zhualy'
    | 'kordai'
    | 'merki'
    | 'moiynkum'
    | 'sarysu'
    | 'talas'
    | 'shu'
    | 'ryskulov';
  body: { id: string; name: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined } };
  programmeCode: string;
  fiscalYear: number;
  amounts: { planned: string; contracted: string; spent: string };
  status: 'planned' | 'procurement' | 'in_progress' | 'completed' | 'suspended' | 'cancelled';
  contractor?: Contractor | undefined;
  tender?: Tender | undefined;
  amendments?: Amendment[] | undefined;
  transactions?: Transaction[] | undefined;
  period: { start: string; end: string };
  location: {
    point: [number, number];
    geometry?:
      | { type: 'LineString'; coordinates: [number, number][] }
      | { type: 'Polygon'; coordinates: [number, number][][] }
      | undefined;
    address?: string | undefined;
  };
  milestones: {
    id: string;
    title: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined };
    due: string;
    met?: string | undefined;
    status: 'scheduled' | 'met' | 'missed' | 'cancelled';
    type?:
      | 'preProcurement'
      | 'approval'
      | 'engagement'
      | 'assessment'
      | 'delivery'
      | 'reporting'
      | 'financing'
      | undefined;
  }[];
  provenance: {
    source: 'demo' | 'import' | 'manual';
    sourceName?: string | undefined;
    sourceId?: string | undefined;
    updatedAt: string;
  };
};

export type Item = {
  title: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined };
  description?: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined } | undefined;
  category:
    | 'roads'
    | 'education'
    | 'health'
    | 'land_relations'
    | 'housing_utilities'
    | 'water_supply'
    | 'culture_sport'
    | 'agriculture'
    | 'social_protection'
    | 'transport'
    | 'other';
  area:
    | 'taraz'
    | 'bayzak'
    | 'zhambyl'
    | 'zhualy'
    | 'kordai'
    | 'merki'
    | 'moiynkum'
    | 'sarysu'
    | 'talas'
    | 'shu'
    | 'ryskulov';
  body: { id: string; name: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined } };
  programmeCode: string;
  fiscalYear: number;
  amounts: { planned: string; contracted: string; spent: string };
  status: 'planned' | 'procurement' | 'in_progress' | 'completed' | 'suspended' | 'cancelled';
  contractor?: Contractor | undefined;
  tender?: Tender | undefined;
  amendments?: Amendment[] | undefined;
  transactions?: Transaction[] | undefined;
  period: { start: string; end: string };
  location: {
    point: [number, number];
    geometry?:
      | { type: 'LineString'; coordinates: [number, number][] }
      | { type: 'Polygon'; coordinates: [number, number][][] }
      | undefined;
    address?: string | undefined;
  };
  milestones: {
    id: string;
    title: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined };
    due: string;
    met?: string | undefined;
    status: 'scheduled' | 'met' | 'missed' | 'cancelled';
    type?:
      | 'preProcurement'
      | 'approval'
      | 'engagement'
      | 'assessment'
      | 'delivery'
      | 'reporting'
      | 'financing'
      | undefined;
  }[];
  provenance: {
    source: 'demo' | 'import' | 'manual';
    sourceName?: string | undefined;
    sourceId?: string | undefined;
    updatedAt: string;
  };
  id: string;
};

export type ContractorView = { name: string; kind: 'bin' | 'iin'; bin?: string | undefined };

export function contractorView(c: Contractor): ContractorView {
  const check = checkIdentificationNumber(c.bin);
  return check.ok && check.kind === 'bin'
    ? { name: c.name, kind: 'bin', bin: c.bin }
    : { name: c.name, kind: 'iin' };
}

export type ItemFlag = { code: string; facts: Record<string, string | number> };

export type ItemView = {
  title: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined };
  description?: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined } | undefined;
  category:
    | 'roads'
    | 'education'
    | 'health'
    | 'land_relations'
    | 'housing_utilities'
    | 'water_supply'
    | 'culture_sport'
    | 'agriculture'
    | 'social_protection'
    | 'transport'
    | 'other';
  area:
    | 'taraz'
    | 'bayzak'
    | 'zhambyl'
    | 'zhualy'
    | 'kordai'
    | 'merki'
    | 'moiynkum'
    | 'sarysu'
    | 'talas'
    | 'shu'
    | 'ryskulov';
  body: { id: string; name: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined } };
  programmeCode: string;
  fiscalYear: number;
  amounts: { planned: string; contracted: string; spent: string };
  status: 'planned' | 'procurement' | 'in_progress' | 'completed' | 'suspended' | 'cancelled';
  contractor?: ContractorView | undefined;
  tender?: Tender | undefined;
  amendments?: Amendment[] | undefined;
  transactions?: Transaction[] | undefined;
  period: { start: string; end: string };
  location: {
    point: [number, number];
    geometry?:
      | { type: 'LineString'; coordinates: [number, number][] }
      | { type: 'Polygon'; coordinates: [number, number][][] }
      | undefined;
    address?: string | undefined;
  };
  milestones: {
    id: string;
    title: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined };
    due: string;
    met?: string | undefined;
    status: 'scheduled' | 'met' | 'missed' | 'cancelled';
    type?:
      | 'preProcurement'
      | 'approval'
      | 'engagement'
      | 'assessment'
      | 'delivery'
      | 'reporting'
      | 'financing'
      | undefined;
  }[];
  provenance: {
    source: 'demo' | 'import' | 'manual';
    sourceName?: string | undefined;
    sourceId?: string | undefined;
    updatedAt: string;
  };
  id: string;
  flags?: ItemFlag[] | undefined;
  execution: {
    percent: number;
    state: 'not_started' | 'on_track' | 'lagging' | 'late' | 'paid_ahead' | 'overspent' | 'completed';
  };
};
