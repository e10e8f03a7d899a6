import ical from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { describe, expect, it } from 'vitest';
import { TIME_ZONE } from '../../shared/dates';
import { ALMATY_VTIMEZONE, type Calendar, calendarText } from './ical';

const calendar: Calendar = {
  name: 'Клуб отырыстары',
  prodId: { company: 'open-budget-map', product: 'club-sessions', language: 'KK' },
  events: [
    {
      uid: '01J@open-budget-map',
      sequence: 3,
      start: Temporal.PlainDateTime.from('2026-12-10T15:00'),
      end: Temporal.PlainDateTime.from('2026-12-10T16:30'),
      stamp: new Date('2026-11-01T10:00:00.123Z'),
      summary: 'Тема, с; запятой\nи \\ строкой',
      location: 'Зал №2 — 😀 Тараз',
      description: `${'Долгое описание '.repeat(12)}\nhttps://example.org/sessions/01J`,
      url: 'https://example.org/sessions/01J',
    },
    {
      uid: '02K@open-budget-map',
      sequence: 0,
      start: Temporal.PlainDateTime.from('2027-01-05T09:05:07'),
      end: Temporal.PlainDateTime.from('2027-01-05T10:00'),
      stamp: new Date('2026-12-31T23:59:59Z'),
      summary: 'No venue',
      location: '',
      description: '',
      url: 'https://example.org/sessions/02K',
    },
  ],
};

describe('calendarText', () => {
  it('writes what ical-generator wrote for the club calendar', () => {
    const generator = ical({
      name: calendar.name,
      prodId: calendar.prodId,
      timezone: { name: '', generator: () => ALMATY_VTIMEZONE.join('\r\n') },
    });
    for (const e of calendar.events)
      generator.createEvent({
        id: e.uid,
        sequence: e.sequence,
        start: e.start as unknown as Date,
        end: e.end as unknown as Date,
        timezone: TIME_ZONE,
        stamp: e.stamp,
        summary: e.summary,
        location: e.location,
        description: e.description,
        url: e.url,
      });
    expect(calendarText(calendar)).toBe(generator.toString());
  });

  it('describes Asia/Almaty as the zone database does', () => {
    const database = String(tzlib_get_ical_block(TIME_ZONE)[0])
      .split(/\r?\n/)
      .filter((line) => line && !line.startsWith('LAST-MODIFIED'));
    expect(ALMATY_VTIMEZONE).toEqual(database);
  });
});
