/**
 * The impact ledger (issue 21, part 7): what a question, an agenda outcome or a recommendation
 * changed, as structured entries: money saved, recovered, purchases cancelled, a penalty applied (KZT,
 * exact decimal strings, summed in tiyn as bigint: shared/money.ts), or a defect fixed (a count of
 * one). The secretary records each with its source document; an official of the body confirms it,
 * or it stays unconfirmed, and the sums say which is which.
 */
import { z as zodSchema } from 'zod';
import { Ulid } from './item';
import { fromTiyn, KztAmount, toTiyn } from './money';
import { BodyId, ClubTextRecord } from './sessions';

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

const text = (max: number) => zodSchema.string().trim().min(1).max(max);

/** What the effect belongs to: a question, an agenda entry's outcome, or a recommendation. */
export const ImpactSubject = zodSchema
  .object({
    kind: zodSchema.enum(['question', 'outcome', 'recommendation']),
    itemId: Ulid,
    /** The question's, the agenda entry's, or the recommendation's id. */
    id: Ulid,
    /** The session, for an outcome or a recommendation. */
    sessionId: Ulid.optional(),
  })
  .strict();

/** The document the effect is recorded from (an act, a court decision, a cancelled tender notice). */
export const SourceDocument = zodSchema
  .object({
    title: text(300),
    url: zodSchema
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
    /** An attachment uploaded to the hub (POST /uploads). */
    uploadId: zodSchema.string().max(100).optional(),
  })
  .strict();

export const ImpactInput = zodSchema
  .object({
    subject: ImpactSubject,
    kind: zodSchema.enum(IMPACT_KINDS),
    amountKzt: KztAmount.optional(),
    bodyId: BodyId,
    description: zodSchema.union([
      text(2000),
      zodSchema.object({ kk: text(2000), ru: text(2000), en: text(2000).optional() }).strict(),
    ]),
    source: SourceDocument,
    /** The Almaty date of the effect (the act's date). */
    on: zodSchema.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict()
  .superRefine((v, ctx) => {
    const money = MONEY_KINDS.includes(v.kind);
    if (money && !v.amountKzt)
      ctx.addIssue({ code: 'custom', path: ['amountKzt'], message: 'a money effect needs its amount' });
    if (!money && v.amountKzt)
      ctx.addIssue({ code: 'custom', path: ['amountKzt'], message: 'a fixed defect has no amount' });
  });
export type ImpactInput = zodSchema.infer<typeof ImpactInput>;

export const ImpactEntry = zodSchema.object({
  id: Ulid,
  subject: ImpactSubject,
  kind: zodSchema.enum(IMPACT_KINDS),
  amountKzt: KztAmount.optional(),
  bodyId: BodyId,
  description: ClubTextRecord,
  source: SourceDocument,
  on: zodSchema.string(),
  recordedByName: zodSchema.string(),
  recordedAt: zodSchema.iso.datetime(),
  status: zodSchema.enum(['unconfirmed', 'confirmed']),
  confirmation: zodSchema.object({ byName: zodSchema.string(), at: zodSchema.iso.datetime() }).optional(),
});
export type ImpactEntry = zodSchema.infer<typeof ImpactEntry>;

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
