/**
 * Silent refresh of a sign-in (issue 22): id tokens last an hour, so the web trades a refresh token
 * for a new one before then (`POST /api/auth/refresh`), through the same server-side exchange that
 * signed it in — Cognito's `/oauth2/token` in the cloud (./oauth.ts), the local issuer here. Refresh
 * tokens rotate: each answer carries a new one and the old one is used up.
 *
 * The refresh token lives in an HttpOnly cookie scoped to /api/auth: it outlives the id token by
 * weeks, so unlike the id token (in localStorage, sent as a bearer) no page script can read it —
 * an injected script cannot carry it away. SameSite=Strict keeps other sites from sending it, and
 * the refresh route takes a JSON body, which a cross-site form cannot send without a preflight.
 */
import { PROBLEM_TYPES } from '../../shared/problem';
import { ProblemError } from '../api/problems';

export const REFRESH_COOKIE = 'obm_refresh';
/** The cookie goes only to the sign-in routes: /api/auth/refresh and /api/auth/signout. */
export const REFRESH_COOKIE_PATH = '/api/auth';
const REFRESH_COOKIE_MAX_AGE_S = 30 * 24 * 3600;

/** Set-Cookie for a refresh token; `Secure` whenever the site is served over https. */
export function refreshCookie(token: string, requestUrl: string): string {
  const secure = new URL(requestUrl).protocol === 'https:' ? '; Secure' : '';
  return `${REFRESH_COOKIE}=${token}; Path=${REFRESH_COOKIE_PATH}; Max-Age=${REFRESH_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Strict${secure}`;
}

/** Set-Cookie that removes it (sign-out, a refused refresh). */
export function clearRefreshCookie(requestUrl: string): string {
  const secure = new URL(requestUrl).protocol === 'https:' ? '; Secure' : '';
  return `${REFRESH_COOKIE}=; Path=${REFRESH_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure}`;
}

/** The refresh token from a Cookie header, or null. */
export function refreshTokenFrom(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === REFRESH_COOKIE) {
      const value = rest.join('=');
      return /^[A-Za-z0-9._~+/=-]{16,4096}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** The refresh token is unknown, expired, revoked or used up: sign in again. */
export class RefreshRefusedError extends ProblemError {
  constructor() {
    super(
      401,
      PROBLEM_TYPES.unauthorized,
      'Unauthorized',
      'The sign-in can no longer be renewed; sign in again.',
      undefined,
      {},
      { code: 'auth.refresh_refused' },
    );
  }
}
