/** The zod schemas of shared/impact.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import type * as Shared from '../../../shared/impact';
import { IMPACT_KINDS, MONEY_KINDS } from '../../../shared/impact';
import type { Equal, Expect } from './assert-equal';
import { Ulid } from './item';
import { KztAmount } from './money';
import { BodyId, ClubTextRecord, clubText } from './sessions';

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
    description: clubText(2000),
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
type _ImpactInputAgrees = Expect<Equal<ImpactInput, Shared.ImpactInput>>;

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
type _ImpactEntryAgrees = Expect<Equal<ImpactEntry, Shared.ImpactEntry>>;

export * from '../../../shared/impact';
