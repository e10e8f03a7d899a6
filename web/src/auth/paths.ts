/**
 * The auth pages' paths, apart so the sign-in flow and the header widget can share them without
 * importing each other (a cycle would run the sign-in callback before the widget module exists).
 */
export const SIGN_IN_PATH = '/sign-in';
export const ADMIN_PATH = '/admin';
/** Staff set up their authenticator app here in the cloud, after the sign-in refused them for want of it. */
export const TOTP_SETUP_PATH = '/sign-in/totp';
/** A new account accepts the privacy notice's account processing here before it is used (web/src/privacy/signUpPage.ts). */
export const SIGN_UP_PATH = '/sign-in/welcome';

/** Where the user is now (path, query and hash), to come back to after signing in. */
function here(): string {
  return typeof location === 'undefined' ? '/' : `${location.pathname}${location.search}${location.hash}`;
}

/** The sign-in page's address that returns to `returnTo` (by default where the user is now). */
export function signInHref(returnTo: string = here()): string {
  return returnTo === '/' || returnTo.startsWith(SIGN_IN_PATH)
    ? SIGN_IN_PATH
    : `${SIGN_IN_PATH}?next=${encodeURIComponent(returnTo)}`;
}

/**
 * Where to go after signing in: the `next` of the sign-in address when it is a path of this site
 * (never `//host` or a scheme: no open redirect), else the map.
 */
export function returnPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && /^\/(?![/\\])/.test(next) && !next.startsWith(SIGN_IN_PATH) ? next : '/';
}

/**
 * Where a sign-in goes on: the sign-up step first when the account has not accepted the current
 * account text (the local issuer and the managed login alike), then `next`.
 */
export function afterSignInPath(
  me: { signUp?: { accepted: boolean } } | null | undefined,
  next: string,
): string {
  if (!me?.signUp || me.signUp.accepted) return next;
  return next === '/' ? SIGN_UP_PATH : `${SIGN_UP_PATH}?next=${encodeURIComponent(next)}`;
}
