/** The zod schemas of shared/progress-updates.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import { ITEM_STATUSES } from '../../../shared/categories';
import type * as Shared from '../../../shared/progress-updates';
import { MAX_UPDATE_EVIDENCE, MAX_UPDATE_NOTE } from '../../../shared/progress-updates';
import type { Equal, Expect } from './assert-equal';
import { Attachment, FileRefs } from './comments';
import { IsoDate, Ulid } from './item';
import { KztAmount } from './money';

export const ProgressUpdateInput = zodSchema
  .object({
    /** A milestone the item lists, now met: the day it was met and what shows it (uploads: photos, PDF acts). */
    milestone: zodSchema
      .object({
        milestoneId: zodSchema.string().min(1).max(64),
        metOn: IsoDate,
        /** Upload ids, or `{ id, signatureOf }` for a detached signature beside its document. */
        evidence: FileRefs(MAX_UPDATE_EVIDENCE).default([]),
      })
      .strict()
      .optional(),
    /** The total spent so far, as of a day: the difference to what the item shows becomes a payment. */
    spent: zodSchema.object({ total: KztAmount, asOf: IsoDate }).strict().optional(),
    status: zodSchema.enum(ITEM_STATUSES).optional(),
    /** A new expected end of the works, and why it moved. */
    expectedEnd: zodSchema
      .object({ date: IsoDate, reason: zodSchema.string().trim().min(3).max(MAX_UPDATE_NOTE) })
      .strict()
      .optional(),
    note: zodSchema.string().trim().max(MAX_UPDATE_NOTE).optional(),
  })
  .strict()
  .refine((u) => u.milestone || u.spent || u.status || u.expectedEnd, {
    message: 'an update reports a milestone, the amount spent, a status or a new end date',
    path: ['milestone'],
  });
export type ProgressUpdateInput = zodSchema.infer<typeof ProgressUpdateInput>;
type _ProgressUpdateInputAgrees = Expect<Equal<ProgressUpdateInput, Shared.ProgressUpdateInput>>;

export const ProgressUpdateView = zodSchema.object({
  id: Ulid,
  itemId: Ulid,
  bodyId: zodSchema.string(),
  /** The official's display name; the account id is never shown. */
  authorName: zodSchema.string(),
  postedAt: zodSchema.string(),
  milestone: zodSchema
    .object({
      milestoneId: zodSchema.string(),
      metOn: zodSchema.string(),
      evidence: zodSchema.array(Attachment),
    })
    .optional(),
  spent: zodSchema
    .object({
      before: zodSchema.string(),
      after: zodSchema.string(),
      asOf: zodSchema.string(),
      /** The payment added to the item's money history (its id in `transactions`). */
      transactionId: zodSchema.string(),
    })
    .optional(),
  status: zodSchema.object({ before: zodSchema.string(), after: zodSchema.string() }).optional(),
  expectedEnd: zodSchema
    .object({ before: zodSchema.string(), after: zodSchema.string(), reason: zodSchema.string() })
    .optional(),
  note: zodSchema.string().optional(),
  /** Site visits that referred to this update and agreed with it, or contested it. */
  ground: zodSchema.object({ confirmed: zodSchema.number().int(), contested: zodSchema.number().int() }),
});
export type ProgressUpdateView = zodSchema.infer<typeof ProgressUpdateView>;
type _ProgressUpdateViewAgrees = Expect<Equal<ProgressUpdateView, Shared.ProgressUpdateView>>;

export const ProgressUpdateList = zodSchema.object({ updates: zodSchema.array(ProgressUpdateView) });
export type ProgressUpdateList = zodSchema.infer<typeof ProgressUpdateList>;
type _ProgressUpdateListAgrees = Expect<Equal<ProgressUpdateList, Shared.ProgressUpdateList>>;

export * from '../../../shared/progress-updates';
