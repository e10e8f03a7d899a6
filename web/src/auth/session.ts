/**
 * Who is signed in, for every web feature: `currentUser()`, `onUserChange()`, and `canDo(action,
 * resource)` — the same rules as the API (shared/policy.ts), so the UI shows only what the user
 * may do; the API still decides. The token is kept in localStorage and sent by `api()`.
 */

import { signal } from '@preact/signals';
import type { MeView } from '../../../shared/identity';
import { type Action, can, type PolicyResource } from '../../../shared/policy';
import type { Principal } from '../../../shared/users';
import { ApiError, api, setTokenProvider } from '../api';

const TOKEN_KEY = 'obm.idToken';

let token: string | null = readToken();
/** The signed-in user as a signal: components reading it re-render on sign-in and sign-out. */
export const user = signal<MeView | null>(null);
const listeners = new Set<(user: MeView | null) => void>();

setTokenProvider(() => token);

function readToken(): string | null {
  try {
    const stored = globalThis.localStorage?.getItem(TOKEN_KEY) ?? null;
    return stored && !isExpired(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Reads `exp` only to drop a stale token early; the API verifies the signature. */
function isExpired(jwt: string): boolean {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? ''));
    return typeof payload.exp === 'number' && payload.exp * 1000 <= Date.now();
  } catch {
    return true;
  }
}

function storeToken(value: string | null): void {
  token = value;
  try {
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {}
}

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
  if (!token) {
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
  storeToken(null);
  setUser(null);
}
