/**
 * The club's public report (issue 21, part 8): a quarter ("2026-Q3") or a year ("2026"), its Almaty
 * date range, and the figures as the API and the print page show them. The figure keys are also the
 * CSV's row names, in this order.
 */
import { Temporal } from 'temporal-polyfill';

export interface PeriodRange {
  period: string;
  /** First and last Almaty calendar day, inclusive. */
  from: string;
  to: string;
}

export function periodRange(period: string): PeriodRange {
  const [year, q] = period.split('-Q');
  const y = Number(year);
  const firstMonth = q ? (Number(q) - 1) * 3 + 1 : 1;
  const start = Temporal.PlainDate.from({ year: y, month: firstMonth, day: 1 });
  const end = start.add({ months: q ? 3 : 12 }).subtract({ days: 1 });
  return { period, from: start.toString(), to: end.toString() };
}

/** Whether an Almaty date (or date-time "YYYY-MM-DDTHH:mm") falls in the range. */
export function inRange(r: Pick<PeriodRange, 'from' | 'to'>, dateOrDateTime: string): boolean {
  const d = dateOrDateTime.slice(0, 10);
  return d >= r.from && d <= r.to;
}

import { REPORT_FIGURES, type ReportFigure } from './club-report-figures';

export { REPORT_FIGURES, type ReportFigure };

export type ClubReport = {
  period: string;
  from: string;
  to: string;
  asOf: string;
  chainHead: { seq: number; hash: string } | null;
  figures: Record<ReportFigure, number | string>;
  topFlags: ReportFlagCount[];
};

export interface ReportFlagCount {
  code: string;
  /** Distinct considered items carrying the flag. */
  items: number;
}

/**
 * Counts each flag once per item and ranks them: most items first, ties in the order of `catalogue`
 * (the flag catalogue's), so the same data always prints the same list.
 */
export function rankFlags(
  flagsPerItem: Iterable<readonly string[]>,
  catalogue: readonly string[],
): ReportFlagCount[] {
  const counts = new Map<string, number>();
  for (const flags of flagsPerItem)
    for (const code of new Set(flags)) counts.set(code, (counts.get(code) ?? 0) + 1);
  const rank = (c: string) => {
    const i = catalogue.indexOf(c);
    return i < 0 ? catalogue.length : i;
  };
  return [...counts]
    .map(([code, items]) => ({ code, items }))
    .sort((a, b) => b.items - a.items || rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}

/** The figures as CSV (figure,value), with the period and the chain head on top. */
export function reportCsv(r: ClubReport): string {
  const rows: [string, string | number][] = [
    ['period', r.period],
    ['from', r.from],
    ['to', r.to],
    ['asOf', r.asOf],
    ['chainHeadSeq', r.chainHead?.seq ?? ''],
    ['chainHeadHash', r.chainHead?.hash ?? ''],
    ...REPORT_FIGURES.map((f): [string, string | number] => [f, r.figures[f]]),
    // One row per flag (`flag:<code>`, items carrying it), most frequent first.
    ...r.topFlags.map((f): [string, number] => [`flag:${f.code}`, f.items]),
  ];
  return `figure,value\r\n${rows.map(([k, v]) => `${k},${v}`).join('\r\n')}\r\n`;
}
