/**
 * Invitations to a club session (issue 21, deliver 3): the secretary invites the bodies on the
 * agenda; an official of each body answers attend / send a deputy (named) / decline (with a
 * reason); the day before, each invited body is reminded once; at the session the secretary records
 * who came. One invitation per (session, body).
 */
export const RSVP_ANSWERS = ['attend', 'deputy', 'decline'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

export type RsvpInput = {
  answer: 'attend' | 'deputy' | 'decline';
  deputyName?: string | undefined;
  reason?: string | undefined;
};

export type AttendanceInput = { present: boolean; name?: string | undefined };

export type Invitation = {
  sessionId: string;
  bodyId: string;
  invitedAt: string;
  invitedByName: string;
  response?:
    | {
        answer: 'attend' | 'deputy' | 'decline';
        deputyName?: string | undefined;
        reason?: string | undefined;
        byName: string;
        at: string;
      }
    | undefined;
  reminded?: { at: string; forStartsAt: string } | undefined;
  attendance?: { present: boolean; name?: string | undefined; at: string } | undefined;
};
