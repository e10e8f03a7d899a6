/**
 * Every legal deadline of a question to a government body, in one module (Administrative Procedural
 * and Process Code No. 350-VI, art. 76):
 *   - an appeal is considered within 15 working days of receipt;
 *   - the body may extend it once, by a reasoned decision, to no more than two months after receipt,
 *     and tells the applicant within 3 working days;
 *   - an appeal outside the body's competence is redirected within 3 working days of receipt, and the
 *     clock restarts at the competent body.
 * Terms count from the day after the event (the day of receipt is not counted). Working days are
 * Monday–Friday minus Kazakhstan's public holidays and their substitute days (date-holidays), plus the
 * per-year corrections in `calendar/kz-<year>.json` (government transfer days, library errors).
 *
 * All dates are Almaty calendar dates as `YYYY-MM-DD` strings.
 */
import Holidays from 'date-holidays';
import kz2025 from './calendar/kz-2025.json' with { type: 'json' };
import kz2026 from './calendar/kz-2026.json' with { type: 'json' };
import kz2027 from './calendar/kz-2027.json' with { type: 'json' };

export const ANSWER_WORKING_DAYS = 15;
export const REDIRECT_WORKING_DAYS = 3;
export const EXTENSION_NOTICE_WORKING_DAYS = 3;
export const EXTENSION_CAP_MONTHS = 2;
/** How long after an answer the asker may dispute it (calendar days). */
export const DISPUTE_WINDOW_DAYS = 30;
/** An open question this many working days or fewer before its due date gets a warning. */
export const DUE_SOON_WORKING_DAYS = 3;

interface CalendarCorrections {
  year: number;
  daysOff: { date: string; reason: string }[];
  workingDays: { date: string; reason: string }[];
}

const CORRECTIONS: Record<number, CalendarCorrections> = Object.fromEntries(
  [kz2025, kz2026, kz2027].map((c) => [c.year, c as CalendarCorrections]),
);

const holidays = new Holidays('KZ');
const daysOffByYear = new Map<number, { off: Set<string>; worked: Set<string> }>();

function calendarOf(year: number) {
  let cal = daysOffByYear.get(year);
  if (!cal) {
    const off = new Set<string>();
    for (const h of holidays.getHolidays(year)) {
      // Only days off count; observances and optional days do not stop the clock.
      if (h.type === 'public') off.add(h.date.slice(0, 10));
    }
    const fix = CORRECTIONS[year];
    for (const d of fix?.daysOff ?? []) off.add(d.date);
    const worked = new Set((fix?.workingDays ?? []).map((d) => d.date));
    cal = { off, worked };
    daysOffByYear.set(year, cal);
  }
  return cal;
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** The same day `months` later, or the month's last day when it has no such day (31 Jan → 31 Mar / 28 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fromUtc(target);
}

/** Calendar days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

export function isWorkingDay(date: string): boolean {
  const cal = calendarOf(Number(date.slice(0, 4)));
  if (cal.worked.has(date)) return true;
  const weekday = toUtc(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !cal.off.has(date);
}

/** The `n`-th working day after `date` (the day itself is not counted). */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

/** The date an answer is due for a question received (or redirected here) on `receivedOn`. */
export function answerDueDate(receivedOn: string): string {
  return addWorkingDays(receivedOn, ANSWER_WORKING_DAYS);
}

/** The last date an extension may set: two months after receipt. */
export function extensionCap(receivedOn: string): string {
  return addMonths(receivedOn, EXTENSION_CAP_MONTHS);
}

/** The last day the body may redirect a question received on `receivedOn`. */
export function redirectDeadline(receivedOn: string): string {
  return addWorkingDays(receivedOn, REDIRECT_WORKING_DAYS);
}

/** The last day the asker must be told about an extension decided on `extendedOn`. */
export function extensionNoticeDeadline(extendedOn: string): string {
  return addWorkingDays(extendedOn, EXTENSION_NOTICE_WORKING_DAYS);
}

/** The last day the asker may dispute an answer given on `answeredOn`. */
export function disputeDeadline(answeredOn: string): string {
  return addDays(answeredOn, DISPUTE_WINDOW_DAYS);
}

/** Why an extension to `newDue` is not allowed, or null when it is. */
/** Why a new due date cannot be granted, as a catalogue code with params (for any language) and English. */
export interface ExtensionRefusal {
  code: 'question.extension_not_later' | 'question.extension_past_limit';
  params: { current: string } | { latest: string };
  message: string;
}

export function extensionRefusal(
  q: { receivedOn: string; dueOn: string },
  newDue: string,
): ExtensionRefusal | null {
  if (newDue <= q.dueOn)
    return {
      code: 'question.extension_not_later',
      params: { current: q.dueOn },
      message: `the new due date must be after the current one (${q.dueOn})`,
    };
  const cap = extensionCap(q.receivedOn);
  if (newDue > cap)
    return {
      code: 'question.extension_past_limit',
      params: { latest: cap },
      message: `the law allows at most two months after receipt: ${cap} at the latest`,
    };
  return null;
}

/** The English reason only (kept for existing callers); new code uses `extensionRefusal`. */
export function extensionProblem(q: { receivedOn: string; dueOn: string }, newDue: string): string | null {
  return extensionRefusal(q, newDue)?.message ?? null;
}

export function isRedirectInTime(receivedOn: string, today: string): boolean {
  return today <= redirectDeadline(receivedOn);
}

export function isDueSoon(dueOn: string, today: string): boolean {
  return today <= dueOn && workingDaysBetween(today, dueOn) <= DUE_SOON_WORKING_DAYS;
}
