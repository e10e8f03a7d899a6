/**
 * `npm run calendar:generate [lastYear]`: writes the production calendars `shared/calendar/kz-<year>.json`
 * from 2020 (dates in imported historical data need the legal clock too) through `lastYear` (default
 * 2035) and the index the deadlines module imports. Holidays come from date-holidays
 * (`new Holidays('KZ')`, public holidays with substitute days, by the law of each year), so nobody
 * hand-writes them; each file keeps its hand-edited `sources` and `corrections` (government transfer days, changes
 * of the law the library does not know yet) across runs. Only the runtime-facing `daysOff` and
 * `workingDays` lists are read by `shared/deadlines.ts`; date-holidays is needed here only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Holidays from 'date-holidays';

const DIR = resolve(import.meta.dirname, '../shared/calendar');
const FIRST_YEAR = 2020;
export const DEFAULT_LAST_YEAR = 2035;

interface Correction {
  date: string;
  reason: string;
}
interface Holiday {
  date: string;
  name: string;
  substitute?: true;
  /** Where date-holidays put a substitute day before the collision fix (see `placeSubstitutes`). */
  libraryDate?: string;
}
export interface GeneratedCalendar {
  year: number;
  generatedBy: string;
  sources: string[];
  corrections: { daysOff: Correction[]; workingDays: Correction[] };
  holidays: Holiday[];
  daysOff: string[];
  workingDays: string[];
}

const LIBRARY = `date-holidays ${JSON.parse(readFileSync(resolve(import.meta.dirname, '../node_modules/date-holidays/package.json'), 'utf8')).version}`;

const isWeekend = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};
const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Law No. 267-XIII "On holidays", art. 5: a holiday falling on a day off moves to the next working day.
 * date-holidays sometimes puts a substitute on a day that is itself a holiday (Nauryz 2026: 23 March;
 * 2033: Defender's Day onto Victory Day), losing a day off. Each substitute moves on to the first
 * weekday that is neither a holiday nor already taken by an earlier substitute.
 */
export function placeSubstitutes(holidays: Holiday[]): Holiday[] {
  const fixed = new Set(holidays.filter((h) => !h.substitute).map((h) => h.date));
  const taken = new Set<string>();
  const out: Holiday[] = [];
  for (const h of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!h.substitute) {
      out.push(h);
      continue;
    }
    let d = h.date;
    while (isWeekend(d) || fixed.has(d) || taken.has(d)) d = nextDay(d);
    taken.add(d);
    out.push(d === h.date ? h : { ...h, date: d, libraryDate: h.date });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

function libraryHolidays(year: number): Holiday[] {
  return new Holidays('KZ')
    .getHolidays(year)
    .filter((h) => h.type === 'public') // observances and optional days do not stop the clock
    .map((h) => ({
      date: h.date.slice(0, 10),
      name: h.name,
      ...(h.substitute ? { substitute: true as const } : {}),
    }));
}

/** The hand-kept part of an existing file (also reads the older layout with top-level corrections). */
function handKept(year: number): Pick<GeneratedCalendar, 'sources' | 'corrections'> {
  const path = resolve(DIR, `kz-${year}.json`);
  if (!existsSync(path)) return { sources: [], corrections: { daysOff: [], workingDays: [] } };
  const old = JSON.parse(readFileSync(path, 'utf8'));
  const corrections = old.corrections ?? { daysOff: old.daysOff ?? [], workingDays: old.workingDays ?? [] };
  return { sources: old.sources ?? [], corrections };
}

export function generateYear(year: number): GeneratedCalendar {
  const { sources, corrections } = handKept(year);
  const holidays = placeSubstitutes(libraryHolidays(year));
  const worked = new Set(corrections.workingDays.map((c) => c.date));
  const off = new Set([...holidays.map((h) => h.date), ...corrections.daysOff.map((c) => c.date)]);
  return {
    year,
    generatedBy: `npm run calendar:generate from ${LIBRARY}. Edit only "sources" and "corrections"; the rest is regenerated.`,
    sources,
    corrections,
    holidays,
    daysOff: [...off].filter((d) => !worked.has(d) && !isWeekend(d)).sort(),
    workingDays: [...worked].filter(isWeekend).sort(),
  };
}

/**
 * A year's transfer days are known once someone has read that year's government resolution on the
 * transfer of days off and written it into `sources` (with the transfers in `corrections`, or a line
 * saying none was published). Until then the file holds the statutory holidays only: date-holidays
 * cannot know transfers, which the government sets each autumn for the next year.
 */
export function isReviewed(calendar: Pick<GeneratedCalendar, 'sources'>): boolean {
  return calendar.sources.length > 0;
}

/**
 * The runtime's view of the calendars: only the fields shared/deadlines.ts reads, inlined. Importing
 * the JSON files would put every holiday name and source into each Lambda bundle (31 KB for 11 years).
 */
export function indexSource(calendars: GeneratedCalendar[]): string {
  const rows = calendars.map(
    (c) =>
      `  { year: ${c.year}, reviewed: ${isReviewed(c)}, daysOff: ${JSON.stringify(c.daysOff)}, workingDays: ${JSON.stringify(c.workingDays)} },`,
  );
  return `// Generated by \`npm run calendar:generate\` from kz-<year>.json (edit those, then regenerate): the days
// off and worked weekend days shared/deadlines.ts reads, without the holidays' names and sources;
// \`reviewed\` says whether the year's transfer days have been read from the government's resolution.
export const CALENDARS = [
${rows.join('\n')}
];
`;
}

export function generateAll(lastYear = DEFAULT_LAST_YEAR): number[] {
  const calendars: GeneratedCalendar[] = [];
  for (let year = FIRST_YEAR; year <= lastYear; year++) {
    const calendar = generateYear(year);
    writeFileSync(resolve(DIR, `kz-${year}.json`), `${JSON.stringify(calendar, null, 2)}\n`);
    calendars.push(calendar);
  }
  writeFileSync(resolve(DIR, 'index.ts'), indexSource(calendars));
  // The repository's formatter has the last word on layout, so a fresh run leaves no diff.
  execFileSync(
    process.execPath,
    [resolve(import.meta.dirname, '../node_modules/@biomejs/biome/bin/biome'), 'format', '--write', DIR],
    { stdio: 'ignore' },
  );
  return calendars.map((c) => c.year);
}

// Runs only as a script (the calendar test imports `generateYear` without writing files).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const last = process.argv[2] ? Number(process.argv[2]) : DEFAULT_LAST_YEAR;
  if (!Number.isInteger(last) || last < FIRST_YEAR)
    throw new Error(`Last year must be ${FIRST_YEAR} or later.`);
  const years = generateAll(last);
  console.log(`Wrote shared/calendar/kz-${years[0]}.json … kz-${years.at(-1)}.json and index.ts`);
}
