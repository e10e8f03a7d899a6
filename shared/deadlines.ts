/**
 * Every legal deadline of a question to a government body, in one module. The rules follow the
 * Administrative Procedural and Process Code No. 350-VI (APPK / ӘРПК) as checked in the team brief;
 * each rule below names its article and paragraph, and `LAW` carries the citations the API and the
 * UI show next to a due date:
 *   - art. 64(3): an appeal is registered the day it arrives, or the next working day when it arrives
 *     after working hours or on a non-working day (`registrationDay`);
 *   - art. 76(1): it is considered within 15 working days, counted after the registration day
 *     (`answerDueDate`);
 *   - art. 65(1): an appeal outside the body's competence is redirected within 3 working days, and
 *     the competent body's own term runs from its receipt (`redirectDeadline`);
 *   - art. 76(2): the head of the body may extend the term by a reasoned decision, to no more than two
 *     months from the registration day; the article does not limit the number of extensions, the cap
 *     binds; the applicant is told within 3 working days of each extension (`extensionProblem`,
 *     `extensionNoticeDeadline`).
 * Where the law is silent the module says so (`LawSilence`) instead of inventing a rule: no rule was
 * found for a calendar-month cap that lands on a non-working day, so the cap stays on that calendar
 * date and the result carries the flag `cap_on_non_working_day`.
 *
 * Working days are Monday–Friday minus public holidays and their substitute days, plus the
 * government's transfer days, as generated into `calendar/kz-<year>.json` by `npm run
 * calendar:generate` (date-holidays + hand-kept corrections with their sources). The runtime reads
 * only those files; a year without a file counts weekends only and says so (`calendarKnown`).
 *
 * All dates are Almaty calendar dates as `YYYY-MM-DD` strings.
 */
import { CALENDARS } from './calendar/index';
import { TIME_ZONE } from './dates';

/** A citation of the Code: `cite` is what a reader sees ("APPK art. 76(2)"). */
export interface LegalRule {
  article: number;
  paragraph?: number;
  cite: string;
}
const appk = (article: number, paragraph?: number): LegalRule => ({
  article,
  ...(paragraph ? { paragraph } : {}),
  cite: `APPK art. ${article}${paragraph ? `(${paragraph})` : ''}`,
});

/** The articles the clock follows (Code No. 350-VI), by the rule they make. */
export const LAW = {
  registration: appk(64, 3),
  answerTerm: appk(76, 1),
  extension: appk(76, 2),
  redirect: appk(65, 1),
  silenceIsRefusal: appk(91, 2),
  complaint: appk(92),
} as const satisfies Record<string, LegalRule>;

/** Art. 76(1). */
export const ANSWER_WORKING_DAYS = 15;
/** Art. 65(1). */
export const REDIRECT_WORKING_DAYS = 3;
/** Art. 76(2): the notice of an extension, counted from the extension. */
export const EXTENSION_NOTICE_WORKING_DAYS = 3;
/** Art. 76(2): the cap of all extensions together, from the registration day. */
export const EXTENSION_CAP_MONTHS = 2;
/** How long after an answer the asker may dispute it (calendar days): the hub's rule, not the Code's. */
export const DISPUTE_WINDOW_DAYS = 30;
/** An open question this many working days or fewer before its due date gets a warning. */
export const DUE_SOON_WORKING_DAYS = 3;
/**
 * End of the working day for art. 64(3) when the body has not set its own schedule: 18:30, the usual
 * end of the day in state bodies (9:00–18:30). The body's internal regulations govern; pass theirs.
 */
export const DEFAULT_END_OF_WORKING_DAY = '18:30';

/** Cases the Code does not decide; the module reports them rather than inventing a rule. */
export type LawSilence = 'cap_on_non_working_day';

// ── The calendar ───────────────────────────────────────────────────────────────────────────────

export interface CalendarFile {
  year: number;
  /**
   * Whether someone has read this year's government resolution on transferred days off into the
   * file. An unreviewed year counts its statutory holidays only.
   */
  reviewed: boolean;
  /** Every day off that is not a plain weekend (holidays, substitute days, transfers). */
  daysOff: string[];
  /** Saturdays or Sundays worked by a government transfer. */
  workingDays: string[];
}

const calendars = new Map<number, { off: Set<string>; worked: Set<string>; reviewed: boolean }>(
  (CALENDARS as CalendarFile[]).map((c) => [
    c.year,
    { off: new Set(c.daysOff), worked: new Set(c.workingDays), reviewed: c.reviewed },
  ]),
);

/** Years with a production calendar file. */
export function calendarYears(): number[] {
  return [...calendars.keys()].sort((a, b) => a - b);
}

/** Whether the working days of `year` are known (a calendar file exists). */
export function calendarKnown(year: number): boolean {
  return calendars.has(year);
}

