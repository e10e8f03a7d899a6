/** The zod schemas of shared/consents.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import { CONSENT_PURPOSES } from '../../../shared/consent-versions';
import type * as Shared from '../../../shared/consents';
import type { Equal, Expect } from './assert-equal';

export const ConsentPurpose = zodSchema.enum(CONSENT_PURPOSES);

export const ConsentView = zodSchema.object({
  purpose: ConsentPurpose,
  /** The version of the text the hub asks about now. */
  currentVersion: zodSchema.string(),
  /** True when consent to the current version is given and not withdrawn. */
  given: zodSchema.boolean(),
  /** The version last consented to, and when (absent if never given). */
  version: zodSchema.string().optional(),
  givenAt: zodSchema.string().optional(),
  withdrawnAt: zodSchema.string().optional(),
});
export type ConsentView = zodSchema.infer<typeof ConsentView>;
type _ConsentViewAgrees = Expect<Equal<ConsentView, Shared.ConsentView>>;

export const ConsentGrant = zodSchema.object({
  /** The version of the text the user was shown; it must be the current one. */
  version: zodSchema.string().min(1).max(40),
});

/**
 * Sign-up (PUT /api/me/sign-up): the version of the account text the user accepted, and which of
 * the optional channel consents they ticked (offered unticked; absent means not ticked).
 */
export const SignUpAcceptance = zodSchema
  .object({
    version: zodSchema.string().min(1).max(40),
    email: zodSchema.boolean().optional(),
    telegram: zodSchema.boolean().optional(),
  })
  .strict();
export type SignUpAcceptance = zodSchema.infer<typeof SignUpAcceptance>;
type _SignUpAcceptanceAgrees = Expect<Equal<SignUpAcceptance, Shared.SignUpAcceptance>>;

/** Whether the signed-in user has accepted the current account text (GET /api/me, `signUp`). */
export const SignUpState = zodSchema.object({
  accepted: zodSchema.boolean(),
  /** The version of the account text asked about now. */
  version: zodSchema.string(),
  acceptedAt: zodSchema.string().optional(),
});
export type SignUpState = zodSchema.infer<typeof SignUpState>;
type _SignUpStateAgrees = Expect<Equal<SignUpState, Shared.SignUpState>>;

export * from '../../../shared/consents';
