/**
 * Sign-in through the identity provider's managed login (Cognito): the OAuth 2.0 authorization-code
 * flow with PKCE. The browser goes to the provider and comes back to the site root with a `code`;
 * the API exchanges it at the provider's `/oauth2/token` (so the page's CSP keeps `connect-src
 * 'self'`) and hands the id token back only after verifying it like any bearer token. The app
 * client is public (no secret): PKCE is what binds the code to the browser that asked for it.
 *
 * Settings come from AUTH_HOSTED_UI_URL (the provider's sign-in domain) and AUTH_REDIRECT_URI (the
 * site root registered as callback), read once and checked loudly like ./config.ts.
 */
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { PROBLEM_TYPES } from '../../shared/problem';
import { OAUTH_SCOPE, type SignInToken, type TokenExchange } from '../../shared/signin';
import type { Principal } from '../../shared/users';
import type { TokenVerifier } from '../api/env';
import { ProblemError, ValidationError } from '../api/problems';
import { checkedUrl } from './config';
import { MfaEnrolmentRequired } from './mfa';
import { RefreshRefusedError } from './refresh';
// The provider not answering (in time) is the same trouble as its JWKS not answering: 503, retry.
import { IssuerUnavailableError } from './verify-token';

export interface OAuthSettings {
  /** Base URL of the provider's sign-in domain, e.g. `https://obm.auth.eu-central-1.amazoncognito.com`. */
  hostedUiUrl: string;
  /** The app client id (AUTH_AUDIENCE): the same client the id tokens are issued for. */
  clientId: string;
  /** Where the provider sends the browser back: the site root, registered as the client's callback. */
  redirectUri: string;
  /**
   * The pool's own API, the origin of AUTH_ISSUER (`https://cognito-idp.<region>.amazonaws.com`):
   * where a staff member without TOTP sets it up (./mfa.ts MfaEnrolmentRequired).
   */
  identityUrl?: string;
}

/** What the web needs to send a browser to the provider (`GET /api/auth/config`). */
export interface OAuthClientConfig {
  authorizeUrl: string;
  clientId: string;
  scope: string;
  redirectUri: string;
  logoutUrl: string;
}

export interface OAuthSignIn {
  config: OAuthClientConfig;
  /**
   * Trades a code for a verified id token and its user; throws problem errors (400, 401 for staff
   * without a second factor, 502, 503). `refreshToken` is the provider's, for ./refresh.ts's cookie.
   */
  exchange(input: TokenExchange): Promise<SignInToken & { user: Principal; refreshToken?: string }>;
  /**
   * Trades a refresh token for a new verified id token (and, with rotation on, a new refresh token:
   * the old one is used up). Throws RefreshRefusedError (401) when the provider refuses it.
   */
  refresh(refreshToken: string): Promise<SignInToken & { user: Principal; refreshToken: string }>;
  /** Revokes a refresh token at the provider (sign-out); best effort. */
  revoke(refreshToken: string): Promise<void>;
  /**
   * A refresh that also hands back the provider's access token (scope aws.cognito.signin.user.admin),
   * for a signed-in staff member who sets up a new authenticator app at the pool
   * (functions/api/routes/totp-device.ts). Absent where the provider gives none.
   */
  renewAccess?(refreshToken: string): Promise<{
    user: Principal;
    refreshToken: string;
    accessToken: string;
    account: string;
    identityUrl: string;
  }>;
}

