/**
 * The impact ledger (issue 21, part 7): what a question, an agenda outcome or a recommendation
 * changed, as structured entries: money saved, recovered, purchases cancelled, a penalty applied (KZT,
 * exact decimal strings, summed in tiyn as bigint: shared/money.ts), or a defect fixed (a count of
 * one). The secretary records each with its source document; an official of the body confirms it,
 * or it stays unconfirmed, and the sums say which is which.
 */
import type { ClubText, ClubTextInput } from './club-text';
import { fromTiyn, toTiyn } from './money';
import type { Flat } from './types';

export const IMPACT_KINDS = [
  'money_saved',
  'money_recovered',
  'purchase_cancelled',
  'penalty_applied',
  'defect_fixed',
] as const;
export type ImpactKind = (typeof IMPACT_KINDS)[number];
/** The kinds measured in money; `defect_fixed` is a count and carries no amount. */
export const MONEY_KINDS: readonly ImpactKind[] = [
  'money_saved',
  'money_recovered',
  'purchase_cancelled',
  'penalty_applied',
];

export type ImpactInput = {
  subject: {
    kind: 'question' | 'outcome' | 'recommendation';
    itemId: string;
    id: string;
    sessionId?: string | undefined;
  };
  kind: ImpactKind;
  amountKzt?: string | undefined;
  bodyId: string;
  description: ClubTextInput;
  source: { title: string; url?: string | undefined; uploadId?: string | undefined };
  on: string;
};

/** A recorded entry: the input as stored, who recorded it and whether the body confirmed it. */
export type ImpactEntry = Flat<
  Omit<ImpactInput, 'description'> & {
    id: string;
    description: ClubText;
    recordedByName: string;
    recordedAt: string;
    status: 'unconfirmed' | 'confirmed';
    confirmation?: { byName: string; at: string } | undefined;
  }
>;

export interface ImpactKindTotal {
  count: number;
  /** KZT as an exact decimal string ("0.00" for defects). */
  amountKzt: string;
}
export interface ImpactTotals {
  /** Every entry, confirmed or not. */
  all: Record<ImpactKind, ImpactKindTotal>;
  /** Only the entries the body's official confirmed. */
  confirmed: Record<ImpactKind, ImpactKindTotal>;
  entries: number;
}

function emptyTotals(): Record<ImpactKind, ImpactKindTotal> {
  return Object.fromEntries(IMPACT_KINDS.map((k) => [k, { count: 0, amountKzt: '0.00' }])) as Record<
    ImpactKind,
    ImpactKindTotal
  >;
}

/** Sums the entries per kind, in tiyn (bigint), so the totals are exact. */
export function sumImpact(entries: Pick<ImpactEntry, 'kind' | 'amountKzt' | 'status'>[]): ImpactTotals {
  const tiyn = { all: new Map<ImpactKind, bigint>(), confirmed: new Map<ImpactKind, bigint>() };
  const out: ImpactTotals = { all: emptyTotals(), confirmed: emptyTotals(), entries: entries.length };
  for (const e of entries) {
    const scopes = e.status === 'confirmed' ? (['all', 'confirmed'] as const) : (['all'] as const);
    for (const scope of scopes) {
      out[scope][e.kind].count++;
      const sum = (tiyn[scope].get(e.kind) ?? 0n) + (e.amountKzt ? toTiyn(e.amountKzt) : 0n);
      tiyn[scope].set(e.kind, sum);
      out[scope][e.kind].amountKzt = fromTiyn(sum);
    }
  }
  return out;
}
