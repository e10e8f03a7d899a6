/**
 * An official's public explanation of a risk flag on an item of their body (issue 18, item 5): the
 * flag stays; the body's reply is shown beside it on the item panel and the contractor page, on the
 * audit chain, and moderated like any other public text.
 */
import type { FlagCode } from './flags';
import type { Lang } from './i18n-text';
import type { Flat } from './types';

export const MAX_FLAG_EXPLANATION = 2000;

export type FlagExplanationInput = { text: string; lang: Lang };

/** What readers see: the body that answers, never the official's account. */
export type FlagExplanationView = Flat<
  FlagExplanationInput & {
    id: string;
    itemId: string;
    code: FlagCode;
    bodyId: string;
    at: string;
    editedAt?: string | undefined;
  }
>;

/** A moderated explanation also carries its state and reason, for the body's officials and moderators. */
export type FlagExplanationListEntry = Flat<
  FlagExplanationView & {
    visibility?: 'pending' | 'hidden' | undefined;
    hiddenReason?: string | undefined;
  }
>;
