/**
 * Sign-in through the identity provider's managed login (Cognito): the OAuth code flow with PKCE.
 * `startManagedLogin` keeps a random `state` and code verifier in sessionStorage and sends the
 * browser to the provider; the provider sends it back to the site root with `?code=…&state=…`,
 * where `finishManagedLogin` (run once on page load) checks the state, has the API exchange the
 * code (same origin, so the CSP's connect-src stays 'self') and signs in with the verified token.
 * `signOutEverywhere` also ends the provider's session, so the next person at a shared computer
 * is asked for their own password.
 */
import type { AuthConfig, SignInToken } from '../../../shared/signin';
import { getLang } from '../i18n';
import { navigate } from '../shell';
import { afterSignInPath, returnPath, SIGN_IN_PATH, TOTP_SETUP_PATH } from './paths';
import { pkceChallenge, randomUrlSafe } from './pkce';
import { signInWithToken, signOut } from './session';

type OAuthConfig = Extract<AuthConfig, { mode: 'oauth' }>;

const PENDING_KEY = 'obm.signIn.pending';
/** Where to end the provider's session; kept while signed in through it, like the token. */
const LOGOUT_KEY = 'obm.signIn.logoutUrl';
/** The provider's answer on the callback URL; removed from the address bar once read. */
const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description'];

/** The string key of the last sign-in failure, for the sign-in page to show once. */
let failure: string | null = null;

export function takeSignInFailure(): string | null {
  const key = failure;
  failure = null;
  return key;
}

function fail(key: string): void {
  failure = key;
  navigate(SIGN_IN_PATH);
}

/** Sends the browser to the provider's login; after it, the user comes back to `next`. */
export async function startManagedLogin(config: OAuthConfig, next = '/'): Promise<void> {
  const state = randomUrlSafe();
  const verifier = randomUrlSafe();
  // Per tab and gone with it: the verifier is needed only until this tab comes back.
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, verifier, logoutUrl: config.logoutUrl, next }));
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scope,
    state,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
    // Cognito shows its pages in the languages it has and ignores the rest.
    lang: getLang(),
  }).toString();
  location.assign(url.toString());
}

interface Pending {
  state: string;
  verifier: string;
  logoutUrl: string;
  /** Where the user was when they chose to sign in (a path of this site). */
  next: string;
}

function takePending(): Pending | null {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    sessionStorage.removeItem(PENDING_KEY);
    const pending = raw ? (JSON.parse(raw) as Partial<Record<keyof Pending, unknown>>) : null;
    return typeof pending?.state === 'string' &&
      typeof pending.verifier === 'string' &&
      typeof pending.logoutUrl === 'string'
      ? {
          state: pending.state,
          verifier: pending.verifier,
          logoutUrl: pending.logoutUrl,
          next: returnPath(`?next=${encodeURIComponent(String(pending.next ?? '/'))}`),
        }
      : null;
  } catch {
    return null;
  }
}

/** A failed exchange, with the string key that says why (and, for staff without TOTP, how to set it up). */
class SignInFailure extends Error {
  constructor(
    readonly key: string,
    /** The refusal's problem body, which may say how to set TOTP up (./cognitoTotp.ts). */
    readonly problem: unknown = null,
  ) {
    super(key);
  }
}

async function exchange(code: string, codeVerifier: string): Promise<string> {
  // Plain fetch, not api(): a stale token in storage must not turn this public call into a 401.
  const res = await fetch('/api/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ code, codeVerifier }),
  });
  if (!res.ok) {
    // Staff without a second factor are told so, not "sign-in failed" (functions/auth/mfa.ts). Its own
    // key, not the problem text: this runs on every page, and problem texts load with the pages.
    const problem = (await res.json().catch(() => ({}))) as { code?: unknown };
    if (problem.code !== 'auth.mfa_required') throw new SignInFailure('auth.oauth.failed');
    throw new SignInFailure('auth.oauth.mfa_required', problem);
  }
  return ((await res.json()) as SignInToken).idToken;
}

/** Finishes a sign-in when the page is the provider's redirect back; does nothing otherwise. */
export function finishManagedLogin(): void {
  const url = new URL(location.href);
  const state = url.searchParams.get('state');
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error');
  if (url.pathname !== '/' || state === null || (code === null && error === null)) return;
  // A code is good once: it must not stay in the address bar, history or a shared link.
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);

  const pending = takePending();
  // A state this tab did not send means someone else started this sign-in: never use its code.
  if (!pending || pending.state !== state) fail('auth.oauth.stateMismatch');
  else if (error !== null || code === null) fail('auth.oauth.cancelled');
  else
    void exchange(code, pending.verifier)
      .then(async (token) => {
        const me = await signInWithToken(token);
        if (!me) return fail('auth.oauth.failed');
        try {
          localStorage.setItem(LOGOUT_KEY, pending.logoutUrl);
        } catch {}
        // A new account accepts the account text first (the sign-up step), then goes on.
        const to = afterSignInPath(me, pending.next);
        if (to !== '/') navigate(to);
      })
      .catch(async (err: unknown) => {
        // Staff without TOTP who got their access token back set it up first (./totpEnrolmentPage.tsx);
        // that code loads only then, not with the map.
        if (err instanceof SignInFailure && err.problem) {
          const totp = await import('./cognitoTotp');
          const enrolment = totp.enrolmentOf(err.problem);
          if (enrolment) {
            totp.keepPendingTotpSetup({ ...enrolment, logoutUrl: pending.logoutUrl });
            return navigate(TOTP_SETUP_PATH);
          }
        }
        fail(err instanceof SignInFailure ? err.key : 'auth.oauth.failed');
      })
      .catch(() => fail('auth.oauth.failed'));
}

/** Signs out here and, after a managed login, at the provider too (it sends the browser back). */
export function signOutEverywhere(): void {
  signOut();
  let logoutUrl: string | null = null;
  try {
    logoutUrl = localStorage.getItem(LOGOUT_KEY);
    localStorage.removeItem(LOGOUT_KEY);
  } catch {}
  if (logoutUrl) location.assign(logoutUrl);
}

finishManagedLogin();
