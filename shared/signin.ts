/**
 * How the web signs in (`GET /api/auth/config`) and the same-origin code exchange of the OAuth
 * authorization-code flow with PKCE (`POST /api/auth/token`).
 */
import { z } from 'zod';

/** The scopes the web asks the identity provider for; the API verifies the id token it returns. */
export const OAUTH_SCOPE = 'openid email profile';

export const AuthConfig = z.discriminatedUnion('mode', [
  /** The local token issuer of `npm start`: pick a demo user at /local-auth/users. */
  z.object({ mode: z.literal('local') }),
  /** The provider's managed login page (Cognito), authorization code + PKCE. */
  z.object({
    mode: z.literal('oauth'),
    authorizeUrl: z.url(),
    clientId: z.string().min(1),
    scope: z.string().min(1),
    redirectUri: z.url(),
    /** Ends the provider's own session too, then returns to the site (sign-out on a shared computer). */
    logoutUrl: z.url(),
  }),
  /** Nobody can sign in here (public reads only). */
  z.object({ mode: z.literal('none') }),
]);
export type AuthConfig = z.infer<typeof AuthConfig>;

/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
export const CodeVerifier = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{43,128}$/, 'a PKCE code verifier (43–128 unreserved characters)');

export const TokenExchange = z
  .object({
    /** The `code` the provider put on the redirect back to the site. */
    code: z.string().regex(/^[A-Za-z0-9._~-]{1,512}$/, 'an authorization code'),
    codeVerifier: CodeVerifier,
  })
  .strict();
export type TokenExchange = z.infer<typeof TokenExchange>;

export const SignInToken = z.object({
  /** An id token the API has verified itself; send it as `Authorization: Bearer …`. */
  idToken: z.string(),
  /** Seconds until it expires. */
  expiresIn: z.number().int().positive(),
});
export type SignInToken = z.infer<typeof SignInToken>;
