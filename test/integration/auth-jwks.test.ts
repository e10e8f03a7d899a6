/**
 * The production verifier against an issuer serving its JWKS over HTTP: keys are fetched once and
 * cached, a token under a new `kid` (key rotation) makes it fetch again, and an issuer that does not
 * answer is a 503 for the caller, not a 401.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../../functions/api/problems';
import { createTokenVerifier, jwksFromUrl } from '../../functions/auth/verify-token';

const ISSUER = 'https://issuer.test.invalid/pool';
const AUDIENCE = 'client-1';

let server: Server;
let url: string;
let served: JWK[] = [];
let fetches = 0;

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

const sign = (key: Awaited<ReturnType<typeof keyPair>>, sub = 'u1') =>
  new SignJWT({ token_use: 'access', client_id: AUDIENCE })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches++;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('JWKS from the issuer', () => {
  it('fetches the keys once and serves later tokens from the cache', async () => {
    const a = await keyPair('key-a');
    served = [a.jwk];
    fetches = 0;
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: jwksFromUrl(url) });
    await verifier.verify(await sign(a, 'u1'));
    await verifier.verify(await sign(a, 'u2'));
    expect(fetches).toBe(1);
  });

  it('fetches again when a token names a kid it has not seen (key rotation)', async () => {
    const a = await keyPair('key-a2');
    const b = await keyPair('key-b2');
    served = [a.jwk];
    fetches = 0;
    // No cooldown here so the rotation is visible at once; production waits at most 30 s between fetches.
    const verifier = createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: jwksFromUrl(url, { cooldownMs: 0 }),
    });
    await verifier.verify(await sign(a));
    served = [a.jwk, b.jwk];
    expect((await verifier.verify(await sign(b, 'rotated'))).sub).toBe('rotated');
    expect(fetches).toBe(2);
  });

  it('answers 503 with Retry-After when the issuer does not answer', async () => {
    const a = await keyPair('key-c');
    const verifier = createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: jwksFromUrl('http://127.0.0.1:9/.well-known/jwks.json'),
    });
    const err = await verifier.verify(await sign(a)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).status).toBe(503);
    expect((err as ProblemError).headers['Retry-After']).toBeTruthy();
  });
});
