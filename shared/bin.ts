/**
 * Kazakhstan's 12-digit business and individual identification numbers (BIN / IIN).
 *
 * Control digit (the published algorithm, also in ../shared/BRIEF.md): weigh digits 1–11 by 1…11 and
 * take the sum mod 11; if that gives 10, weigh them by 3…11, 1, 2 instead; a second 10 means no
 * number with these 11 digits is ever issued.
 *
 * Digit 5 tells the kind: 0–3 an IIN (a person, e.g. a sole trader), 4–6 a BIN (4 resident entity,
 * 5 non-resident, 6 joint individual entrepreneurs). Only a BIN's first four digits are its
 * registration year and month. An IIN's first six digits are a birth date: this module never reads
 * them, and nothing else may.
 */

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weighted(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += (digits[i] as number) * (weights[i] as number);
  return sum % 11;
}

/** The control digit for 11 leading digits, or `undefined` when no number with them is issued. */
export function controlDigit(first11: string): number | undefined {
  if (!/^\d{11}$/.test(first11)) throw new RangeError('controlDigit needs 11 digits');
  const digits = [...first11].map(Number);
  const first = weighted(digits, FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weighted(digits, SECOND_WEIGHTS);
  return second === 10 ? undefined : second;
}

export type IdentificationNumberKind = 'bin' | 'iin';

export type IdentificationNumberCheck =
  | { ok: true; kind: IdentificationNumberKind }
  | { ok: false; code: 'bin.format' | 'bin.control_digit' | 'bin.kind' };

/** Checks a 12-digit BIN or IIN: format, control digit and the kind digit (5th). */
export function checkIdentificationNumber(value: string): IdentificationNumberCheck {
  if (!/^\d{12}$/.test(value)) return { ok: false, code: 'bin.format' };
  if (controlDigit(value.slice(0, 11)) !== Number(value[11])) return { ok: false, code: 'bin.control_digit' };
  const kind = Number(value[4]);
  if (kind <= 3) return { ok: true, kind: 'iin' };
  if (kind <= 6) return { ok: true, kind: 'bin' };
  return { ok: false, code: 'bin.kind' };
}

export function isValidIdentificationNumber(value: string): boolean {
  return checkIdentificationNumber(value).ok;
}

/**
 * Registration year and month of a BIN (digits 1–2 year, 3–4 month), or `undefined` for an IIN or an
 * invalid number. Two-digit years are read as 2000–2099 when not after `today`'s year, else 1900s.
 */
export function binRegistrationMonth(
  value: string,
  todayYear: number,
): { year: number; month: number } | undefined {
  const check = checkIdentificationNumber(value);
  if (!check.ok || check.kind !== 'bin') return undefined;
  const yy = Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  if (month < 1 || month > 12) return undefined;
  const year = 2000 + yy <= todayYear ? 2000 + yy : 1900 + yy;
  return { year, month };
}

/** Completes 11 digits with their control digit (demo data and tests), or `undefined` if not issuable. */
export function withControlDigit(first11: string): string | undefined {
  const digit = controlDigit(first11);
  return digit === undefined ? undefined : `${first11}${digit}`;
}
