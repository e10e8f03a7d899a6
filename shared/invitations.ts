/**
 * Invitations to a club session (issue 21, deliver 3): the secretary invites the bodies on the
 * agenda; an official of each body answers attend / send a deputy (named) / decline (with a
 * reason); the day before, each invited body is reminded once; at the session the secretary records
 * who came. One invitation per (session, body).
 */
import { z as zodSchema } from 'zod';
import { BodyId } from './sessions';

export const RSVP_ANSWERS = ['attend', 'deputy', 'decline'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

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

export const AttendanceInput = zodSchema
  .object({
    present: zodSchema.boolean(),
    /** Who actually came for the body (the official or the deputy). */
    name: zodSchema.string().trim().min(2).max(200).optional(),
  })
  .strict();
export type AttendanceInput = zodSchema.infer<typeof AttendanceInput>;

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
