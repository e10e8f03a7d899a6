/** The zod schemas of shared/club-report.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';

export const ReportPeriod = zodSchema
  .string()
  .regex(/^(19|20)\d{2}(-Q[1-4])?$/, 'a quarter like "2026-Q3" or a year like "2026"');

import { REPORT_FIGURES, type ReportFigure } from '../../../shared/club-report-figures';

export const ClubReport = zodSchema.object({
  period: zodSchema.string(),
  from: zodSchema.string(),
  to: zodSchema.string(),
  /** The Almaty day the report was computed on ("overdue" is as of that day). */
  asOf: zodSchema.string(),
  /** The audit chain's head read before the figures: everything they count is at or before it. */
  chainHead: zodSchema.object({ seq: zodSchema.number().int(), hash: zodSchema.string() }).nullable(),
  /** Counts are integers; the `…Kzt` figures are exact decimal strings. */
  figures: zodSchema.object(
    Object.fromEntries(
      REPORT_FIGURES.map((f) => [f, f.endsWith('Kzt') ? zodSchema.string() : zodSchema.number().int()]),
    ) as Record<ReportFigure, zodSchema.ZodString | zodSchema.ZodNumber>,
  ),
  /**
   * The most frequent risk flags on the items the held sessions considered: per flag code, how many
   * distinct items carry it; most frequent first, ties in catalogue order; flags on no item left out.
   */
  topFlags: zodSchema.array(zodSchema.object({ code: zodSchema.string(), items: zodSchema.number().int() })),
});

export * from '../../../shared/club-report';
