/**
 * View logic of the administration page's procurement section (issue 23), kept free of the DOM so
 * unit tests judge it: what a typed BIN is missing before it is sent (the API decides; this only
 * says it early, in the same words as the API's bin.* codes), and how a sync or import report reads.
 */
import { checkIdentificationNumber } from '../../../shared/bin';

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
