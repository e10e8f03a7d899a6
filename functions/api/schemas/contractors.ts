/** The zod schemas of shared/contractors.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import type * as Shared from '../../../shared/contractors';
import { EXECUTION_STATES } from '../../../shared/execution';
import type { Equal, Expect } from './assert-equal';
import { FlagExplanationView } from './flags-explanations';
import { ContractorView } from './item';

/** A KZT amount as a decimal string ("1234567.89"), summed exactly in tiyn. */
const KztAmountOut = zodSchema.string();

export const ContractorContract = zodSchema.object({
  id: zodSchema.string(),
  title: zodSchema.record(zodSchema.string(), zodSchema.string()),
  body: zodSchema.string(),
  area: zodSchema.string(),
  year: zodSchema.number().int(),
  status: zodSchema.string(),
  state: zodSchema.enum(EXECUTION_STATES),
  contracted: KztAmountOut,
  spent: KztAmountOut,
  flags: zodSchema.array(zodSchema.string()),
  /** The body's public explanations of this contract's flags (absent when there are none). */
  explanations: zodSchema.array(FlagExplanationView).optional(),
});

const Share = zodSchema.object({
  count: zodSchema.number().int(),
  contracted: KztAmountOut,
  /** The contractor's contracted value as a share (%) of everything this body/area contracted in the same years. */
  sharePercent: zodSchema.number(),
  totalContracted: KztAmountOut,
});

export const ContractorProfile = zodSchema.object({
  contractor: ContractorView,
  totals: zodSchema.object({
    count: zodSchema.number().int(),
    contracted: KztAmountOut,
    spent: KztAmountOut,
  }),
  byYear: zodSchema.array(
    zodSchema.object({
      year: zodSchema.number().int(),
      count: zodSchema.number().int(),
      contracted: KztAmountOut,
      spent: KztAmountOut,
    }),
  ),
  bodies: zodSchema.array(Share.extend({ id: zodSchema.string() })),
  areas: zodSchema.array(Share.extend({ id: zodSchema.string() })),
  /** Items late today, and their share (%) of the items not completed or cancelled. */
  lateness: zodSchema.object({
    late: zodSchema.number().int(),
    open: zodSchema.number().int(),
    latePercent: zodSchema.number(),
  }),
  /** Count of items per risk flag code. */
  flags: zodSchema.record(zodSchema.string(), zodSchema.number().int()),
  contracts: zodSchema.array(ContractorContract),
});
export type ContractorProfile = zodSchema.infer<typeof ContractorProfile>;
type _ContractorProfileAgrees = Expect<Equal<ContractorProfile, Shared.ContractorProfile>>;

export * from '../../../shared/contractors';
