import { createHash } from 'node:crypto';
import { base64url, createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { testAuth, user } from '../../test/support/auth';
import { ProblemError } from '../api/problems';
import { cognitoMfaCheck, STAFF_ROLES } from './mfa';
import { createTokenVerifier, IssuerUnavailableError } from './verify-token';

const auth = await testAuth();
const now = () => Math.floor(Date.now() / 1000);
const good = () => ({
  sub: 'u-1',
  token_use: 'id',
  iss: auth.issuer,
  aud: auth.audience,
  iat: now(),
  exp: now() + 600,
  'cognito:groups': ['club_member'],
});

async function statusOf(token: string, verifier = auth.verifier): Promise<number> {
  try {
    await verifier.verify(token);
    return 200;
  } catch (err) {
    if (err instanceof ProblemError) return err.status;
    throw err;
  }
}

const encodePart = (o: unknown) => base64url.encode(JSON.stringify(o));

describe('token verification', () => {
  it('accepts a well-formed id token and maps its groups to roles', async () => {
    const p = await auth.verifier.verify(await auth.sign(good()));
    expect(p).toMatchObject({ sub: 'u-1', roles: ['citizen', 'club_member'], bodies: [] });
  });

  it('accepts a Cognito access token whose client_id is the audience', async () => {
    const { aud: _, ...rest } = good();
    const p = await auth.verifier.verify(
      await auth.sign({ ...rest, token_use: 'access', client_id: auth.audience }),
    );
    expect(p.sub).toBe('u-1');
  });

  it('round-trips tokenFor: an official keeps their bodies', async () => {
    const official = user('official', { bodies: ['zha-roads'] });
    expect(await auth.verifier.verify(await auth.tokenFor(official))).toEqual(official);
  });

  it('refuses a token of every staff role without a second factor (auth.mfa_required); club members pass', async () => {
    for (const role of STAFF_ROLES) {
      const err = await auth.verifier.verify(await auth.tokenFor(user(role), { mfa: false })).catch((e) => e);
      expect([role, err instanceof ProblemError && err.code]).toEqual([role, 'auth.mfa_required']);
    }
    expect((await auth.verifier.verify(await auth.sign(good()))).roles).toEqual(['citizen', 'club_member']);
  });

  it('asks a Cognito pool whether staff have TOTP set up, once per user for a while, by the verified username', async () => {
    const asked: string[] = [];
    const enrolled = new Set(['official-with-app']);
    const check = cognitoMfaCheck({
      getUser: async (username) => {
        asked.push(username);
        return enrolled.has(username) ? { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] } : {};
      },
    });
    const verifier = createTokenVerifier({
      issuer: auth.issuer,
      audience: auth.audience,
      keys: createLocalJWKSet({ keys: [auth.publicJwk] }),
      staffMfa: check,
    });
    const staffToken = (username: string, extra = {}) =>
      auth.sign({
        ...good(),
        sub: username,
        'cognito:username': username,
        'cognito:groups': ['official'],
        ...extra,
      });
    expect(await statusOf(await staffToken('official-with-app'), verifier)).toBe(200);
    expect(await statusOf(await staffToken('official-with-app'), verifier)).toBe(200);
    // For a Cognito pool an `amr` claim proves nothing (Cognito never sets it): only the pool's answer counts.
    expect(await statusOf(await staffToken('official-without', { amr: ['otp'] }), verifier)).toBe(401);
    // A "no" is not kept: once they have set TOTP up, their next sign-in gets in at once.
    enrolled.add('official-without');
    expect(await statusOf(await staffToken('official-without'), verifier)).toBe(200);
    expect(asked).toEqual(['official-with-app', 'official-without', 'official-without']);
  });

  it('refuses an expired token with 401', async () => {
    expect(await statusOf(await auth.sign({ ...good(), iat: now() - 7200, exp: now() - 3600 }))).toBe(401);
  });

  it('refuses a token not valid yet (future nbf) with 401', async () => {
    expect(await statusOf(await auth.sign({ ...good(), nbf: now() + 3600 }))).toBe(401);
  });

  it('refuses a token without exp with 401', async () => {
    const { exp: _, ...rest } = good();
    expect(await statusOf(await auth.sign(rest))).toBe(401);
  });

  it('refuses a token signed under an unknown kid with 401', async () => {
    expect(await statusOf(await auth.sign(good(), { kid: 'someone-elses-key' }))).toBe(401);
  });

  it('refuses a token signed by another key under our kid with 401', async () => {
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT(good())
      .setProtectedHeader({ alg: 'ES256', kid: auth.publicJwk.kid ?? '' })
      .sign(other.privateKey);
    expect(await statusOf(forged)).toBe(401);
  });

  it('refuses a token whose payload was tampered with (admin added) with 401', async () => {
    const [h, , s] = (await auth.sign(good())).split('.');
    const tampered = `${h}.${encodePart({ ...good(), 'cognito:groups': ['admin'] })}.${s}`;
    expect(await statusOf(tampered)).toBe(401);
  });

  it('refuses an unsigned token (alg none) with 401', async () => {
    const unsigned = `${encodePart({ alg: 'none', typ: 'JWT' })}.${encodePart(good())}.`;
    expect(await statusOf(unsigned)).toBe(401);
  });

  it('refuses HS256 signed with the public key as the secret with 401', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'rsa-1', alg: 'RS256' };
    const verifier = createTokenVerifier({
      issuer: auth.issuer,
      audience: auth.audience,
      keys: createLocalJWKSet({ keys: [jwk] }),
    });
    const secret = new TextEncoder().encode(await exportSPKI(publicKey));
    const hs = await new SignJWT(good()).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).sign(secret);
    expect(await statusOf(hs, verifier)).toBe(401);
  });

  it('refuses a token from another issuer with 401', async () => {
    expect(await statusOf(await auth.sign({ ...good(), iss: 'https://evil.example/pool' }))).toBe(401);
  });

  it('refuses an id token for another audience with 401', async () => {
    expect(await statusOf(await auth.sign({ ...good(), aud: 'other-client' }))).toBe(401);
  });

  it('refuses an access token for another client with 401', async () => {
    const { aud: _, ...rest } = good();
    expect(await statusOf(await auth.sign({ ...rest, token_use: 'access', client_id: 'other' }))).toBe(401);
  });

  it('refuses a token without token_use even when aud matches', async () => {
    const { token_use: _, ...rest } = good();
    expect(await statusOf(await auth.sign(rest))).toBe(401);
  });

  it('refuses garbage with 401', async () => {
    expect(await statusOf('not.a.jwt')).toBe(401);
    expect(await statusOf(createHash('sha256').update('x').digest('hex'))).toBe(401);
  });

  it('answers 503, not 401, when the issuer key set cannot be fetched', async () => {
    const verifier = createTokenVerifier({
      issuer: auth.issuer,
      audience: auth.audience,
      keys: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(verifier.verify(await auth.sign(good()))).rejects.toBeInstanceOf(IssuerUnavailableError);
  });
});
