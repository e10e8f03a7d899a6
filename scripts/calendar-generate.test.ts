import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALENDARS } from '../shared/calendar/index';
import { generateYear, placeSubstitutes } from './calendar-generate';

describe('production calendar generator', () => {
  it.each(Array.from({ length: 16 }, (_, i) => 2020 + i))(
    'shared/calendar/kz-%i.json is exactly what npm run calendar:generate writes (no hand edits outside corrections)',
    (year) => {
      const file = JSON.parse(
        readFileSync(resolve(import.meta.dirname, `../shared/calendar/kz-${year}.json`), 'utf8'),
      );
      expect(file).toEqual(generateYear(year));
    },
  );

  it('shared/calendar/index.ts carries each file’s days off, worked days and whether it was reviewed, and nothing else', () => {
    const files = CALENDARS.map((c) =>
      JSON.parse(readFileSync(resolve(import.meta.dirname, `../shared/calendar/kz-${c.year}.json`), 'utf8')),
    );
    expect(CALENDARS).toEqual(
      files.map((f) => ({
        year: f.year,
        reviewed: f.sources.length > 0,
        daysOff: f.daysOff,
        workingDays: f.workingDays,
      })),
    );
    expect(CALENDARS.map((c) => c.year)).toEqual(Array.from({ length: 16 }, (_, i) => 2020 + i));
  });

  it('moves a substitute day that date-holidays puts on another holiday to the next free weekday', () => {
    const placed = placeSubstitutes([
      { date: '2026-03-21', name: 'Nauryz' },
      { date: '2026-03-22', name: 'Nauryz' },
      { date: '2026-03-23', name: 'Nauryz' },
      { date: '2026-03-23', name: 'Nauryz (substitute day)', substitute: true },
      { date: '2026-03-24', name: 'Nauryz (substitute day)', substitute: true },
    ]);
    expect(placed.filter((h) => h.substitute).map((h) => h.date)).toEqual(['2026-03-24', '2026-03-25']);
  });
});
