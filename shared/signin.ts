/**
 * How the web signs in (`GET /api/auth/config`) and the same-origin code exchange of the OAuth
 * authorization-code flow with PKCE (`POST /api/auth/token`).
 */
import { z as zodSchema } from 'zod';

/**
 * The scopes the web asks the identity provider for; the API verifies the id token it returns.
 * `aws.cognito.signin.user.admin` makes the access token good for the user's own TOTP set-up
 * (web/src/auth/cognitoTotp.ts); the pool's client grants exactly these (infra/constructs/identity.ts).
 */
export const OAUTH_SCOPE = 'openid email profile aws.cognito.signin.user.admin';

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

export const SignInToken = zodSchema.object({
  /** An id token the API has verified itself; send it as `Authorization: Bearer …`. */
  idToken: zodSchema.string(),
  /** Seconds until it expires. */
  expiresIn: zodSchema.number().int().positive(),
});
export type SignInToken = zodSchema.infer<typeof SignInToken>;
