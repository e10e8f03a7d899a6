/**
 * Officials' progress updates (issue 19, deliver 4): an official of the item's body reports what
 * moved — a milestone met (its date and evidence), the amount spent so far, a status change, a new
 * expected end date with the reason. The update changes the item itself, stays listed on it as "an
 * update from the body", and site visits can confirm or contest it.
 */
import type { ItemStatus } from './categories';
import type { Attachment, FileRef } from './comments';

export const MAX_UPDATE_EVIDENCE = 10;
export const MAX_UPDATE_NOTE = 2000;

export type ProgressUpdateInput = {
  milestone?: { milestoneId: string; metOn: string; evidence: FileRef[] } | undefined;
  spent?: { total: string; asOf: string } | undefined;
  status?: ItemStatus | undefined;
  expectedEnd?: { date: string; reason: string } | undefined;
  note?: string | undefined;
};

export type ProgressUpdateView = {
  id: string;
  itemId: string;
  bodyId: string;
  authorName: string;
  postedAt: string;
  milestone?: { milestoneId: string; metOn: string; evidence: Attachment[] } | undefined;
  spent?: { before: string; after: string; asOf: string; transactionId: string } | undefined;
  status?: { before: string; after: string } | undefined;
  expectedEnd?: { before: string; after: string; reason: string } | undefined;
  note?: string | undefined;
  ground: { confirmed: number; contested: number };
};

export type ProgressUpdateList = { updates: ProgressUpdateView[] };
