/** The zod schemas of shared/item.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import { AREA_CODES } from '../../../shared/areas';
import { checkIdentificationNumber } from '../../../shared/bin';
import { CATEGORIES, ITEM_STATUSES, MILESTONE_STATUSES, MILESTONE_TYPES } from '../../../shared/categories';
import { EXECUTION_STATES } from '../../../shared/execution';
import type * as Shared from '../../../shared/item';
import { PROCUREMENT_METHODS } from '../../../shared/item';
import type { Equal, Expect } from './assert-equal';
import { localizedText } from './i18n-text';
import { KztAmount } from './money';

export const Ulid = zodSchema.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID');

export const IsoDate = zodSchema.iso.date();

export const Lon = zodSchema.number().min(-180).max(180);

export const Lat = zodSchema.number().min(-90).max(90);

export const Position = zodSchema.tuple([Lon, Lat]);

export const LineString = zodSchema.object({
  type: zodSchema.literal('LineString'),
  coordinates: zodSchema.array(Position).min(2).max(2000),
});

export const Polygon = zodSchema.object({
  type: zodSchema.literal('Polygon'),
  coordinates: zodSchema.array(zodSchema.array(Position).min(4).max(2000)).min(1).max(20),
});

export const BodyRef = zodSchema.object({
  id: zodSchema.string().regex(/^[a-z0-9-]{2,64}$/, 'a body id like "zha-roads"'),
  name: localizedText(300),
});

/**
 * A Kazakhstan BIN (an entity) or IIN (a sole trader): 12 digits with a valid control digit
 * (shared/bin.ts). A number that fails the check is refused, never stored. An IIN's leading digits
 * are a birth date: nothing is derived from them and the API does not show them (ContractorView).
 */
export const IdentificationNumber = zodSchema
  .string()
  .regex(/^\d{12}$/, 'a 12-digit BIN or IIN')
  .superRefine((value, ctx) => {
    if (!/^\d{12}$/.test(value)) return;
    const check = checkIdentificationNumber(value);
    if (!check.ok) {
      ctx.addIssue({
        code: 'custom',
        message:
          check.code === 'bin.control_digit'
            ? 'a BIN or IIN whose last digit is its control digit'
            : 'a BIN (5th digit 4–6) or IIN (5th digit 0–3)',
        params: { code: check.code },
      });
    }
  });

export const Contractor = zodSchema.object({
  name: zodSchema.string().trim().min(1).max(300),
  /** The contractor's BIN, or the IIN of a sole trader (checked; see IdentificationNumber). */
  bin: IdentificationNumber,
});
export type Contractor = zodSchema.infer<typeof Contractor>;
type _ContractorAgrees = Expect<Equal<Contractor, Shared.Contractor>>;

/**
 * A change of the contract value after award (an OCDS contract amendment, a portal supplementary
 * agreement, or an official's correction): kept, never overwritten, so "+34 % after award" stays
 * visible. `valueBefore`/`valueAfter` are the contract value around the change.
 */
export const Amendment = zodSchema.object({
  id: zodSchema.string().min(1).max(128),
  date: IsoDate,
  valueBefore: KztAmount,
  valueAfter: KztAmount,
  rationale: zodSchema.string().max(2000).optional(),
  /** Where the change was read: an OCDS release id, a portal document, "manual". */
  source: zodSchema.string().max(300).optional(),
});
export type Amendment = zodSchema.infer<typeof Amendment>;
type _AmendmentAgrees = Expect<Equal<Amendment, Shared.Amendment>>;

/** One payment (OCDS implementation transaction): kept one by one, the spent amount is their sum. */
export const Transaction = zodSchema.object({
  id: zodSchema.string().min(1).max(128),
  date: IsoDate,
  amount: KztAmount,
  /** The payee's BIN/IIN when the source gives one (checked like the contractor's). */
  payeeBin: IdentificationNumber.optional(),
  source: zodSchema.string().max(300).optional(),
});
export type Transaction = zodSchema.infer<typeof Transaction>;
type _TransactionAgrees = Expect<Equal<Transaction, Shared.Transaction>>;

/** How the contract was awarded: what R-SINGLE-BID and R-NEW-COMPANY read. */
export const Tender = zodSchema.object({
  procurementMethod: zodSchema.enum(PROCUREMENT_METHODS).optional(),
  /** The portal's own trade method, as written there (e.g. "Из одного источника…"). */
  tradeMethod: zodSchema.string().max(300).optional(),
  numberOfTenderers: zodSchema.number().int().min(0).max(10_000).optional(),
  /** Date the contract was awarded or signed. */
  awardDate: IsoDate.optional(),
});
export type Tender = zodSchema.infer<typeof Tender>;
type _TenderAgrees = Expect<Equal<Tender, Shared.Tender>>;

