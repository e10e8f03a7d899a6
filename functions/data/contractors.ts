/**
 * A contractor's items through the item entity's `ofContractor` index (no Scan), and the contracted
 * totals of the bodies and areas it serves, read per (body, year) and (area, year) key prefix.
 */
import { checkIdentificationNumber } from '../../shared/bin';
import {
  type ContractorItemFacts,
  type ContractorProfile,
  contractorProfile,
} from '../../shared/contractors';
import { executionState, milestoneFacts } from '../../shared/execution';
import { contractorView } from '../../shared/item';
import type { Store } from './client';
import { fromItemRecord, itemKeys } from './items';
import { queryEntityAll, queryEntityRecords } from './query-all';
import { entitiesOf, kindIs } from './schema';

/** The contracted total of a body's or an area's items of one year (only that attribute is read). */
async function contractedTotal(store: Store, of: { body: string } | { area: string }, fiscalYear: number) {
  const q = entitiesOf(store).item.query;
  const query =
    'body' in of
      ? q.addressedToBody({ bodyKey: itemKeys.body(of.body), fiscalYear })
      : q.ofArea({ area: of.area, fiscalYear });
  // Only `contractedTiyn` is read; the key keeps other kinds out (the body partition's `ITEM#<year>#`
  // prefix; the area partition holds items only).
  const rows = await queryEntityAll(query, { options: { attributes: ['contractedTiyn'] } });
  return rows.reduce((sum, r) => sum + BigInt(Number(r.contractedTiyn ?? 0)), 0n);
}

/** The profile of the contractor with this BIN/IIN on `today`, or null when it holds no item. */
export async function readContractorProfile(
  store: Store,
  bin: string,
  today: string,
): Promise<ContractorProfile | null> {
  if (!checkIdentificationNumber(bin).ok) return null;
  const records = await queryEntityRecords(
    entitiesOf(store)
      .item.query.ofContractor({ contractorKey: itemKeys.contractor(bin) })
      .where(kindIs('item')),
  );
  if (records.length === 0) return null;
  const facts: ContractorItemFacts[] = records.map((r) => {
    const item = fromItemRecord(r);
    const input = {
      status: item.status,
      plannedTiyn: BigInt(Number(r.plannedTiyn ?? 0)),
      contractedTiyn: BigInt(Number(r.contractedTiyn ?? 0)),
      spentTiyn: BigInt(Number(r.spentTiyn ?? 0)),
      periodStart: item.period.start,
      periodEnd: item.period.end,
      ...milestoneFacts(item.milestones),
    };
    return {
      id: item.id,
      title: item.title as Record<string, string>,
      body: item.body.id,
      area: item.area,
      year: item.fiscalYear,
      status: item.status,
      state: executionState(input, today),
      contractedTiyn: input.contractedTiyn,
      spentTiyn: input.spentTiyn,
      flags: recordFlags(r),
    };
  });
  const bodyYears = new Set(facts.map((f) => `${f.body}|${f.year}`));
  const areaYears = new Set(facts.map((f) => `${f.area}|${f.year}`));
  const bodies = new Map<string, bigint>();
  const areas = new Map<string, bigint>();
  await Promise.all([
    ...[...bodyYears].map(async (k) => {
      const [body, year] = k.split('|') as [string, string];
      const t = await contractedTotal(store, { body }, Number(year));
      bodies.set(body, (bodies.get(body) ?? 0n) + t);
    }),
    ...[...areaYears].map(async (k) => {
      const [area, year] = k.split('|') as [string, string];
      const t = await contractedTotal(store, { area }, Number(year));
      areas.set(area, (areas.get(area) ?? 0n) + t);
    }),
  ]);
  const first = fromItemRecord(records[0]!).contractor!;
  facts.sort((a, b) => b.year - a.year || (a.id < b.id ? -1 : 1));
  return contractorProfile(contractorView(first), facts, { bodies, areas });
}

/** Risk-flag codes written on the item record by the group-flag job (absent until it runs). */
function recordFlags(r: Record<string, unknown>): string[] {
  const f = r.flags;
  return Array.isArray(f) ? f.filter((x): x is string => typeof x === 'string') : [];
}
