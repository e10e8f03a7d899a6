/** Who is acting. Built only from a verified token, never from anything the client says. */
export const ROLES = ['citizen', 'club_member', 'club_secretary', 'official', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Stable subject id from the identity provider. */
  sub: string;
  name: string;
  roles: Role[];
  /** Government bodies an official acts for. Empty for everyone else. */
  bodies: string[];
}
