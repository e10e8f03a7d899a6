/**
 * How the web signs in (`GET /api/auth/config`) and the same-origin code exchange of the OAuth
 * authorization-code flow with PKCE (`POST /api/auth/token`).
 */

/**
 * The scopes the web asks the identity provider for; the API verifies the id token it returns.
 * `aws.cognito.signin.user.admin` makes the access token good for the user's own TOTP set-up
 * (web/src/auth/cognitoTotp.ts); the pool's client grants exactly these (infra/constructs/identity.ts).
 */
export const OAUTH_SCOPE = 'openid email profile aws.cognito.signin.user.admin';

export type AuthConfig =
  | { mode: 'local' }
  | {
      mode: 'oauth';
      authorizeUrl: string;
      clientId: string;
      scope: string;
      redirectUri: string;
      logoutUrl: string;
    }
  | { mode: 'none' };

export type TokenExchange = { code: string; codeVerifier: string };

export type SignInToken = { idToken: string; expiresIn: number };
