/**
 * A contractor's profile (`GET /api/contractors/{bin}`): every contract it holds, the bodies and areas
 * it serves with its share of their contracted value, totals by year and its lateness record. Built
 * by `contractorProfile` from the contractor's items and the totals of the bodies and areas involved,
 * so the page's totals are the sums of its items by construction (and tested to be).
 */
import { z as zodSchema } from 'zod';
import type { AreaCode } from './areas';
import { EXECUTION_STATES, type ExecutionState } from './execution';
import { FlagExplanationView } from './flags-explanations';
import { ContractorView } from './item';
import { fromTiyn, percentOf } from './money';

/** A KZT amount as a decimal string ("1234567.89"), summed exactly in tiyn. */
const KztAmountOut = zodSchema.string();

export const ContractorContract = zodSchema.object({
  id: zodSchema.string(),
  title: zodSchema.record(zodSchema.string(), zodSchema.string()),
  body: zodSchema.string(),
  area: zodSchema.string(),
  year: zodSchema.number().int(),
  status: zodSchema.string(),
  state: zodSchema.enum(EXECUTION_STATES),
  contracted: KztAmountOut,
  spent: KztAmountOut,
  flags: zodSchema.array(zodSchema.string()),
  /** The body's public explanations of this contract's flags (absent when there are none). */
  explanations: zodSchema.array(FlagExplanationView).optional(),
});

const Share = zodSchema.object({
  count: zodSchema.number().int(),
  contracted: KztAmountOut,
  /** The contractor's contracted value as a share (%) of everything this body/area contracted in the same years. */
  sharePercent: zodSchema.number(),
  totalContracted: KztAmountOut,
});

export const ContractorProfile = zodSchema.object({
  contractor: ContractorView,
  totals: zodSchema.object({
    count: zodSchema.number().int(),
    contracted: KztAmountOut,
    spent: KztAmountOut,
  }),
  byYear: zodSchema.array(
    zodSchema.object({
      year: zodSchema.number().int(),
      count: zodSchema.number().int(),
      contracted: KztAmountOut,
      spent: KztAmountOut,
    }),
  ),
  bodies: zodSchema.array(Share.extend({ id: zodSchema.string() })),
  areas: zodSchema.array(Share.extend({ id: zodSchema.string() })),
  /** Items late today, and their share (%) of the items not completed or cancelled. */
  lateness: zodSchema.object({
    late: zodSchema.number().int(),
    open: zodSchema.number().int(),
    latePercent: zodSchema.number(),
  }),
  /** Count of items per risk flag code. */
  flags: zodSchema.record(zodSchema.string(), zodSchema.number().int()),
  contracts: zodSchema.array(ContractorContract),
});
export type ContractorProfile = zodSchema.infer<typeof ContractorProfile>;

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
