/**
 * Schemas of identity and administration: who am I (`GET /api/me`), government bodies as admins
 * manage them, role and body grants, and the record of every administrative change.
 */
import { z } from 'zod';
import { AREA_CODES } from './areas';
import { checkIdentificationNumber } from './bin';
import { localizedText } from './i18n-text';
import { ROLES } from './users';

export const BodyId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'a body id like "zha-roads"');
/** Subject ids come from the identity provider (Cognito: a UUID; locally: `demo-…`). */
export const UserSub = z.string().regex(/^[A-Za-z0-9_.@:-]{1,128}$/, 'a user id');

/** Roles an admin grants or revokes; every signed-in user is a citizen, so that one is not granted. */
export const GRANTABLE_ROLES = ROLES.filter((r) => r !== 'citizen');
export const GrantableRole = z.enum(GRANTABLE_ROLES as [string, ...string[]]);

/** A government body's BIN (12 digits, valid control digit, a legal entity): binds procurement contracts to it. */
export const BodyBin = z
  .string()
  .regex(/^\d{12}$/, 'a 12-digit BIN')
  .refine((v) => {
    const c = checkIdentificationNumber(v);
    return c.ok && c.kind === 'bin';
  }, 'a BIN with a valid control digit');

export const BodyView = z.object({
  id: BodyId,
  name: localizedText(300),
  area: z.enum(AREA_CODES).optional(),
  parentId: BodyId.optional(),
  bin: BodyBin.optional(),
});
export type BodyView = z.infer<typeof BodyView>;

export const BodyCreate = BodyView.strict();
export const BodyUpdate = z
  .object({
    name: localizedText(300).optional(),
    area: z.enum(AREA_CODES).nullable().optional(),
    parentId: BodyId.nullable().optional(),
    bin: BodyBin.nullable().optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, { message: 'nothing to change' });

export const Badge = z.object({
  role: z.enum(ROLES),
  /** For an official: the body the badge names. */
  body: z.object({ id: BodyId, name: localizedText(300) }).optional(),
});

export const MeView = z.object({
  sub: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  bodies: z.array(z.string()),
  badges: z.array(Badge),
});
export type MeView = z.infer<typeof MeView>;

/** What a user may change about themselves: the name shown next to what they write. */
export const ProfileUpdate = z.object({ name: z.string().trim().min(2).max(80) }).strict();

export const UserView = z.object({
  sub: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  bodies: z.array(z.string()),
  updatedAt: z.string().optional(),
});
export type UserView = z.infer<typeof UserView>;

export const CHANGE_KINDS = [
  'role.grant',
  'role.revoke',
  'body.bind',
  'body.unbind',
  'body.create',
  'body.update',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const ChangeView = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(CHANGE_KINDS),
  actor: z.object({ sub: z.string(), name: z.string() }),
  subject: z.object({ type: z.enum(['user', 'body']), id: z.string() }),
  /** What changed: the role, the body bound, or the body's fields before and after. */
  detail: z.record(z.string(), z.unknown()),
});
export type ChangeView = z.infer<typeof ChangeView>;

export const ChangePage = z.object({ changes: z.array(ChangeView), next: z.string().optional() });
