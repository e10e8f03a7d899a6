import { describe, expect, it } from 'vitest';
import { claimsFor, principalFromClaims } from './claims';

describe('claims → principal', () => {
  it('makes every signed-in user at least a citizen', () => {
    expect(principalFromClaims({ sub: 'u1' })).toEqual({
      sub: 'u1',
      name: 'u1',
      roles: ['citizen'],
      bodies: [],
    });
  });

  it('maps Cognito groups to roles and ignores unknown groups', () => {
    const p = principalFromClaims({ sub: 'u1', 'cognito:groups': ['moderator', 'superuser', 'club_member'] });
    expect(p.roles).toEqual(['citizen', 'club_member', 'moderator']);
  });

  it('gives an official the bodies of their body:<id> groups', () => {
    const p = principalFromClaims({
      sub: 'u1',
      'cognito:groups': ['official', 'body:zha-roads', 'body:akimat-shu'],
    });
    expect(p.bodies).toEqual(['zha-roads', 'akimat-shu']);
  });

  it('grants no body to someone in a body group without the official role', () => {
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': ['body:zha-roads'] }).bodies).toEqual([]);
  });

  it('ignores a groups claim that is not a list of strings', () => {
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': 'admin' }).roles).toEqual(['citizen']);
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': [1, { admin: true }] }).roles).toEqual([
      'citizen',
    ]);
  });

  it('takes the display name from name, then the Cognito username', () => {
    expect(principalFromClaims({ sub: 'u1', name: 'Айгерім' }).name).toBe('Айгерім');
    expect(principalFromClaims({ sub: 'u1', 'cognito:username': 'aigerim' }).name).toBe('aigerim');
  });

  it('round-trips a principal through the claims an issuer writes', () => {
    const p = { sub: 's', name: 'N', roles: ['citizen', 'official'] as const, bodies: ['zha-roads'] };
    expect(principalFromClaims({ ...claimsFor({ ...p, roles: [...p.roles] }) })).toEqual({
      ...p,
      roles: [...p.roles],
    });
  });
});
