import { describe, expect, it } from 'vitest';
import {
  clockTime,
  DEFAULT_ENTRY_MINUTES,
  entryMinutes,
  recordingStartWithin,
  retimeEntries,
  timeAgenda,
} from './agenda-timing';

const session = { startsAt: '2026-12-10T15:00', durationMinutes: 120 };

describe('timeAgenda', () => {
  it('lays entries end to end from the session start', () => {
    const t = timeAgenda(session.startsAt, 120, [25, 25, 25]);
    expect(t).toMatchObject({ ok: true, endsAt: '16:15', spareMinutes: 45 });
    expect(t.ok && t.slots.map((s) => s.start)).toEqual(['15:00', '15:25', '15:50']);
  });

  it('accepts an agenda that fills the window exactly', () => {
    expect(timeAgenda('15:00', 120, [60, 60])).toMatchObject({ ok: true, endsAt: '17:00', spareMinutes: 0 });
  });

  it('refuses an agenda longer than the window, with the overrun', () => {
    // The measured case: 240 minutes on a 15:00–17:00 session.
    expect(timeAgenda(session.startsAt, 120, [240])).toEqual({
      ok: false,
      code: 'agenda.overrun',
      overrunMinutes: 120,
      neededMinutes: 240,
      windowMinutes: 120,
      endsAt: '19:00',
      windowEnd: '17:00',
    });
  });

  it('never writes a minute of 60 or more', () => {
    const t = timeAgenda('15:10', 180, [25, 25, 25, 25]);
    expect(t.ok && t.slots.map((s) => s.start)).toEqual(['15:10', '15:35', '16:00', '16:25']);
  });

  it('wraps past midnight', () => {
    expect(clockTime(23 * 60 + 50 + 20)).toBe('00:10');
  });
});

describe('retimeEntries', () => {
  it('re-times on reorder: the same entries in another order get other starts', () => {
    const a = { id: 'a', minutes: 30 };
    const b = { id: 'b', minutes: 10 };
    const first = retimeEntries(session, [a, b]);
    const second = retimeEntries(session, [b, a]);
    expect(first.ok && first.entries.map((e) => [e.id, e.slot.start])).toEqual([
      ['a', '15:00'],
      ['b', '15:30'],
    ]);
    expect(second.ok && second.entries.map((e) => [e.id, e.slot.start])).toEqual([
      ['b', '15:00'],
      ['a', '15:10'],
    ]);
  });

  it('reads the length of a record stored before timing from its slot, else the default', () => {
    expect(entryMinutes({ slot: { minutes: 25 } })).toBe(25);
    expect(entryMinutes({})).toBe(DEFAULT_ENTRY_MINUTES);
    expect(entryMinutes({ minutes: 15, slot: { minutes: 25 } })).toBe(15);
  });

  it('throws away a hand-typed start that does not follow from the order', () => {
    const r = retimeEntries(session, [{ id: 'a', slot: { start: '09:00', minutes: 30 } }]);
    expect(r.ok && r.entries[0]?.slot).toEqual({ start: '15:00', minutes: 30 });
  });
});

describe('a recording start within the session', () => {
  it('is any time from the start to the end, both included', () => {
    expect(recordingStartWithin('2026-12-10T15:00', 120, '15:00').ok).toBe(true);
    expect(recordingStartWithin('2026-12-10T15:00', 120, '17:00').ok).toBe(true);
    expect(recordingStartWithin('2026-12-10T15:00', 120, '16:23').ok).toBe(true);
  });
  it('is refused before the start or after the end, with the window', () => {
    expect(recordingStartWithin('2026-12-10T15:00', 120, '14:59')).toEqual({
      ok: false,
      windowStart: '15:00',
      windowEnd: '17:00',
    });
    expect(recordingStartWithin('2026-12-10T15:00', 120, '17:01').ok).toBe(false);
  });
  it('wraps past midnight for a late session', () => {
    expect(recordingStartWithin('2026-12-10T23:00', 120, '00:30').ok).toBe(true);
    expect(recordingStartWithin('2026-12-10T23:00', 120, '01:01').ok).toBe(false);
  });
});
