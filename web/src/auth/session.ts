/**
 * Who is signed in, for every web feature: `currentUser()`, `onUserChange()`, and `canDo(action,
 * resource)` — the same rules as the API (shared/policy.ts), so the UI shows only what the user
 * may do; the API still decides. The token is kept in localStorage and sent by `api()`.
 *
 * Id tokens last an hour. The refresh token that renews them is in an HttpOnly cookie this code
 * cannot read (functions/auth/refresh.ts); the page asks `POST /api/auth/refresh` for a new id
 * token five minutes before the current one runs out, and again whenever a call comes back 401,
 * after which api() sends that call once more — so an answer typed for an hour is not lost.
 */

import { signal } from '@preact/signals';
import type { MeView } from '../../../shared/identity';
import { type Action, can, type PolicyResource } from '../../../shared/policy';
import type { SignInToken } from '../../../shared/signin';
import type { Principal } from '../../../shared/users';
import { ApiError, api, setSessionRenewer, setTokenProvider } from '../api';

const TOKEN_KEY = 'obm.idToken';
/** Set while a refresh cookie may exist (not the token itself, which page scripts never see). */
const RENEWABLE_KEY = 'obm.renewable';
/** Renew this long before the id token runs out. */
const RENEW_AHEAD_MS = 5 * 60_000;

let token: string | null = readToken();
/** The signed-in user as a signal: components reading it re-render on sign-in and sign-out. */
export const user = signal<MeView | null>(null);
const listeners = new Set<(user: MeView | null) => void>();

setTokenProvider(() => token);
setSessionRenewer(renewSession);

function readToken(): string | null {
  try {
    const stored = globalThis.localStorage?.getItem(TOKEN_KEY) ?? null;
    return stored && !isExpired(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Reads `exp` only to plan the renewal and drop a stale token early; the API verifies the signature. */
function expiresAtMs(jwt: string): number | null {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? ''));
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return 0;
  }
}

function isExpired(jwt: string): boolean {
  const at = expiresAtMs(jwt);
  return at !== null && at <= Date.now();
}

function renewable(): boolean {
  try {
    return globalThis.localStorage?.getItem(RENEWABLE_KEY) === '1';
  } catch {
    return false;
  }
}

function storeToken(value: string | null): void {
  token = value;
  try {
    if (value) {
      localStorage.setItem(TOKEN_KEY, value);
      localStorage.setItem(RENEWABLE_KEY, '1');
    } else {
      localStorage.removeItem(TOKEN_KEY);
      localStorage.removeItem(RENEWABLE_KEY);
    }
  } catch {}
  scheduleRenewal();
}

let renewTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleRenewal(): void {
  clearTimeout(renewTimer);
  const at = token ? expiresAtMs(token) : null;
  if (!at || typeof setTimeout !== 'function') return;
  renewTimer = setTimeout(() => void renewSession(), Math.max(5_000, at - RENEW_AHEAD_MS - Date.now()));
}

let renewing: Promise<boolean> | null = null;

/**
 * Trades the refresh cookie for a new id token (one request at a time, however many calls failed
 * together). A refused cookie ends the sign-in; a network failure leaves it for the next try.
 */
export function renewSession(): Promise<boolean> {
  if (!renewable()) return Promise.resolve(false);
  renewing ??= (async () => {
    try {
      // Plain fetch, not api(): this must not itself be renewed and retried.
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: '{}',
        credentials: 'same-origin',
      });
      if (res.ok) {
        storeToken(((await res.json()) as SignInToken).idToken);
        return true;
      }
      if (res.status === 401 || res.status === 404) {
        storeToken(null);
        setUser(null);
      }
      return false;
    } catch {
      return false;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

// Another tab renewed (or signed out): use its token rather than spending the cookie again.
globalThis.addEventListener?.('storage', (e: StorageEvent) => {
  if (e.key !== TOKEN_KEY) return;
  token = e.newValue && !isExpired(e.newValue) ? e.newValue : null;
  scheduleRenewal();
  if (!token) setUser(null);
});

function setUser(next: MeView | null): void {
  user.value = next;
  for (const l of listeners) l(next);
}

export function currentUser(): MeView | null {
  return user.value;
}

export function onUserChange(listener: (user: MeView | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function canDo(action: Action, resource?: PolicyResource): boolean {
  const me = user.value;
  const principal: Principal | null = me
    ? { sub: me.sub, name: me.name, roles: me.roles, bodies: me.bodies }
    : null;
  return can(principal, action, resource);
}

/** Asks the API who the stored token belongs to; a refused token signs the user out. */
async function refresh(): Promise<MeView | null> {
  // Back after the hour (a laptop opened next morning): renew before asking.
  if (!token && !(await renewSession())) {
    setUser(null);
    return null;
  }
  try {
    const me = await api<MeView>('/api/me');
    setUser(me);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) storeToken(null);
    setUser(null);
    return null;
  }
}

/** Resolves once the user is known (right after page load it asks the API). */
export const ready: Promise<MeView | null> = refresh();

export async function signInWithToken(idToken: string): Promise<MeView | null> {
  storeToken(idToken);
  return refresh();
}

export function signOut(): void {
  const hadSession = renewable();
  storeToken(null);
  setUser(null);
  // Ends the refresh cookie's sign-in on the server too: on a shared computer it must not outlive us.
  if (hadSession)
    void fetch('/api/auth/signout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
      keepalive: true,
    }).catch(() => {});
}
