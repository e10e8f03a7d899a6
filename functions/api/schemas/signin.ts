/** The zod schemas of shared/signin.ts: the API validates with them; shared/ keeps the written-out types (the web ships no zod). */

import { z as zodSchema } from 'zod';
import type * as Shared from '../../../shared/signin';
import type { Equal, Expect } from './assert-equal';

export const AuthConfig = zodSchema.discriminatedUnion('mode', [
  /** The local token issuer of `npm start`: pick a demo user at /local-auth/users. */
  zodSchema.object({ mode: zodSchema.literal('local') }),
  /** The provider's managed login page (Cognito), authorization code + PKCE. */
  zodSchema.object({
    mode: zodSchema.literal('oauth'),
    authorizeUrl: zodSchema.url(),
    clientId: zodSchema.string().min(1),
    scope: zodSchema.string().min(1),
    redirectUri: zodSchema.url(),
    /** Ends the provider's own session too, then returns to the site (sign-out on a shared computer). */
    logoutUrl: zodSchema.url(),
  }),
  /** Nobody can sign in here (public reads only). */
  zodSchema.object({ mode: zodSchema.literal('none') }),
]);
export type AuthConfig = zodSchema.infer<typeof AuthConfig>;
type _AuthConfigAgrees = Expect<Equal<AuthConfig, Shared.AuthConfig>>;

/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
export const CodeVerifier = zodSchema
  .string()
  .regex(/^[A-Za-z0-9._~-]{43,128}$/, 'a PKCE code verifier (43–128 unreserved characters)');

export const TokenExchange = zodSchema
  .object({
    /** The `code` the provider put on the redirect back to the site. */
    code: zodSchema.string().regex(/^[A-Za-z0-9._~-]{1,512}$/, 'an authorization code'),
    codeVerifier: CodeVerifier,
  })
  .strict();
export type TokenExchange = zodSchema.infer<typeof TokenExchange>;
type _TokenExchangeAgrees = Expect<Equal<TokenExchange, Shared.TokenExchange>>;

export const SignInToken = zodSchema.object({
  /** An id token the API has verified itself; send it as `Authorization: Bearer …`. */
  idToken: zodSchema.string(),
  /** Seconds until it expires. */
  expiresIn: zodSchema.number().int().positive(),
});
export type SignInToken = zodSchema.infer<typeof SignInToken>;
type _SignInTokenAgrees = Expect<Equal<SignInToken, Shared.SignInToken>>;

export * from '../../../shared/signin';
