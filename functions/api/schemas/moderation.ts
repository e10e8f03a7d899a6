/** The zod schemas of shared/moderation.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import type * as Shared from '../../../shared/moderation';
import { MODERATION_ACTIONS, VISIBILITIES } from '../../../shared/moderation';
import type { Equal, Expect } from './assert-equal';
import { MODERATION_REASONS } from './comments';

export const ContentKindName = zodSchema.string().regex(/^[a-z][a-z_]{1,30}$/);

export const ContentId = zodSchema.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,120}$/);

export const ContentRef = zodSchema.object({ kind: ContentKindName, id: ContentId });
export type ContentRef = zodSchema.infer<typeof ContentRef>;
type _ContentRefAgrees = Expect<Equal<ContentRef, Shared.ContentRef>>;

export const HistoryEntry = zodSchema.object({
  id: zodSchema.string(),
  at: zodSchema.string(),
  action: zodSchema.enum(MODERATION_ACTIONS),
  kind: ContentKindName,
  contentId: ContentId,
  actor: zodSchema.object({ sub: zodSchema.string(), name: zodSchema.string() }),
  reason: zodSchema.enum(MODERATION_REASONS),
  note: zodSchema.string().optional(),
});
export type HistoryEntry = zodSchema.infer<typeof HistoryEntry>;
type _HistoryEntryAgrees = Expect<Equal<HistoryEntry, Shared.HistoryEntry>>;

export const ModeratedEntry = zodSchema.object({
  kind: ContentKindName,
  id: ContentId,
  /** The item the content is shown on, for a link (absent for content shown elsewhere). */
  itemId: zodSchema.string().optional(),
  /** The text under review (moderators see hidden text); null when the content has none left. */
  text: zodSchema.string().nullable(),
  visibility: zodSchema.enum(VISIBILITIES),
  reason: zodSchema.enum(MODERATION_REASONS).optional(),
  flagCount: zodSchema.number().int(),
  /** When it entered the list it is in (first flag, or the hide). */
  since: zodSchema.string(),
});
export type ModeratedEntry = zodSchema.infer<typeof ModeratedEntry>;
type _ModeratedEntryAgrees = Expect<Equal<ModeratedEntry, Shared.ModeratedEntry>>;

export const ContentDecision = zodSchema
  .object({
    reason: zodSchema.enum(MODERATION_REASONS),
    note: zodSchema.string().trim().min(1).max(1000),
  })
  .strict();

export const BulkDecision = ContentDecision.extend({
  action: zodSchema.enum(['hide', 'restore']),
  items: zodSchema.array(ContentRef).min(1).max(50),
}).strict();

export const BulkResult = zodSchema.object({
  results: zodSchema.array(
    ContentRef.extend({
      outcome: zodSchema.enum(['done', 'not_found']),
      visibility: zodSchema.enum(VISIBILITIES).optional(),
    }),
  ),
});

/** A block on a user's creates: why, until when (absent: until lifted), by whom. */
export const BlockInput = zodSchema
  .object({
    reason: zodSchema.string().trim().min(1).max(500),
    /** Whole days, 1–3650; absent means until a moderator lifts it. */
    days: zodSchema.number().int().min(1).max(3650).optional(),
  })
  .strict();

export const UnblockInput = zodSchema.object({ reason: zodSchema.string().trim().min(1).max(500) }).strict();

export const BlockView = zodSchema.object({
  blocked: zodSchema.boolean(),
  reason: zodSchema.string().optional(),
  since: zodSchema.string().optional(),
  until: zodSchema.string().optional(),
});
export type BlockView = zodSchema.infer<typeof BlockView>;
type _BlockViewAgrees = Expect<Equal<BlockView, Shared.BlockView>>;

export * from '../../../shared/moderation';
