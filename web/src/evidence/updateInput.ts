/**
 * The official's progress-update form as data: its fields by name, and the update they make (only
 * the parts filled in are sent).
 */
import type { FileRef } from '../../../shared/comments';
import type { ProgressUpdateInput } from '../../../shared/progress-updates';

export interface UpdateFields {
  milestone: string;
  metOn: string;
  spent: string;
  asOf: string;
  status: string;
  end: string;
  reason: string;
  note: string;
}

export const blankUpdate = (today: string): UpdateFields => ({
  milestone: '',
  metOn: today,
  spent: '',
  asOf: today,
  status: '',
  end: '',
  reason: '',
  note: '',
});

/** What the filled-in parts of the form say, as one update (each part is optional). */
export function updateInput(v: UpdateFields, evidence: FileRef[]): ProgressUpdateInput {
  return {
    ...(v.milestone ? { milestone: { milestoneId: v.milestone, metOn: v.metOn, evidence } } : {}),
    ...(v.spent.trim() ? { spent: { total: v.spent.trim(), asOf: v.asOf } } : {}),
    ...(v.status ? { status: v.status as ProgressUpdateInput['status'] & string } : {}),
    ...(v.end ? { expectedEnd: { date: v.end, reason: v.reason.trim() } } : {}),
    ...(v.note.trim() ? { note: v.note.trim() } : {}),
  } as ProgressUpdateInput;
}
