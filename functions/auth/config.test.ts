import { describe, expect, it } from 'vitest';
import { authSettingsFrom } from './config';

const pool = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbC';

describe('sign-in configuration', () => {
  it('is off when neither AUTH_ISSUER nor AUTH_AUDIENCE is set', () => {
    expect(authSettingsFrom({})).toBeNull();
  });

  it("defaults the JWKS URL to the issuer's well-known path", () => {
    expect(authSettingsFrom({ AUTH_ISSUER: pool, AUTH_AUDIENCE: 'client' })).toEqual({
      issuer: pool,
      audience: 'client',
      jwksUrl: `${pool}/.well-known/jwks.json`,
    });
  });

  it('refuses an issuer without an audience', () => {
    expect(() => authSettingsFrom({ AUTH_ISSUER: pool })).toThrow(/together/);
  });

  it('refuses a plain-http issuer that is not this machine', () => {
    expect(() => authSettingsFrom({ AUTH_ISSUER: 'http://issuer.example', AUTH_AUDIENCE: 'c' })).toThrow(
      /https/,
    );
    expect(
      authSettingsFrom({ AUTH_ISSUER: 'http://127.0.0.1:8787/local-auth', AUTH_AUDIENCE: 'c' }),
    ).not.toBeNull();
  });
});
