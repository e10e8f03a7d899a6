/**
 * Schemas of identity and administration: who am I (`GET /api/me`), government bodies as admins
 * manage them, role and body grants, and the record of every administrative change.
 */
import type { AreaCode } from './areas';
import type { BodyRef } from './item';
import type { Flat } from './types';
import { type Principal, ROLES, type Role } from './users';

/** Roles an admin grants or revokes; every signed-in user is a citizen, so that one is not granted. */
export const GRANTABLE_ROLES = ROLES.filter((r) => r !== 'citizen');

export type BodyView = Flat<
  BodyRef & {
    area?: AreaCode | undefined;
    parentId?: string | undefined;
    bin?: string | undefined;
  }
>;

/** The signed-in user: who they are, their roles and bodies, and the badges shown by their name. */
export type MeView = Flat<
  Principal & {
    badges: { role: Role; body?: BodyRef | undefined }[];
    signUp?: { accepted: boolean; version: string; acceptedAt?: string | undefined } | undefined;
  }
>;

/** A user as an admin sees them. */
export type UserView = Flat<Principal & { updatedAt?: string | undefined }>;

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
  kind: ChangeKind;
  actor: { sub: string; name: string };
  subject: { type: 'user' | 'body'; id: string };
  detail: Record<string, unknown>;
};
