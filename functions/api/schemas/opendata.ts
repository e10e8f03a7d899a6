/** The zod schemas of shared/opendata.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import type * as Shared from '../../../shared/opendata';
import { IMPORT_FORMATS } from '../../../shared/opendata';
import type { Equal, Expect } from './assert-equal';

export const ImportIssue = zodSchema.object({
  /** Which record: "row 12", "project oc4ids-…", "release ocds-…", or "(file)". */
  record: zodSchema.string(),
  field: zodSchema.string(),
  message: zodSchema.string(),
  expected: zodSchema.string().optional(),
  /** An error rejects the whole record; a warning says what was left out of an imported record. */
  severity: zodSchema.enum(['error', 'warning']),
});
export type ImportIssue = zodSchema.infer<typeof ImportIssue>;
type _ImportIssueAgrees = Expect<Equal<ImportIssue, Shared.ImportIssue>>;

export const ImportReport = zodSchema.object({
  format: zodSchema.enum([...IMPORT_FORMATS, 'unknown']),
  dryRun: zodSchema.boolean(),
  records: zodSchema.number().int(),
  created: zodSchema.number().int(),
  updated: zodSchema.number().int(),
  unchanged: zodSchema.number().int(),
  rejected: zodSchema.number().int(),
  issues: zodSchema.array(ImportIssue),
  /** Issues beyond this many are counted, not listed. */
  issuesTruncated: zodSchema.number().int(),
});
export type ImportReport = zodSchema.infer<typeof ImportReport>;
type _ImportReportAgrees = Expect<Equal<ImportReport, Shared.ImportReport>>;

export * from '../../../shared/opendata';
