/** The zod schemas of shared/identity.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import { AREA_CODES } from '../../../shared/areas';
import { checkIdentificationNumber } from '../../../shared/bin';
import type * as Shared from '../../../shared/identity';
import { CHANGE_KINDS, GRANTABLE_ROLES } from '../../../shared/identity';
import { ROLES } from '../../../shared/users';
import type { Equal, Expect } from './assert-equal';
import { localizedText } from './i18n-text';

export const BodyId = zodSchema.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'a body id like "zha-roads"');

/** Subject ids come from the identity provider (Cognito: a UUID; locally: `demo-…`). */
export const UserSub = zodSchema.string().regex(/^[A-Za-z0-9_.@:-]{1,128}$/, 'a user id');

export const GrantableRole = zodSchema.enum(GRANTABLE_ROLES as [string, ...string[]]);

/**
 * A government body's BIN (12 digits, valid control digit, a legal entity): binds procurement
 * contracts to it. Each refusal carries its bin.* code (format, control digit, or an IIN's kind digit).
 */
export const BodyBin = zodSchema.string().superRefine((v, ctx) => {
  const c = checkIdentificationNumber(v);
  const code = !c.ok ? c.code : c.kind === 'bin' ? undefined : 'bin.kind';
  if (code)
    ctx.addIssue({
      code: 'custom',
      message:
        code === 'bin.format'
          ? 'a 12-digit BIN'
          : code === 'bin.control_digit'
            ? 'a BIN with a valid control digit'
            : "a legal entity's BIN (5th digit 4–6), not a person's IIN",
      params: { code },
    });
});

export const BodyView = zodSchema.object({
  id: BodyId,
  name: localizedText(300),
  area: zodSchema.enum(AREA_CODES).optional(),
  parentId: BodyId.optional(),
  bin: BodyBin.optional(),
});
export type BodyView = zodSchema.infer<typeof BodyView>;
type _BodyViewAgrees = Expect<Equal<BodyView, Shared.BodyView>>;

export const BodyCreate = BodyView.strict();

export const BodyUpdate = zodSchema
  .object({
    name: localizedText(300).optional(),
    area: zodSchema.enum(AREA_CODES).nullable().optional(),
    parentId: BodyId.nullable().optional(),
    bin: BodyBin.nullable().optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, { message: 'nothing to change' });

export const Badge = zodSchema.object({
  role: zodSchema.enum(ROLES),
  /** For an official: the body the badge names. */
  body: zodSchema.object({ id: BodyId, name: localizedText(300) }).optional(),
});

/** Who a user is: their id, name, roles and the bodies they act for (shared/users.ts Principal). */
const Principal = zodSchema.object({
  sub: zodSchema.string(),
  name: zodSchema.string(),
  roles: zodSchema.array(zodSchema.enum(ROLES)),
  bodies: zodSchema.array(zodSchema.string()),
});

export const MeView = Principal.extend({
  badges: zodSchema.array(Badge),
  /** Whether the current account text was accepted at sign-up (absent from older servers). */
  signUp: zodSchema
    .object({
      accepted: zodSchema.boolean(),
      version: zodSchema.string(),
      acceptedAt: zodSchema.string().optional(),
    })
    .optional(),
});
export type MeView = zodSchema.infer<typeof MeView>;
type _MeViewAgrees = Expect<Equal<MeView, Shared.MeView>>;

/** What a user may change about themselves: the name shown next to what they write. */
export const ProfileUpdate = zodSchema.object({ name: zodSchema.string().trim().min(2).max(80) }).strict();

export const UserView = Principal.extend({
  updatedAt: zodSchema.string().optional(),
});
export type UserView = zodSchema.infer<typeof UserView>;
type _UserViewAgrees = Expect<Equal<UserView, Shared.UserView>>;

export const ChangeView = zodSchema.object({
  id: zodSchema.string(),
  at: zodSchema.string(),
  kind: zodSchema.enum(CHANGE_KINDS),
  actor: zodSchema.object({ sub: zodSchema.string(), name: zodSchema.string() }),
  subject: zodSchema.object({ type: zodSchema.enum(['user', 'body']), id: zodSchema.string() }),
  /** What changed: the role, the body bound, or the body's fields before and after. */
  detail: zodSchema.record(zodSchema.string(), zodSchema.unknown()),
});
export type ChangeView = zodSchema.infer<typeof ChangeView>;
type _ChangeViewAgrees = Expect<Equal<ChangeView, Shared.ChangeView>>;

export const ChangePage = zodSchema.object({
  changes: zodSchema.array(ChangeView),
  next: zodSchema.string().optional(),
});

export * from '../../../shared/identity';
