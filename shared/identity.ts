/**
 * Schemas of identity and administration: who am I (`GET /api/me`), government bodies as admins
 * manage them, role and body grants, and the record of every administrative change.
 */
import { ROLES } from './users';

/** Roles an admin grants or revokes; every signed-in user is a citizen, so that one is not granted. */
export const GRANTABLE_ROLES = ROLES.filter((r) => r !== 'citizen');

export type BodyView = {
  id: string;
  name: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined };
  area?:
    | 'taraz'
    | 'bayzak'
    | 'zhambyl'
    | 'zhualy'
    | 'kordai'
    | 'merki'
    | 'moiynkum'
    | 'sarysu'
    | 'talas'
    | 'shu'
    | 'ryskulov'
    | undefined;
  parentId?: string | undefined;
  bin?: string | undefined;
};

export type MeView = {
  sub: string;
  name: string;
  roles: ('citizen' | 'club_member' | 'club_secretary' | 'official' | 'moderator' | 'admin')[];
  bodies: string[];
  badges: {
    role: 'citizen' | 'club_member' | 'club_secretary' | 'official' | 'moderator' | 'admin';
    body?:
      | { id: string; name: { kk?: string | undefined; ru?: string | undefined; en?: string | undefined } }
      | undefined;
  }[];
  signUp?: { accepted: boolean; version: string; acceptedAt?: string | undefined } | undefined;
};

export type UserView = {
  sub: string;
  name: string;
  roles: ('citizen' | 'club_member' | 'club_secretary' | 'official' | 'moderator' | 'admin')[];
  bodies: string[];
  updatedAt?: string | undefined;
};

export const CHANGE_KINDS = [
  'role.grant',
  'role.revoke',
  'body.bind',
  'body.unbind',
  'body.create',
  'body.update',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export type ChangeView = {
  id: string;
  at: string;
  kind: 'role.grant' | 'role.revoke' | 'body.bind' | 'body.unbind' | 'body.create' | 'body.update';
  actor: { sub: string; name: string };
  subject: { type: 'user' | 'body'; id: string };
  detail: Record<string, unknown>;
};