/** Whether `year`'s government transfer days have been read into its file (see `CalendarFile`). */
export function calendarReviewed(year: number): boolean {
  return calendars.get(year)?.reviewed === true;
}

/**
 * The calendar years that must be ready by `today`: this year's and, from 1 November, next year's
 * (the government publishes its transfer days in the autumn, and a question raised in December
 * already counts into January). Returns the years whose file is missing or whose transfer days have
 * not been reviewed; empty when the calendar is ready. Files for later years exist with the statutory
 * holidays, so due dates far ahead are computed, but they count as ready only once reviewed.
 */
export function missingCalendarYears(today: string): number[] {
  const year = Number(today.slice(0, 4));
  const needed = today.slice(5) >= '11-01' ? [year, year + 1] : [year];
  return needed.filter((y) => !calendarReviewed(y));
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

/** The same day `months` later, or the month's last day when it has no such day (31 Dec → 28 Feb). */
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
  const weekday = toUtc(date).getUTCDay();
  const cal = calendars.get(Number(date.slice(0, 4)));
  if (cal?.worked.has(date)) return true;
  if (weekday === 0 || weekday === 6) return false;
  return !cal?.off.has(date);
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

/** The first working day after `date`. */
export function nextWorkingDay(date: string): string {
  return addWorkingDays(date, 1);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

// ── Registration: art. 64(3) ───────────────────────────────────────────────────────────────────

const clockFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function almatyParts(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(clockFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

export interface Registration {
  /** The Almaty date the appeal arrived. */
  arrivedOn: string;
  /** The registration day: the day the Code's terms count after. */
  registeredOn: string;
  /** Why registration moved to the next working day, if it did. */
  moved: 'after_hours' | 'non_working_day' | null;
  rule: LegalRule;
  /** False when the year's calendar file is missing (weekends only were counted). */
  calendarKnown: boolean;
}

/**
 * Art. 64(3): registered the day it arrives; the next working day when it arrives after working hours
 * or on a non-working day. `endOfWorkingDay` is the body's "HH:MM" (see DEFAULT_END_OF_WORKING_DAY).
 */
export function registrationDay(arrivedAt: Date, endOfWorkingDay = DEFAULT_END_OF_WORKING_DAY): Registration {
  const { date, time } = almatyParts(arrivedAt);
  const moved = !isWorkingDay(date) ? 'non_working_day' : time >= endOfWorkingDay ? 'after_hours' : null;
  const registeredOn = moved ? nextWorkingDay(date) : date;
  return {
    arrivedOn: date,
    registeredOn,
    moved,
    rule: LAW.registration,
    calendarKnown: calendarKnown(Number(date.slice(0, 4))) && calendarKnown(Number(registeredOn.slice(0, 4))),
  };
}

// ── Terms ──────────────────────────────────────────────────────────────────────────────────────

/** Art. 76(1): the date an answer is due for an appeal registered (or redirected here) on `registeredOn`. */
export function answerDueDate(registeredOn: string): string {
  return addWorkingDays(registeredOn, ANSWER_WORKING_DAYS);
}

export interface ExtensionCap {
  /** The last date any extension may set. */
  latest: string;
  rule: LegalRule;
  /** Set when the Code does not say what happens (the cap lands on a non-working day). */
  lawSilent: LawSilence | null;
}

/**
 * Art. 76(2): all extensions together end no later than two months after the registration day. When
 * that calendar date is a non-working day the Code does not say whether the cap moves; the hub keeps
 * the calendar date (never later than the literal cap) and flags it.
 */
export function extensionCapOf(registeredOn: string): ExtensionCap {
  const latest = addMonths(registeredOn, EXTENSION_CAP_MONTHS);
  return { latest, rule: LAW.extension, lawSilent: isWorkingDay(latest) ? null : 'cap_on_non_working_day' };
}

/** Art. 76(2): the last date an extension may set (see `extensionCapOf` for the flag). */
export function extensionCap(registeredOn: string): string {
  return extensionCapOf(registeredOn).latest;
}

/** Art. 65(1): the last day the body may redirect an appeal registered on `registeredOn`. */
export function redirectDeadline(registeredOn: string): string {
  return addWorkingDays(registeredOn, REDIRECT_WORKING_DAYS);
}

/** Art. 76(2): the last day the applicant must be told about an extension decided on `extendedOn`. */
export function extensionNoticeDeadline(extendedOn: string): string {
  return addWorkingDays(extendedOn, EXTENSION_NOTICE_WORKING_DAYS);
}

/** Art. 65(1): the applicant is told of a redirect at the same time, so the notice is due that day. */
export function redirectNoticeDeadline(redirectedOn: string): string {
  return redirectedOn;
}

/** The last day the asker may dispute an answer given on `answeredOn` (the hub's rule). */
export function disputeDeadline(answeredOn: string): string {
  return addDays(answeredOn, DISPUTE_WINDOW_DAYS);
}

/**
 * A refusal of the clock, with a stable machine code the UI translates and the parameters it needs
 * (codes and param names as in the API's problem-code catalogue: `{ latest }`, `{ current }`, `{ deadline }`).
 */
export interface DeadlineProblem {
  code:
    | 'question.extension_not_later'
    | 'question.extension_past_limit'
    | 'question.extension_after_due'
    | 'question.redirect_too_late';
  params: Record<string, string>;
  rule: LegalRule;
  /** English detail for logs and API clients; the UI shows the code's own text. */
  message: string;
}

/**
 * Why an extension to `newDue` decided on `today` is not allowed, or null when it is (art. 76(2)).
 * Any number of extensions is allowed; each must move the term later, be decided while the term in
 * force still runs (an expired term is already missed), and stay within the two-month cap.
 */
export function extensionProblem(
  q: { registeredOn?: string; receivedOn: string; dueOn: string },
  newDue: string,
  today?: string,
): DeadlineProblem | null {
  const rule = LAW.extension;
  if (newDue <= q.dueOn)
    return {
      code: 'question.extension_not_later',
      params: { current: q.dueOn },
      rule,
      message: `The new due date must be after the current one (${q.dueOn}).`,
    };
  if (today && today > q.dueOn)
    return {
      code: 'question.extension_after_due',
      params: { due: q.dueOn },
      rule,
      message: `The term ended on ${q.dueOn}; an expired term cannot be extended (${rule.cite}).`,
    };
  const { latest } = extensionCapOf(q.registeredOn ?? q.receivedOn);
  if (newDue > latest)
    return {
      code: 'question.extension_past_limit',
      params: { latest },
      rule,
      message: `${rule.cite} allows at most two months from the registration day: ${latest} at the latest.`,
    };
  return null;
}

/** Why a redirect on `today` is too late (art. 65(1)), or null. */
export function redirectProblem(registeredOn: string, today: string): DeadlineProblem | null {
  const last = redirectDeadline(registeredOn);
  if (today <= last) return null;
  return {
    code: 'question.redirect_too_late',
    params: { deadline: last },
    rule: LAW.redirect,
    message: `${LAW.redirect.cite}: a question may be redirected within ${REDIRECT_WORKING_DAYS} working days of registration (by ${last}); now the body must answer it.`,
  };
}

export function isRedirectInTime(registeredOn: string, today: string): boolean {
  return redirectProblem(registeredOn, today) === null;
}

export function isDueSoon(dueOn: string, today: string): boolean {
  return today <= dueOn && workingDaysBetween(today, dueOn) <= DUE_SOON_WORKING_DAYS;
}

// ── Why a date is due ──────────────────────────────────────────────────────────────────────────

/**
 * What makes the due date in force due, for the explanation next to it: the rule, its article, the day
 * the term counts from and, for an extension, the cap and any silence of the law.
 *   - `answer`: art. 76(1), 15 working days after the registration day of art. 64(3);
 *   - `redirected`: art. 65(1) + 76(1), the competent body's own 15 working days from its receipt;
 *   - `extended`: art. 76(2), the head's reasoned decision, within the two-month cap;
 *   - `reopened`: the hub's own rule (a disputed answer is owed again on the usual term); no article.
 */
export interface DueBasis {
  kind: 'answer' | 'redirected' | 'extended' | 'reopened';
  /** The articles that make the date due; empty for the hub's own rule. */
  rules: LegalRule[];
  /** The day the term counts after (registration, redirect, dispute) or the extension's decision day. */
  from: string;
  dueOn: string;
  cap?: ExtensionCap;
}

export function dueBasis(q: {
  receivedOn: string;
  registeredOn?: string;
  dueOn: string;
  status: string;
  extensions?: { on: string; newDueOn: string }[];
  extension?: { on: string; newDueOn: string };
  redirects?: { on: string }[];
  dispute?: { on: string };
}): DueBasis {
  const registeredOn = q.registeredOn ?? q.receivedOn;
  const latestExtension = q.extensions?.at(-1) ?? q.extension;
  if (latestExtension && latestExtension.newDueOn === q.dueOn)
    return {
      kind: 'extended',
      rules: [LAW.extension],
      from: latestExtension.on,
      dueOn: q.dueOn,
      cap: extensionCapOf(registeredOn),
    };
  if (q.dispute && q.status === 'reopened')
    return { kind: 'reopened', rules: [], from: q.dispute.on, dueOn: q.dueOn };
  if (q.redirects?.length)
    return { kind: 'redirected', rules: [LAW.redirect, LAW.answerTerm], from: registeredOn, dueOn: q.dueOn };
  return { kind: 'answer', rules: [LAW.registration, LAW.answerTerm], from: registeredOn, dueOn: q.dueOn };
}
