/**
 * A contractor's profile (`GET /api/contractors/{bin}`): every contract it holds, the bodies and areas
 * it serves with its share of their contracted value, totals by year and its lateness record. Built
 * by `contractorProfile` from the contractor's items and the totals of the bodies and areas involved,
 * so the page's totals are the sums of its items by construction (and tested to be).
 */
import type { AreaCode } from './areas';
import type { ExecutionState } from './execution';
import type { FlagExplanationView } from './flags-explanations';
import type { ContractorView } from './item';
import { fromTiyn, percentOf } from './money';

export type ContractorProfile = {
  contractor: ContractorView;
  totals: { count: number; contracted: string; spent: string };
  byYear: { year: number; count: number; contracted: string; spent: string }[];
  bodies: { count: number; contracted: string; sharePercent: number; totalContracted: string; id: string }[];
  areas: { count: number; contracted: string; sharePercent: number; totalContracted: string; id: string }[];
  lateness: { late: number; open: number; latePercent: number };
  flags: Record<string, number>;
  contracts: {
    id: string;
    title: Record<string, string>;
    body: string;
    area: string;
    year: number;
    status: string;
    state: 'not_started' | 'on_track' | 'lagging' | 'late' | 'paid_ahead' | 'overspent' | 'completed';
    contracted: string;
    spent: string;
    flags: string[];
    explanations?: FlagExplanationView[] | undefined;
  }[];
};

export interface ContractorItemFacts {
  id: string;
  title: Record<string, string>;
  body: string;
  area: AreaCode;
  year: number;
  status: string;
  state: ExecutionState;
  contractedTiyn: bigint;
  spentTiyn: bigint;
  flags: string[];
}

interface Sum {
  count: number;
  contracted: bigint;
  spent: bigint;
}
const add = (m: Map<string, Sum>, key: string, i: ContractorItemFacts) => {
  const s = m.get(key) ?? { count: 0, contracted: 0n, spent: 0n };
  s.count++;
  s.contracted += i.contractedTiyn;
  s.spent += i.spentTiyn;
  m.set(key, s);
};

/**
 * `groupTotals` gives, for a body or area id, everything it contracted in the years the contractor
 * appears with it (tiyn), read from the byBody / byArea indexes.
 */
export function contractorProfile(
  contractor: ContractorView,
  items: readonly ContractorItemFacts[],
  groupTotals: { bodies: ReadonlyMap<string, bigint>; areas: ReadonlyMap<string, bigint> },
): ContractorProfile {
  const total: Sum = { count: 0, contracted: 0n, spent: 0n };
  const years = new Map<string, Sum>();
  const bodies = new Map<string, Sum>();
  const areas = new Map<string, Sum>();
  const flags: Record<string, number> = {};
  let late = 0;
  let open = 0;
  for (const i of items) {
    total.count++;
    total.contracted += i.contractedTiyn;
    total.spent += i.spentTiyn;
    add(years, String(i.year), i);
    add(bodies, i.body, i);
    add(areas, i.area, i);
    if (i.status !== 'completed' && i.status !== 'cancelled') open++;
    if (i.state === 'late') late++;
    for (const f of i.flags) flags[f] = (flags[f] ?? 0) + 1;
  }
  const shares = (m: Map<string, Sum>, totals: ReadonlyMap<string, bigint>) =>
    [...m]
      .map(([id, s]) => {
        const all = totals.get(id) ?? s.contracted;
        return {
          id,
          count: s.count,
          contracted: fromTiyn(s.contracted),
          sharePercent: percentOf(s.contracted, all),
          totalContracted: fromTiyn(all),
        };
      })
      .sort((a, b) => b.sharePercent - a.sharePercent || a.id.localeCompare(b.id));
  return {
    contractor,
    totals: { count: total.count, contracted: fromTiyn(total.contracted), spent: fromTiyn(total.spent) },
    byYear: [...years]
      .map(([y, s]) => ({
        year: Number(y),
        count: s.count,
        contracted: fromTiyn(s.contracted),
        spent: fromTiyn(s.spent),
      }))
      .sort((a, b) => a.year - b.year),
    bodies: shares(bodies, groupTotals.bodies),
    areas: shares(areas, groupTotals.areas),
    lateness: { late, open, latePercent: open ? Math.round((late / open) * 1000) / 10 : 0 },
    flags,
    contracts: items.map((i) => ({
      id: i.id,
      title: i.title,
      body: i.body,
      area: i.area,
      year: i.year,
      status: i.status,
      state: i.state,
      contracted: fromTiyn(i.contractedTiyn),
      spent: fromTiyn(i.spentTiyn),
      flags: i.flags,
    })),
  };
}
