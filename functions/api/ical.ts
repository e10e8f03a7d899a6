/**
 * The club's iCalendar feed text (RFC 5545), written here rather than by a library: the feed uses
 * one zone, timed events and five text properties, and ical-generator with its zone database was
 * 66 KB of the API bundle. The output is what ical-generator wrote for the same calendar
 * (functions/api/ical.test.ts compares them): CRLF lines folded at 75 octets, text escaped.
 */
import type { Temporal } from 'temporal-polyfill';
import { TIME_ZONE } from '../../shared/dates';

/**
 * Asia/Almaty's VTIMEZONE: one standard offset, +05:00 (Kazakhstan's single zone since 1 March
 * 2024, IANA 2024a). The test checks it against the zone database's block.
 */
export const ALMATY_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  `X-LIC-LOCATION:${TIME_ZONE}`,
  'BEGIN:STANDARD',
  'TZNAME:+05',
  'TZOFFSETFROM:+0500',
  'TZOFFSETTO:+0500',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export interface CalendarEvent {
  uid: string;
  sequence: number;
  /** Wall-clock times in TIME_ZONE (written with its TZID). */
  start: Temporal.PlainDateTime;
  end: Temporal.PlainDateTime;
  stamp: Date;
  summary: string;
  location: string;
  description: string;
  url: string;
}

export interface Calendar {
  name: string;
  prodId: { company: string; product: string; language: string };
  events: CalendarEvent[];
}

/** TEXT values: backslash, semicolon and comma escaped, line breaks as `\n`. */
const text = (value: string) => value.replace(/[\\;,]/g, (ch) => `\\${ch}`).replace(/\r\n|\r|\n/g, '\\n');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const local = (t: Temporal.PlainDateTime) =>
  `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`;
const utc = (d: Date) => `${d.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** Lines longer than 75 octets continue on the next line after a space (never inside a character). */
function fold(line: string): string {
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    octets += size;
    if (octets > 74) {
      out += '\r\n ';
      octets = size;
    }
    out += ch;
  }
  return out;
}

export function calendarText(cal: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${cal.prodId.company}//${cal.prodId.product}//${cal.prodId.language}`,
    ...(cal.name ? [`NAME:${cal.name}`, `X-WR-CALNAME:${cal.name}`] : []),
    ...(cal.events.length ? ALMATY_VTIMEZONE : []),
  ];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${utc(e.stamp)}`,
      `DTSTART;TZID=${TIME_ZONE}:${local(e.start)}`,
      `DTEND;TZID=${TIME_ZONE}:${local(e.end)}`,
      `SUMMARY:${text(e.summary)}`,
      ...(e.location ? [`LOCATION:${text(e.location)}`] : []),
      `DESCRIPTION:${text(e.description)}`,
      ...(e.url ? [`URL;VALUE=URI:${text(e.url)}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n');
}