export const Milestone = zodSchema.object({
  id: zodSchema.string().min(1).max(64),
  title: localizedText(300),
  due: IsoDate,
  met: IsoDate.optional(),
  status: zodSchema.enum(MILESTONE_STATUSES),
  /**
   * OCDS milestone type. The last-due "delivery" milestone is the handover/acceptance of the works:
   * the execution state reads it (late when past due and not met, paid ahead while it is open).
   */
  type: zodSchema.enum(MILESTONE_TYPES).optional(),
});
type _MilestoneAgrees = Expect<Equal<zodSchema.infer<typeof Milestone>, Shared.Milestone>>;

export const Provenance = zodSchema.object({
  /** "demo" marks generated demonstration data, never to be shown as real figures. */
  source: zodSchema.enum(['demo', 'import', 'manual']),
  sourceName: zodSchema.string().max(300).optional(),
  sourceId: zodSchema.string().max(300).optional(),
  updatedAt: zodSchema.iso.datetime(),
});
type _ProvenanceAgrees = Expect<Equal<zodSchema.infer<typeof Provenance>, Shared.Provenance>>;

export const ItemInput = zodSchema.object({
  title: localizedText(300),
  description: localizedText(5000).optional(),
  category: zodSchema.enum(CATEGORIES),
  area: zodSchema.enum(AREA_CODES),
  body: BodyRef,
  programmeCode: zodSchema
    .string()
    .regex(/^\d{3}(-\d{3}){0,2}$/, 'a budget programme code like "123-015-000"'),
  fiscalYear: zodSchema.number().int().min(2000).max(2100),
  amounts: zodSchema.object({ planned: KztAmount, contracted: KztAmount, spent: KztAmount }),
  status: zodSchema.enum(ITEM_STATUSES),
  contractor: Contractor.optional(),
  tender: Tender.optional(),
  amendments: zodSchema.array(Amendment).max(200).optional(),
  transactions: zodSchema.array(Transaction).max(1000).optional(),
  period: zodSchema.object({ start: IsoDate, end: IsoDate }).refine((p) => p.start <= p.end, {
    message: 'period.start must not be after period.end',
    path: ['end'],
  }),
  location: zodSchema.object({
    point: Position,
    geometry: zodSchema.union([LineString, Polygon]).optional(),
    address: zodSchema.string().max(300).optional(),
  }),
  milestones: zodSchema.array(Milestone).max(50).default([]),
  provenance: Provenance,
});
export type ItemInput = zodSchema.infer<typeof ItemInput>;
type _ItemInputAgrees = Expect<Equal<ItemInput, Shared.ItemInput>>;

export const Item = ItemInput.extend({ id: Ulid });
export type Item = zodSchema.infer<typeof Item>;
type _ItemAgrees = Expect<Equal<Item, Shared.Item>>;

/**
 * The contractor as the API shows it: a BIN in full; for a sole trader (IIN) only the name and the
 * kind, because an IIN's digits encode a birth date.
 */
export const ContractorView = zodSchema.object({
  name: zodSchema.string(),
  kind: zodSchema.enum(['bin', 'iin']),
  bin: zodSchema.string().optional(),
});
export type ContractorView = zodSchema.infer<typeof ContractorView>;
type _ContractorViewAgrees = Expect<Equal<ContractorView, Shared.ContractorView>>;

/** A risk flag on an item (code from shared/flags.ts) with the numbers behind it, as the flag job stored them. */
export const ItemFlag = zodSchema.object({
  code: zodSchema.string(),
  facts: zodSchema.record(zodSchema.string(), zodSchema.union([zodSchema.string(), zodSchema.number()])),
});
export type ItemFlag = zodSchema.infer<typeof ItemFlag>;
type _ItemFlagAgrees = Expect<Equal<ItemFlag, Shared.ItemFlag>>;

/** What the API returns: the stored item plus figures derived on read (never stored). */
export const ItemView = Item.extend({
  contractor: ContractorView.optional(),
  /** Risk flags from the last flag job (absent before it ran or when none fires). */
  flags: zodSchema.array(ItemFlag).optional(),
  execution: zodSchema.object({
    percent: zodSchema.number(),
    state: zodSchema.enum(EXECUTION_STATES),
  }),
});
export type ItemView = zodSchema.infer<typeof ItemView>;
type _ItemViewAgrees = Expect<Equal<ItemView, Shared.ItemView>>;

export * from '../../../shared/item';
