/** The zod schemas of shared/invitations.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import type * as Shared from '../../../shared/invitations';
import { RSVP_ANSWERS } from '../../../shared/invitations';
import type { Equal, Expect } from './assert-equal';
import { BodyId } from './sessions';

export const RsvpInput = zodSchema
  .object({
    answer: zodSchema.enum(RSVP_ANSWERS),
    /** Who comes instead (answer `deputy`). */
    deputyName: zodSchema.string().trim().min(2).max(200).optional(),
    /** Why the body will not come (answer `decline`). */
    reason: zodSchema.string().trim().min(3).max(1000).optional(),
  })
  .strict()
  .refine((r) => r.answer !== 'deputy' || r.deputyName, {
    message: 'name the deputy who will attend',
    path: ['deputyName'],
  })
  .refine((r) => r.answer !== 'decline' || r.reason, {
    message: 'say why the body declines',
    path: ['reason'],
  });
export type RsvpInput = zodSchema.infer<typeof RsvpInput>;
type _RsvpInputAgrees = Expect<Equal<RsvpInput, Shared.RsvpInput>>;

export const AttendanceInput = zodSchema
  .object({
    present: zodSchema.boolean(),
    /** Who actually came for the body (the official or the deputy). */
    name: zodSchema.string().trim().min(2).max(200).optional(),
  })
  .strict();
export type AttendanceInput = zodSchema.infer<typeof AttendanceInput>;
type _AttendanceInputAgrees = Expect<Equal<AttendanceInput, Shared.AttendanceInput>>;

export const Invitation = zodSchema.object({
  sessionId: zodSchema.string(),
  bodyId: BodyId,
  invitedAt: zodSchema.iso.datetime(),
  invitedByName: zodSchema.string(),
  response: zodSchema
    .object({
      answer: zodSchema.enum(RSVP_ANSWERS),
      deputyName: zodSchema.string().optional(),
      reason: zodSchema.string().optional(),
      byName: zodSchema.string(),
      at: zodSchema.iso.datetime(),
    })
    .optional(),
  /** When the day-before reminder went out, and for which start (a moved session is reminded anew). */
  reminded: zodSchema.object({ at: zodSchema.iso.datetime(), forStartsAt: zodSchema.string() }).optional(),
  attendance: zodSchema
    .object({
      present: zodSchema.boolean(),
      name: zodSchema.string().optional(),
      at: zodSchema.iso.datetime(),
    })
    .optional(),
});
export type Invitation = zodSchema.infer<typeof Invitation>;
type _InvitationAgrees = Expect<Equal<Invitation, Shared.Invitation>>;

export * from '../../../shared/invitations';
