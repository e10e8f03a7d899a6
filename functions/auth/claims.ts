/**
 * The claims shape of our tokens, which is Amazon Cognito's: roles and an official's bodies travel
 * as `cognito:groups` (`citizen`, `club_member`, …, and `body:<id>` per body). Both directions live
 * here so the local issuer, the tests and the verifier cannot disagree about it.
 */
import { type Principal, ROLES, type Role } from '../../shared/users';

export const BODY_GROUP_PREFIX = 'body:';
export const GROUPS_CLAIM = 'cognito:groups';

export interface IdentityClaims {
  sub: string;
  name?: string;
  'cognito:username'?: string;
  username?: string;
  [GROUPS_CLAIM]?: string[];
}

const isRole = (g: string): g is Role => (ROLES as readonly string[]).includes(g);

/** Cognito groups for a principal: its roles and one `body:<id>` group per body it acts for. */
export function groupsFor(p: Pick<Principal, 'roles' | 'bodies'>): string[] {
  return [...new Set(p.roles), ...[...new Set(p.bodies)].map((b) => `${BODY_GROUP_PREFIX}${b}`)];
}

/** The identity claims an issuer puts into a token for `p` (signing adds iss, aud, iat, exp). */
export function claimsFor(p: Principal): IdentityClaims {
  return { sub: p.sub, name: p.name, 'cognito:username': p.sub, [GROUPS_CLAIM]: groupsFor(p) };
}

/**
 * The principal a verified token stands for. Every signed-in user is at least a citizen; unknown
 * groups are ignored; bodies count only for officials (a body group without the official role
 * grants nothing).
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  const rawGroups = claims[GROUPS_CLAIM];
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : [];
  const roles = new Set<Role>(['citizen']);
  for (const g of groups) if (isRole(g)) roles.add(g);
  const bodies = roles.has('official')
    ? [
        ...new Set(
          groups.filter((g) => g.startsWith(BODY_GROUP_PREFIX)).map((g) => g.slice(BODY_GROUP_PREFIX.length)),
        ),
      ].filter(Boolean)
    : [];
  const name = [claims.name, claims['cognito:username'], claims.username].find(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  return { sub, name: name ?? sub, roles: ROLES.filter((r) => roles.has(r)), bodies };
}