/** The settings, or null when the code flow is not configured. Throws on a partial one. */
export function oauthSettingsFrom(env: Record<string, string | undefined>): OAuthSettings | null {
  const hostedUiUrl = env.AUTH_HOSTED_UI_URL?.replace(/\/+$/, '') || undefined;
  const redirectUri = env.AUTH_REDIRECT_URI || undefined;
  if (!hostedUiUrl && !redirectUri) return null;
  if (!hostedUiUrl || !redirectUri)
    throw new Error('AUTH_HOSTED_UI_URL and AUTH_REDIRECT_URI must be set together.');
  // Tokens from the code flow are verified like any other: without an issuer they could not be.
  if (!env.AUTH_ISSUER || !env.AUTH_AUDIENCE)
    throw new Error('AUTH_HOSTED_UI_URL needs AUTH_ISSUER and AUTH_AUDIENCE (the app client id).');
  checkedUrl('AUTH_HOSTED_UI_URL', hostedUiUrl);
  checkedUrl('AUTH_REDIRECT_URI', redirectUri);
  return {
    hostedUiUrl,
    clientId: env.AUTH_AUDIENCE,
    redirectUri,
    identityUrl: checkedUrl('AUTH_ISSUER', env.AUTH_ISSUER).origin,
  };
}

/** The provider answered with something this app cannot use (misconfiguration, not the user's fault). */
export class SignInProviderError extends ProblemError {
  constructor(detail: string) {
    super(
      502,
      PROBLEM_TYPES.internal,
      'Bad gateway',
      detail,
      undefined,
      {},
      { code: 'upstream.unavailable' },
    );
  }
}

/** The provider's answer from `/oauth2/token` (RFC 6749 §5.1), only the fields we use. */
const TokenResponse = z.object({
  id_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  access_token: z.string().min(1).optional(),
});
const TokenErrorResponse = z.object({ error: z.string() });

/** Errors that mean "this code (with this verifier) is no good", RFC 6749 §5.2. */
const CODE_REFUSED = new Set(['invalid_grant', 'invalid_request']);

const log = (msg: string, extra: Record<string, unknown>) =>
  console.error(JSON.stringify({ level: 'error', msg, ...extra }));

