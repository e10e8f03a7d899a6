/**
 * Who am I: the signed-in user as the hub shows them (display name, roles and badges; an official's
 * badge names the body) and the one thing they change themselves, the name they are shown by. Roles
 * and bodies come from the verified token (granted by services/grants.ts), never from here.
 */

import type { Principal } from '../../shared/users';
import type { MeView as Me } from '../api/schemas/identity';
import { getBody } from '../data/bodies';
import type { Store } from '../data/client';
import { getProfile, setDisplayName } from '../data/users';
import { signUpStateOf } from './consents';

export async function describeUser(store: Store, user: Principal): Promise<Me> {
  const [profile, signUp, ...bodies] = await Promise.all([
    getProfile(store, user.sub),
    signUpStateOf(store, user.sub),
    ...user.bodies.map((id) => getBody(store, id)),
  ]);
  const badges: Me['badges'] = [];
  for (const role of user.roles) {
    if (role !== 'official') badges.push({ role });
    else
      for (const [i, id] of user.bodies.entries())
        badges.push({ role, body: { id, name: bodies[i]?.name ?? { en: id } } });
  }
  // The token decides roles; a stored display name (set locally or mirrored) wins over the token's.
  return {
    sub: user.sub,
    name: profile?.name ?? user.name,
    roles: user.roles,
    bodies: user.bodies,
    badges,
    signUp,
  };
}

/** Sets the name the user is shown by, and returns them as now shown. */
export async function renameUser(store: Store, user: Principal, name: string, now: Date): Promise<Me> {
  await setDisplayName(store, user.sub, name, now);
  return describeUser(store, user);
}
