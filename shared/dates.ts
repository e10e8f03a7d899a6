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
