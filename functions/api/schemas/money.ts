/** The zod schemas of shared/money.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';

/**
 * Amounts are KZT written as decimal strings ("1234567.89") in the API and kept as integer tiyn
 * (1 KZT = 100 tiyn) in storage, so no binary float ever touches money. Sums use bigint: the total
 * of a large region's budget in tiyn can pass Number.MAX_SAFE_INTEGER.
 */
export const KztAmount = zodSchema
  .string()
  .regex(/^(0|[1-9]\d{0,14})(\.\d{1,2})?$/, 'a non-negative KZT amount like "1234567.89"');

export * from '../../../shared/money';
