/** The zod schemas of shared/inbox.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z } from 'zod';
import type * as Shared from '../../../shared/inbox';
import type { Equal, Expect } from './assert-equal';
import { IsoDate, Ulid } from './item';

const Text = (max: number, min = 1) => z.string().trim().min(min).max(max);

/** A template's texts: kk and ru, at least one of them. */
export const TemplateTexts = z
  .object({ kk: Text(10000).optional(), ru: Text(10000).optional() })
  .strict()
  .refine((t) => t.kk !== undefined || t.ru !== undefined, { message: 'a text in kk or ru' });

export const TemplateInput = z
  .object({
    /** What officials pick it by, e.g. "Repair scheduled". */
    title: Text(200),
    text: TemplateTexts,
  })
  .strict();
export type TemplateInput = z.infer<typeof TemplateInput>;
type _TemplateInputAgrees = Expect<Equal<TemplateInput, Shared.TemplateInput>>;

export const AnswerTemplate = TemplateInput.extend({
  id: Ulid,
  bodyId: z.string(),
  /** The official who last saved it, by name (their account id stays in the store). */
  updatedByName: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().min(1),
});
export type AnswerTemplate = z.infer<typeof AnswerTemplate>;
type _AnswerTemplateAgrees = Expect<Equal<AnswerTemplate, Shared.AnswerTemplate>>;

/** One official of a body, as the body's other officials see them (to assign a question). */
export const BodyOfficial = z.object({ sub: z.string(), name: z.string() });
export type BodyOfficial = z.infer<typeof BodyOfficial>;
type _BodyOfficialAgrees = Expect<Equal<BodyOfficial, Shared.BodyOfficial>>;

/** `null` takes the question off everyone's desk. */
export const AssignInput = z.object({ assigneeSub: z.string().min(1).max(200).nullable() }).strict();

export const Assignment = z.object({
  questionId: Ulid,
  itemId: Ulid,
  bodyId: z.string(),
  assignee: BodyOfficial.nullable(),
  /** Who assigned, and when: every change is kept in `history`, newest last. */
  by: BodyOfficial,
  at: z.iso.datetime(),
  history: z.array(z.object({ assignee: BodyOfficial.nullable(), by: BodyOfficial, at: z.iso.datetime() })),
});
export type Assignment = z.infer<typeof Assignment>;
type _AssignmentAgrees = Expect<Equal<Assignment, Shared.Assignment>>;

export const NoteInput = z.object({ text: Text(5000) }).strict();

/** An internal note: written once, never edited or deleted (the list is its own log). */
export const InternalNote = z.object({
  id: Ulid,
  questionId: Ulid,
  bodyId: z.string(),
  text: z.string(),
  by: BodyOfficial,
  at: z.iso.datetime(),
});
export type InternalNote = z.infer<typeof InternalNote>;
type _InternalNoteAgrees = Expect<Equal<InternalNote, Shared.InternalNote>>;

/**
 * eOtinish (the national e-appeals system) registration numbers: letters, digits and the usual
 * separators. The exact format is the system's; the hub only keeps what the body copied from it.
 */
export const EotinishNumber = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}\-/.]{2,39}$/u, 'a registration number like "ЖТ-2026-001234"');

export const EotinishInput = z
  .object({
    number: EotinishNumber,
    /** The registration day in eOtinish (an Almaty date); its dates govern from then on. */
    registeredOn: IsoDate,
  })
  .strict();
export type EotinishInput = z.infer<typeof EotinishInput>;
type _EotinishInputAgrees = Expect<Equal<EotinishInput, Shared.EotinishInput>>;

export * from '../../../shared/inbox';
