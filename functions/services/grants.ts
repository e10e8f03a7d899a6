/**
 * Role and body grants (admin): the workflow that keeps the two places a grant lives — the Cognito
 * group (cloud only, what the next token says) and the user table with its audit entry (what the
 * hub shows and the chain proves) — in step. The group is written first; if the table write then
 * fails, the group change is undone before the error goes on, so a failed second write leaves no
 * half-granted role (issue 16). An admin cannot revoke their own admin role, so the hub always
 * keeps at least one admin: the last one can only lose the role by another admin, who is then left.
 */

import { actorHash } from '../audit/chain';
import { BODY_GROUP_PREFIX } from '../auth/claims';
import type { GroupDirectory } from '../auth/groups';
import { getBody } from '../data/bodies';
import type { Store } from '../data/client';
import { rosterEntryOp } from '../data/inbox';
import {
  type Actor,
  changeGrant,
  countAdmins,
  type Grant,
  getProfile,
  type UserProfile,
} from '../data/users';
import { eventOp } from './notifications';

function grantEventOp(store: Store, sub: string, grant: Grant, revoke: boolean, actorSub: string, at: Date) {
  const change =
    'role' in grant ? (revoke ? 'role.revoke' : 'role.grant') : revoke ? 'body.unbind' : 'body.bind';
  return eventOp(store, {
    type: 'grant.changed',
    at: at.toISOString(),
    subject: { kind: 'user', id: actorHash(sub) },
    actorSub,
    data: { sub, change, ...('role' in grant ? { role: grant.role } : { bodyId: grant.bodyId }) },
  });
}

export class GrantRefusedError extends Error {
  constructor(
    readonly kind: 'not_found' | 'self_revoke' | 'last_admin',
    message: string,
  ) {
    super(message);
  }
}

export async function applyGrant(
  deps: { store: Store; groups?: GroupDirectory | undefined; now: () => Date },
  actor: Actor,
  sub: string,
  grant: Grant,
  revoke: boolean,
): Promise<UserProfile> {
  if ('bodyId' in grant && !(await getBody(deps.store, grant.bodyId)))
    throw new GrantRefusedError('not_found', 'No such body.');
  if ('role' in grant && revoke && grant.role === 'admin' && sub === actor.sub)
    throw new GrantRefusedError(
      'self_revoke',
      'Admins cannot revoke their own admin role; ask another admin.',
    );
  // The self-revoke rule is not enough where an actor's admin role comes from the token only (the
  // local issuer, a Cognito group not yet mirrored): count the admins the table knows, explicitly.
  if ('role' in grant && revoke && grant.role === 'admin') {
    const target = await getProfile(deps.store, sub);
    if (target?.roles.includes('admin') && (await countAdmins(deps.store)) <= 1)
      throw new GrantRefusedError('last_admin', 'This is the last admin; grant admin to someone else first.');
  }
  const group = 'role' in grant ? grant.role : `${BODY_GROUP_PREFIX}${grant.bodyId}`;
  const groups = deps.groups;
  if (groups) await (revoke ? groups.removeFromGroup(sub, group) : groups.addToGroup(sub, group));
  try {
    await changeGrant(deps.store, {
      sub,
      grant,
      revoke,
      actor,
      at: deps.now(),
      extraOps: [
        // A body binding puts the user on (or takes them off) the body's roster, so its officials can
        // hand them questions (functions/services/inbox.ts).
        ...('bodyId' in grant ? [rosterEntryOp(deps.store, grant.bodyId, sub, revoke)] : []),
        // The person hears what changed about their account, with the change itself.
        grantEventOp(deps.store, sub, grant, revoke, actor.sub, deps.now()),
      ],
    });
  } catch (err) {
    // Compensate: the table (and the chain) did not change, so neither may the group.
    if (groups) {
      try {
        await (revoke ? groups.addToGroup(sub, group) : groups.removeFromGroup(sub, group));
      } catch (undo) {
        console.error(
          JSON.stringify({ msg: 'grant-compensation-failed', group, revoke, error: String(undo) }),
        );
      }
    }
    throw err;
  }
  const profile = await getProfile(deps.store, sub);
  if (!profile) throw new GrantRefusedError('not_found', 'No such user.');
  return profile;
}
