/**
 * Reading the values people actually put in budget spreadsheets: Kazakh and Russian number formats
 * ("1 234 567,89"), Russian dates ("31.12.2026"), comma-decimal coordinates. Each parser returns the
 * canonical value or a message saying what was expected, so the report can name the field and why.
 */
import { AREAS, type AreaCode, REGION_BBOX } from '../../shared/areas';
import { nearestPlace } from '../../shared/gazetteer';
import { fromTiyn, KztAmount, toTiyn } from '../api/schemas/money';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; expected: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string, expected: string): Parsed<T> => ({ ok: false, message, expected });

/** Group separators seen in KZ/RU files: space, no-break space, narrow no-break space, apostrophe. */
const GROUP_SEPARATORS = /[\s\u00a0\u202f']/g;

/**
 * A non-negative KZT amount as the canonical decimal string ("1234567.89"). Accepts "1 234 567,89",
 * "1234567.89", "1 234 567" and "1234567,5". A lone separator followed by exactly three digits
 * ("1.234" or "1,234") is ambiguous between a thousands group and a decimal, so it is refused.
 */
export function parseAmount(raw: string): Parsed<string> {
  const expected = 'a non-negative KZT amount like "1 234 567,89" or "1234567.89"';
  const s = raw.replace(GROUP_SEPARATORS, '');
  if (s === '') return bad('is empty', expected);
  if (s.startsWith('-')) return bad(`"${raw}" is negative`, expected);
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(s);
  if (!m) return bad(`"${raw}" is not a number`, expected);
  const whole = m[1] ?? '0';
  const frac = m[2] ?? '';
  if (frac.length > 2) {
    const hint = frac.length === 3 ? ' (a thousands separator? use spaces to group digits)' : '';
    return bad(`"${raw}" has more than two decimal places${hint}`, expected);
  }
  const canonical = `${whole.replace(/^0+(?=\d)/, '')}${frac ? `.${frac}` : ''}`;
  if (!KztAmount.safeParse(canonical).success) return bad(`"${raw}" is too large`, expected);
  // One spelling per amount ("1234567.00"), the one storage gives back, so re-imports compare equal.
  return ok(fromTiyn(toTiyn(canonical)));
}

/** An amount given as a JSON number (OC4IDS, OCDS) as the canonical decimal string. */
export function amountFromNumber(n: unknown): Parsed<string> {
  const expected = 'a non-negative number with at most two decimals';
  if (typeof n !== 'number' || !Number.isFinite(n))
    return bad(`${JSON.stringify(n)} is not a number`, expected);
  if (n < 0) return bad(`${n} is negative`, expected);
  return parseAmount(String(n));
}

/** A decimal number with either "." or "," as the decimal mark ("42,9" or "42.9"). */
export function parseDecimal(raw: string): number | null {
  const s = raw.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** An ISO date from "2026-03-01", "01.03.2026" or an ISO date-time ("2026-03-01T00:00:00Z"). */
export function parseDate(raw: string): Parsed<string> {
  const expected = 'a date like "2026-03-01" or "01.03.2026"';
  const s = raw.trim();
  let iso: string | undefined;
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s);
  if (ru) iso = `${ru[3]}-${ru[2]}-${ru[1]}`;
  else if (/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(s)) iso = s.slice(0, 10);
  if (!iso) return bad(`"${raw}" is not a date`, expected);
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    return bad(`"${raw}" is not a calendar date`, expected);
  }
  return ok(iso);
}

export function insideRegion(lon: number, lat: number): boolean {
  const [west, south, east, north] = REGION_BBOX;
  return lon >= west && lon <= east && lat >= south && lat <= north;
}

/** A point inside Zhambyl region; says so when longitude and latitude look swapped. */
export function checkPoint(lon: number, lat: number): Parsed<[number, number]> {
  const expected = `longitude ${REGION_BBOX[0]}…${REGION_BBOX[2]} and latitude ${REGION_BBOX[1]}…${REGION_BBOX[3]} (Zhambyl region)`;
  if (insideRegion(lon, lat)) return ok([lon, lat]);
  const hint = insideRegion(lat, lon) ? '; longitude and latitude look swapped' : '';
  return bad(`(${lon}, ${lat}) is outside Zhambyl region${hint}`, expected);
}

/**
 * The area of the gazetteer settlement nearest the point: the best guess when a source names no
 * district. Only located settlements count, so a district whose centre the gazetteer lacks (Shu) is
 * never guessed from a made-up point.
 */
export function nearestArea(lon: number, lat: number): AreaCode {
  return nearestPlace(lon, lat).place.area;
}

const normalizeName = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const areaNames = new Map<string, AreaCode>();
for (const a of AREAS) {
  areaNames.set(a.code, a.code);
  for (const name of [...Object.values(a.name), ...Object.values(a.centre)]) {
    if (name) areaNames.set(normalizeName(name), a.code);
  }
}

/** An area code from its code or any of its names (kk/ru/en, district or centre). */
export function areaFromName(raw: string): AreaCode | undefined {
  return areaNames.get(normalizeName(raw));
}
