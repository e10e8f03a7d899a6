/** The zod schemas of shared/flags-explanations.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import { FLAG_CODES } from '../../../shared/flags';
import type * as Shared from '../../../shared/flags-explanations';
import { MAX_FLAG_EXPLANATION } from '../../../shared/flags-explanations';
import { LANGS } from '../../../shared/i18n-text';
import type { Equal, Expect } from './assert-equal';

export const FlagExplanationInput = zodSchema
  .object({
    text: zodSchema.string().trim().min(1).max(MAX_FLAG_EXPLANATION),
    /** The language the official wrote in (the state language or Russian; English for a translation). */
    lang: zodSchema.enum(LANGS),
  })
  .strict();
export type FlagExplanationInput = zodSchema.infer<typeof FlagExplanationInput>;
type _FlagExplanationInputAgrees = Expect<Equal<FlagExplanationInput, Shared.FlagExplanationInput>>;

export const FlagCodeParam = zodSchema.enum(FLAG_CODES);

/** What readers see: the body that answers, never the official's account. */
export const FlagExplanationView = zodSchema.object({
  id: zodSchema.string(),
  itemId: zodSchema.string(),
  code: zodSchema.enum(FLAG_CODES),
  bodyId: zodSchema.string(),
  text: zodSchema.string(),
  lang: zodSchema.enum(LANGS),
  at: zodSchema.string(),
  /** When the body last edited it (absent: as first written). */
  editedAt: zodSchema.string().optional(),
});
export type FlagExplanationView = zodSchema.infer<typeof FlagExplanationView>;
type _FlagExplanationViewAgrees = Expect<Equal<FlagExplanationView, Shared.FlagExplanationView>>;

/**
 * The list as a caller sees it: readers get the visible explanations; the item's body's officials and
 * moderators also get the moderated ones, marked with their state and reason (so the body learns its
 * reply was hidden, and why, instead of seeing it silently vanish).
 */
export const FlagExplanationListEntry = FlagExplanationView.extend({
  /** Present only on a moderated explanation (shown to the body's officials and moderators). */
  visibility: zodSchema.enum(['pending', 'hidden']).optional(),
  hiddenReason: zodSchema.string().optional(),
});
export type FlagExplanationListEntry = zodSchema.infer<typeof FlagExplanationListEntry>;
type _FlagExplanationListEntryAgrees = Expect<
  Equal<FlagExplanationListEntry, Shared.FlagExplanationListEntry>
>;

export const FlagExplanationList = zodSchema.object({
  explanations: zodSchema.array(FlagExplanationListEntry),
});

export * from '../../../shared/flags-explanations';
