/**
 * View logic of the administration page's procurement section (issue 23), kept free of the DOM so
 * unit tests judge it: what a typed BIN is missing before it is sent (the API decides; this only
 * says it early, in the same words as the API's bin.* codes), and how a sync or import report reads.
 */
import { checkIdentificationNumber } from '../../../shared/bin';
import type { paths } from '../api/schema';

/** The problem code a typed BIN would get from the API, or null when it would pass (empty = unbind). */
export function binInputProblem(typed: string): 'bin.format' | 'bin.control_digit' | 'bin.kind' | null {
  const value = typed.replace(/\s+/g, '');
  if (value === '') return null;
  const check = checkIdentificationNumber(value);
  if (!check.ok) return check.code;
  return check.kind === 'bin' ? null : 'bin.kind';
}

/** What the admin asked for: bind a BIN, unbind, or nothing changed. */
export function binChange(current: string | undefined, typed: string): { bin: string | null } | null {
  const value = typed.replace(/\s+/g, '');
  if (value === (current ?? '')) return null;
  return { bin: value === '' ? null : value };
}

/**
 * A stored sync or import run, as GET /api/admin/data-runs lists it: the generated type of that
 * response, so a change to the server's report cannot drift from this page unseen.
 */
export type DataRunView =
  paths['/api/admin/data-runs']['get']['responses'][200]['content']['application/json']['runs'][number];

/** The message key and params of a run's outcome line: its counts, or why it failed. */
export function runOutcome(run: DataRunView): { key: string; params: Record<string, string | number> } {
  if (!run.ok) return { key: 'realdata.runs.failed', params: { error: run.error ?? '' } };
  const { created, updated, unchanged, refused } = run;
  return { key: 'realdata.runs.ok', params: { created, updated, unchanged, refused } };
}
