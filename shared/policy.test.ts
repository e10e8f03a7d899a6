import { describe, expect, it } from 'vitest';
import { can, isPublic, RULES } from './policy';
import type { Principal } from './users';

const citizen: Principal = { sub: 'c', name: 'C', roles: ['citizen'], bodies: [] };
const admin: Principal = { sub: 'a', name: 'A', roles: ['citizen', 'admin'], bodies: [] };
const roadsOfficial: Principal = {
  sub: 'o',
  name: 'O',
  roles: ['citizen', 'official'],
  bodies: ['zha-roads'],
};

describe('policy', () => {
  it('lets anyone, signed in or not, do public actions', () => {
    expect(can(null, 'items.read')).toBe(true);
    expect(isPublic('items.read')).toBe(true);
  });

  it('refuses anonymous callers every non-public action', () => {
    const nonPublic = (Object.keys(RULES) as (keyof typeof RULES)[]).filter((a) => !isPublic(a));
    expect(nonPublic.filter((a) => can(null, a, { bodyId: 'zha-roads', ownerSub: 'x' }))).toEqual([]);
  });

  it('lets only admins manage bodies and users and read the change record', () => {
    for (const action of ['bodies.manage', 'users.manage', 'changes.read'] as const) {
      expect([can(citizen, action), can(roadsOfficial, action), can(admin, action)]).toEqual([
        false,
        false,
        true,
      ]);
    }
  });

  it('lets an official act only for their own body', () => {
    expect(can(roadsOfficial, 'body.act', { bodyId: 'zha-roads' })).toBe(true);
    expect(can(roadsOfficial, 'body.act', { bodyId: 'akimat-taraz' })).toBe(false);
    expect(can(roadsOfficial, 'body.act')).toBe(false);
  });

  it('does not let a body binding without the official role act for the body', () => {
    const bound: Principal = { ...citizen, bodies: ['zha-roads'] };
    expect(can(bound, 'body.act', { bodyId: 'zha-roads' })).toBe(false);
  });

  it('does not let an admin act for a body they are not bound to', () => {
    expect(can(admin, 'body.act', { bodyId: 'zha-roads' })).toBe(false);
  });
});
