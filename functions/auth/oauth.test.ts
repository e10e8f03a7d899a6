import { describe, expect, it } from 'vitest';
import { oauthSettingsFrom } from './oauth';

const pool = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbC';
const hosted = 'https://obm-hub.auth.eu-central-1.amazoncognito.com';
const cloud = { AUTH_ISSUER: pool, AUTH_AUDIENCE: 'web-client' };

describe('managed-login configuration', () => {
  it('is off when neither AUTH_HOSTED_UI_URL nor AUTH_REDIRECT_URI is set', () => {
    expect(oauthSettingsFrom(cloud)).toBeNull();
  });

  it('uses the app client id as the OAuth client, drops a trailing slash from the domain, and finds the pool API from the issuer', () => {
    expect(
      oauthSettingsFrom({
        ...cloud,
        AUTH_HOSTED_UI_URL: `${hosted}/`,
        AUTH_REDIRECT_URI: 'https://hub.example.kz/',
      }),
    ).toEqual({
      hostedUiUrl: hosted,
      clientId: 'web-client',
      redirectUri: 'https://hub.example.kz/',
      // Staff set up TOTP against the pool's own API (AssociateSoftwareToken), at the issuer's origin.
      identityUrl: 'https://cognito-idp.eu-central-1.amazonaws.com',
    });
  });

  it('refuses a hosted domain without a redirect URI', () => {
    expect(() => oauthSettingsFrom({ ...cloud, AUTH_HOSTED_UI_URL: hosted })).toThrow(/together/);
  });

  it('refuses the code flow without an issuer to verify its tokens', () => {
    expect(() =>
      oauthSettingsFrom({ AUTH_HOSTED_UI_URL: hosted, AUTH_REDIRECT_URI: 'https://hub.example.kz/' }),
    ).toThrow(/AUTH_ISSUER/);
  });

  it('refuses a plain-http redirect URI that is not this machine', () => {
    expect(() =>
      oauthSettingsFrom({
        ...cloud,
        AUTH_HOSTED_UI_URL: hosted,
        AUTH_REDIRECT_URI: 'http://hub.example.kz/',
      }),
    ).toThrow(/https/);
  });
});
