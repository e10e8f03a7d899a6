import { Temporal } from 'temporal-polyfill';

/** The hub lives in Asia/Almaty: "today" and every shown date are Almaty dates. */
export const TIME_ZONE = 'Asia/Almaty';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Almaty calendar date (YYYY-MM-DD) of an instant. */
export function almatyDate(instant: Date = new Date()): string {
  return dayFormat.format(instant);
}

/**
 * Real calendar values in sane ranges, checked with Temporal (no "2027-02-30", no "2026-13-45",
 * no year 0002 or 9999): a value that passes can always be turned into an instant, an iCalendar
 * event or a deadline without throwing. Refusals carry a catalogue code (`date.invalid`,
 * `date.out_of_range` with `earliest`/`latest`) so the client can say it in its language.
 */
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';

export type CalendarCheck =
  | { ok: true }
  | { ok: false; code: 'date.invalid'; params: { value: string } }
  | { ok: false; code: 'date.out_of_range'; params: { earliest: string; latest: string } };

function inRange(date: Temporal.PlainDate): CalendarCheck {
  const d = date.toString();
  if (d < EARLIEST_DATE || d > LATEST_DATE)
    return { ok: false, code: 'date.out_of_range', params: { earliest: EARLIEST_DATE, latest: LATEST_DATE } };
  return { ok: true };
}

/** A "YYYY-MM-DD" that names a real day in range. */
export function checkCalendarDate(value: string): CalendarCheck {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return { ok: false, code: 'date.invalid', params: { value } };
  try {
    const date = Temporal.PlainDate.from(
      { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
      { overflow: 'reject' },
    );
    return inRange(date);
  } catch {
    return { ok: false, code: 'date.invalid', params: { value } };
  }
}

/** A "YYYY-MM-DDTHH:mm" wall-clock time that names a real minute on a real day in range. */
export function checkCalendarDateTime(value: string): CalendarCheck {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return { ok: false, code: 'date.invalid', params: { value } };
  try {
    const t = Temporal.PlainDateTime.from(
      {
        year: Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        hour: Number(m[4]),
        minute: Number(m[5]),
      },
      { overflow: 'reject' },
    );
    return inRange(t.toPlainDate());
  } catch {
    return { ok: false, code: 'date.invalid', params: { value } };
  }
}
