/**
 * The one place the sessions UI learns who is signed in, so it shows only what the user may do (the
 * API still decides). It asks the API (`GET /api/me` with whatever token the sign-in module gave
 * `api()`); when the sign-in module offers a synchronous current user, only this function changes.
 */
import type { Principal } from '../../../shared/users';
import { ApiError, api } from '../api';

let cached: Promise<Principal | null> | null = null;

export function currentUser(): Promise<Principal | null> {
  cached ??= api<Principal>('/api/me').catch((err: unknown) => {
    if (err instanceof ApiError && (err.status === 401 || err.status === 404)) return null;
    cached = null;
    return null;
  });
  return cached;
}

/** Forget the cached user (after sign-in or sign-out). */
export function forgetUser(): void {
  cached = null;
}
