/**
 * The one place the sessions UI learns who is signed in (from the sign-in module), so it shows only
 * what the user may do; the API still decides.
 */
import type { Principal } from '../../../shared/users';
import { ready, currentUser as signedInUser } from '../auth';

export async function currentUser(): Promise<Principal | null> {
  await ready;
  const me = signedInUser();
  return me ? { sub: me.sub, name: me.name, roles: me.roles, bodies: me.bodies } : null;
}
