/**
 * Who is signed in, for components: signals, so a component that reads them re-renders on sign-in
 * and sign-out. The UI shows only what the user may do; the API still decides.
 */
import { signal } from '@preact/signals';
import type { Principal } from '../../../shared/users';
import { ready, user } from '../auth/session';

/** False until the API has said who the stored token belongs to (right after page load). */
export const userKnown = signal(false);
void ready.then(() => {
  userKnown.value = true;
});

/** The signed-in user as the policy sees them, or null (read while rendering: it subscribes). */
export function signedIn(): Principal | null {
  const me = user.value;
  return me ? { sub: me.sub, name: me.name, roles: me.roles, bodies: me.bodies } : null;
}
