/**
 * A stand-in for Cognito's managed login, for tests (the real one cannot run here): an OAuth 2.0
 * authorization server on 127.0.0.1 speaking just enough of the code flow with PKCE.
 *
 * - `GET /oauth2/authorize` signs the one configured user in at once: it redirects back to
 *   `redirect_uri` with a fresh code bound to the `code_challenge`, client and redirect URI, and the
 *   `state` (or, after `tamperNextState()`, a different one).
 * - `POST /oauth2/token` (form-encoded) trades a code once, only with the verifier whose S256 hash
 *   is the challenge; errors are RFC 6749 JSON (`invalid_grant`, …). The id token is Cognito-shaped
 *   (`token_use: id`, `cognito:groups`), signed with a jose key.
 * - `GET /logout` ends the (pretend) provider session and redirects to `logout_uri`, counted in
 *   `logouts`.
 * - `GET /.well-known/jwks.json` serves the public key, as Cognito's issuer does.
 *
 *   const provider = await startOAuthProvider({ clientId: 'web', user });
 *   const verifier = provider.verifier(); // the production verifier pointed at this issuer
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { TokenVerifier } from '../../functions/api/env';
import { claimsFor } from '../../functions/auth/claims';
import { createTokenVerifier, jwksFromUrl } from '../../functions/auth/verify-token';
import type { Principal } from '../../shared/users';

const KID = 'stand-in-1';

interface PendingCode {
  challenge: string;
  clientId: string;
  redirectUri: string;
}

export interface OAuthProvider {
  /** `http://127.0.0.1:<port>`: the hosted-domain base URL and the token issuer both. */
  url: string;
  clientId: string;
  /** The production verifier for this issuer's tokens (JWKS over HTTP). */
  verifier(): TokenVerifier;
  /** A code for `challenge`, as if a browser had come through /oauth2/authorize (API tests). */
  issueCode(challenge: string, redirectUri: string): string;
  /** How many browsers came through /logout. */
  readonly logouts: number;
  /** The next redirect back carries a state the browser did not send. */
  tamperNextState(): void;
  stop(): Promise<void>;
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)). */
export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startOAuthProvider(opts: {
  clientId: string;
  user: Principal;
  /**
   * The user pool's own API on the same origin (as Cognito's issuer and API share theirs):
   * `POST /` with an `X-Amz-Target` goes to it (test/support/cognito-idp.ts).
   */
  identity?: { handle(req: IncomingMessage, res: ServerResponse): boolean };
  /**
   * Hand out a refresh token with each code exchange and take it back in the refresh grant (as
   * Cognito without rotation: the answer carries new id and access tokens, no new refresh token).
   */
  refreshTokens?: boolean;
}): Promise<OAuthProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: KID, alg: 'ES256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Set<string>();
  let tamper = false;
  let logouts = 0;
  let url = '';

  const issueCode = (challenge: string, redirectUri: string) => {
    const code = randomBytes(16).toString('hex');
    codes.set(code, { challenge, clientId: opts.clientId, redirectUri });
    return code;
  };

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
      return json(res, 400, { error: 'invalid_request' });
    const form = await formOf(req);
    const grant = form.get('grant_type');
    if (grant !== 'authorization_code' && !(grant === 'refresh_token' && opts.refreshTokens))
      return json(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== opts.clientId) return json(res, 400, { error: 'invalid_client' });
    if (grant === 'refresh_token') {
      if (!refreshTokens.has(form.get('refresh_token') ?? ''))
        return json(res, 400, { error: 'invalid_grant' });
      return json(res, 200, {
        id_token: await idToken(),
        access_token: 'not-used-here',
        expires_in: 3600,
        token_type: 'Bearer',
      });
    }
    const code = form.get('code') ?? '';
    const pending = codes.get(code);
    // A code is good once, whatever happens next (RFC 6749 §4.1.2).
    codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    if (!pending || pending.redirectUri !== form.get('redirect_uri') || s256(verifier) !== pending.challenge)
      return json(res, 400, { error: 'invalid_grant' });
    const refreshToken = opts.refreshTokens ? randomBytes(24).toString('hex') : undefined;
    if (refreshToken) refreshTokens.add(refreshToken);
    json(res, 200, {
      id_token: await idToken(),
      access_token: 'not-used-here',
      expires_in: 3600,
      token_type: 'Bearer',
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    });
  }

  function idToken(): Promise<string> {
    return new SignJWT({
      ...claimsFor(opts.user),
      token_use: 'id',
      email: `${opts.user.sub}@example.kz`,
    })
      .setProtectedHeader({ alg: 'ES256', kid: KID })
      .setIssuer(url)
      .setAudience(opts.clientId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  }

  function authorize(query: URLSearchParams, res: ServerResponse): void {
    const redirectUri = query.get('redirect_uri');
    const challenge = query.get('code_challenge');
    if (
      query.get('response_type') !== 'code' ||
      query.get('client_id') !== opts.clientId ||
      query.get('code_challenge_method') !== 'S256' ||
      !redirectUri ||
      !challenge
    ) {
      json(res, 400, { error: 'invalid_request' });
      return;
    }
    const back = new URL(redirectUri);
    back.searchParams.set('code', issueCode(challenge, redirectUri));
    back.searchParams.set('state', tamper ? 'not-the-state-you-sent' : (query.get('state') ?? ''));
    tamper = false;
    res.writeHead(302, { Location: back.toString() });
    res.end();
  }

  const server: Server = createServer((req, res) => {
    if (opts.identity?.handle(req, res)) return;
    const reqUrl = new URL(req.url ?? '/', url);
    if (req.method === 'GET' && reqUrl.pathname === '/oauth2/authorize')
      return authorize(reqUrl.searchParams, res);
    if (req.method === 'POST' && reqUrl.pathname === '/oauth2/token')
      return void token(req, res).catch(() => json(res, 500, { error: 'server_error' }));
    const logoutUri = reqUrl.searchParams.get('logout_uri');
    if (req.method === 'GET' && reqUrl.pathname === '/logout' && logoutUri) {
      if (reqUrl.searchParams.get('client_id') !== opts.clientId)
        return json(res, 400, { error: 'invalid_request' });
      logouts++;
      res.writeHead(302, { Location: logoutUri });
      res.end();
      return;
    }
    if (req.method === 'GET' && reqUrl.pathname === '/.well-known/jwks.json')
      return json(res, 200, { keys: [publicJwk] });
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A test file that cannot stop it (the authorization matrix's rows) must not keep the process up.
  server.unref();
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    clientId: opts.clientId,
    verifier: () =>
      createTokenVerifier({
        issuer: url,
        audience: opts.clientId,
        keys: jwksFromUrl(`${url}/.well-known/jwks.json`),
      }),
    issueCode,
    get logouts() {
      return logouts;
    },
    tamperNextState: () => {
      tamper = true;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