export function createOAuthSignIn(opts: {
  settings: OAuthSettings;
  /** The app's own verifier: a token is handed out only if the API would accept it. */
  verifier: TokenVerifier;
  /** How long to wait for the provider; well inside the API Lambda's own timeout. */
  timeoutMs?: number;
  now?: () => Date;
}): OAuthSignIn {
  const { settings, verifier } = opts;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const now = opts.now ?? (() => new Date());
  const tokenUrl = `${settings.hostedUiUrl}/oauth2/token`;

  async function callProvider(
    form: Record<string, string>,
    url = tokenUrl,
  ): Promise<{ status: number; body: unknown }> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ client_id: settings.clientId, ...form }),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {}
      return { status: res.status, body };
    } catch (err) {
      // Refused connection, DNS failure or our timeout: the provider is unreachable.
      log('oauth token endpoint unreachable', { error: String(err) });
      throw new IssuerUnavailableError();
    }
  }

  /** The refresh-token grant (RFC 6749 §6): the provider's answer and the tokens verified from it. */
  async function refreshGrant(refreshToken: string) {
    const { status, body } = await callProvider({ grant_type: 'refresh_token', refresh_token: refreshToken });
    refuseTrouble(status, body, () => {
      throw new RefreshRefusedError();
    });
    return { body, tokens: await verified(body) };
  }

  return {
    config: {
      authorizeUrl: `${settings.hostedUiUrl}/oauth2/authorize`,
      clientId: settings.clientId,
      scope: OAUTH_SCOPE,
      redirectUri: settings.redirectUri,
      // Cognito's /logout takes the client and a sign-out URL registered on it (the site root).
      logoutUrl: `${settings.hostedUiUrl}/logout?${new URLSearchParams({
        client_id: settings.clientId,
        logout_uri: settings.redirectUri,
      })}`,
    },
    async exchange(input) {
      const { status, body } = await callProvider({
        grant_type: 'authorization_code',
        redirect_uri: settings.redirectUri,
        code: input.code,
        code_verifier: input.codeVerifier,
      });
      refuseTrouble(status, body, () => {
        throw new ValidationError(
          [{ in: 'json', field: 'code', message: 'refused by the sign-in service' }],
          'The sign-in code was refused (expired, already used, or not from this browser); sign in again.',
        );
      });
      return verified(body, { offerEnrolment: true });
    },
    async refresh(refreshToken) {
      const { tokens } = await refreshGrant(refreshToken);
      // With rotation on (infra/constructs/identity.ts) the provider sends a new one; without, the old stays good.
      return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
    },
    async renewAccess(refreshToken) {
      const { body, tokens } = await refreshGrant(refreshToken);
      const accessToken = TokenResponse.safeParse(body).data?.access_token;
      if (!accessToken || !settings.identityUrl)
        throw new SignInProviderError('The sign-in service sent no access token.');
      const claims = decodeJwt(tokens.idToken);
      return {
        user: tokens.user,
        refreshToken: tokens.refreshToken ?? refreshToken,
        accessToken,
        account: typeof claims.email === 'string' ? claims.email : String(claims.sub),
        identityUrl: settings.identityUrl,
      };
    },
    async revoke(refreshToken) {
      const { status } = await callProvider(
        { token: refreshToken },
        `${settings.hostedUiUrl}/oauth2/revoke`,
      ).catch(() => ({ status: 0 }));
      if (status !== 200) log('oauth revoke failed', { status });
    },
  };

  /** 5xx/429: the provider is down (503); a refused grant: `refused()`; anything else: 502. */
  function refuseTrouble(status: number, body: unknown, refused: () => never): void {
    if (status >= 500 || status === 429) {
      log('oauth token endpoint failing', { status });
      throw new IssuerUnavailableError();
    }
    if (status === 200) return;
    const error = TokenErrorResponse.safeParse(body).data?.error;
    if (status === 400 && error && CODE_REFUSED.has(error)) refused();
    log('oauth token endpoint refused the client', { status, error });
    throw new SignInProviderError('The sign-in service refused this app’s request.');
  }

  async function verified(
    body: unknown,
    opts: { offerEnrolment?: boolean } = {},
  ): Promise<SignInToken & { user: Principal; refreshToken?: string }> {
    const parsed = TokenResponse.safeParse(body);
    if (!parsed.success) throw new SignInProviderError('The sign-in service sent no id token.');
    const idToken = parsed.data.id_token;
    let user: Principal;
    try {
      user = await verifier.verify(idToken);
    } catch (err) {
      // Staff without TOTP, fresh from the password step of this browser's own code exchange: they get
      // their access token back to set TOTP up with the pool (the refresh path never offers it).
      const accessToken = parsed.data.access_token;
      if (
        opts.offerEnrolment &&
        accessToken &&
        settings.identityUrl &&
        err instanceof ProblemError &&
        err.code === 'auth.mfa_required'
      ) {
        // The verifier checked the signature before asking about MFA, so the claims are the provider's.
        const claims = decodeJwt(idToken);
        const account = typeof claims.email === 'string' ? claims.email : String(claims.sub);
        throw new MfaEnrolmentRequired({ accessToken, identityUrl: settings.identityUrl, account });
      }
      // The provider down (503), or staff without a second factor: the caller is told why.
      if (err instanceof ProblemError && (err.status === 503 || err.code === 'auth.mfa_required')) throw err;
      log('oauth id token refused by our verifier', { error: String(err) });
      throw new SignInProviderError('The sign-in service sent a token this app does not accept.');
    }
    // Verified above, so the claims can be trusted; an access token must not pass as an id token.
    const claims = decodeJwt(idToken);
    if (claims.token_use !== 'id') throw new SignInProviderError('The sign-in service sent no id token.');
    const expiresIn = Math.max(1, Math.floor((claims.exp ?? 0) - now().getTime() / 1000));
    return {
      idToken,
      expiresIn,
      user,
      ...(parsed.data.refresh_token ? { refreshToken: parsed.data.refresh_token } : {}),
    };
  }
}

/** The code flow for the cloud app, or undefined when it is not configured. */
export function oauthSignInFrom(
  env: Record<string, string | undefined>,
  verifier: TokenVerifier,
): OAuthSignIn | undefined {
  const settings = oauthSettingsFrom(env);
  return settings ? createOAuthSignIn({ settings, verifier }) : undefined;
}
