/**
 * Agenda timing: an entry's slot is not typed by hand, it follows from the order of the entries and
 * each one's length, laid end to end from the session's start. An agenda longer than the session's
 * window is refused with the overrun, so "09:00, 240 min" on a 15:00–17:00 session cannot happen
 * and reordering re-times every entry. Pure (no zod, no Temporal) so the web can preview the times.
 *
 * Times are Almaty wall-clock times of day ("HH:mm"); Kazakhstan keeps no daylight saving, so
 * minutes added to the wall clock are minutes of real time.
 */

/** The length an entry gets when nobody said otherwise. */
export const DEFAULT_ENTRY_MINUTES = 20;

export interface Slot {
  /** Almaty time of day the entry starts ("HH:mm"). */
  start: string;
  minutes: number;
}

/** What an entry's length is read from: its own `minutes`, else a slot stored before timing was computed. */
export interface Timeable {
  minutes?: number | undefined;
  slot?: { minutes: number } | undefined;
}

export type AgendaTiming =
  | {
      ok: true;
      slots: Slot[];
      /** Time of day the last entry ends (the session's start when the agenda is empty). */
      endsAt: string;
      /** Minutes of the window left over. */
      spareMinutes: number;
    }
  | {
      ok: false;
      code: 'agenda.overrun';
      /** Minutes the agenda runs past the session's end. */
      overrunMinutes: number;
      neededMinutes: number;
      windowMinutes: number;
      /** Time of day the agenda would end, and the time the session ends. */
      endsAt: string;
      windowEnd: string;
    };

/** Minutes since midnight of "HH:mm" (or of the time part of "YYYY-MM-DDTHH:mm"). */
function minutesOfDay(time: string): number {
  const hm = time.length > 5 ? time.slice(11, 16) : time;
  const [h, m] = hm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** "HH:mm" of a count of minutes since midnight (wrapping past midnight). */
export function clockTime(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function entryMinutes(entry: Timeable): number {
  return entry.minutes ?? entry.slot?.minutes ?? DEFAULT_ENTRY_MINUTES;
}

/**
 * The slots of entries of the given lengths, in this order, from `startsAt` (a session's
 * "YYYY-MM-DDTHH:mm" or a time "HH:mm") within `windowMinutes`; the overrun when they do not fit.
 */
export function timeAgenda(startsAt: string, windowMinutes: number, lengths: number[]): AgendaTiming {
  const start = minutesOfDay(startsAt);
  const needed = lengths.reduce((a, b) => a + b, 0);
  if (needed > windowMinutes)
    return {
      ok: false,
      code: 'agenda.overrun',
      overrunMinutes: needed - windowMinutes,
      neededMinutes: needed,
      windowMinutes,
      endsAt: clockTime(start + needed),
      windowEnd: clockTime(start + windowMinutes),
    };
  let at = start;
  const slots = lengths.map((minutes) => {
    const slot = { start: clockTime(at), minutes };
    at += minutes;
    return slot;
  });
  return { ok: true, slots, endsAt: clockTime(at), spareMinutes: windowMinutes - needed };
}

/**
 * Entries with their length fixed and their slot computed from the order; the overrun when they do
 * not fit the session's window.
 */
export function retimeEntries<T extends Timeable>(
  session: { startsAt: string; durationMinutes: number },
  entries: T[],
): { ok: true; entries: Array<T & { minutes: number; slot: Slot }> } | Extract<AgendaTiming, { ok: false }> {
  const lengths = entries.map(entryMinutes);
  const timing = timeAgenda(session.startsAt, session.durationMinutes, lengths);
  if (!timing.ok) return timing;
  return {
    ok: true,
    entries: entries.map((e, i) => ({ ...e, minutes: lengths[i] as number, slot: timing.slots[i] as Slot })),
  };
}

/**
 * Whether a recording's start "HH:mm" is a real time within the session (`startsAt` to its end,
 * both included; a session running past midnight wraps). Returns the window for a refusal.
 */
export function recordingStartWithin(
  startsAt: string,
  durationMinutes: number,
  start: string,
): { ok: boolean; windowStart: string; windowEnd: string } {
  const from = minutesOfDay(startsAt);
  const offset = (((minutesOfDay(start) - from) % 1440) + 1440) % 1440;
  return {
    ok: offset <= durationMinutes,
    windowStart: clockTime(from),
    windowEnd: clockTime(from + durationMinutes),
  };
}
