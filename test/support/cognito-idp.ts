/**
 * A stand-in for the far end of Cognito's user-pool API (`https://cognito-idp.<region>.amazonaws.com`),
 * for tests (the real one cannot run here): the JSON protocol as documented — `POST /`,
 * `Content-Type: application/x-amz-json-1.1`, `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`,
 * errors as 400 `{"__type": "<Exception>", "message": …}` with `x-amzn-ErrorType` — for the
 * operations the TOTP set-up uses, authorised by an access token in the body:
 *
 * - AssociateSoftwareToken → `{ SecretCode }` (a fresh base32 secret, pending: as documented, the
 *   app set up before keeps working until the new secret is verified);
 * - VerifySoftwareToken → `{ Status: "SUCCESS" }` for the current code of the pending secret (RFC 6238,
 *   functions/auth/totp.ts), which then replaces the old one; else 400 EnableSoftwareTokenMFAException
 *   ("Code mismatch"), as Cognito;
 * - SetUserMFAPreference → `{}`; refused (InvalidParameterException) before a verified token;
 * - an unknown access token → 400 NotAuthorizedException;
 * - AdminDeleteUser `{ UserPoolId, Username }` (an admin call, signed by IAM, not a user's token) →
 *   `{}`; a user the pool does not have → 400 UserNotFoundException ("User does not exist.").
 *
 * `adminGetUser(username)` answers like AdminGetUser's UserMFASettingList, for the API's staff check
 * (functions/auth/mfa.ts cognitoMfaCheck). Mount `handle` on any node:http server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchTotp, newTotpSecret } from '../../functions/auth/totp';

interface PoolUser {
  /** The verified secret, the one sign-in challenges check. */
  secret?: string;
  /** Associated, not yet verified. */
  pending?: string;
  verified: boolean;
  mfa: string[];
}

export interface CognitoIdpStandIn {
  /** An access token the pool accepts for `username`. */
  addAccessToken(token: string, username: string): void;
  adminGetUser(username: string): Promise<{ UserMFASettingList?: string[] }>;
  /** Whether a sign-in's SOFTWARE_TOKEN_MFA challenge would take `code` (the verified secret's). */
  acceptsCode(username: string, code: string): boolean;
  /** A user the pool holds (signed up through the managed login). */
  addUser(username: string): void;
  hasUser(username: string): boolean;
  /** The next call of `op` fails as the service does when it is down (500 InternalErrorException). */
  failNext(op: string): void;
  /** The operations called, in order (`AssociateSoftwareToken`, …). */
  readonly calls: string[];
  /** Answers a request if it is one of Cognito's; returns false to let the server answer otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** An answer: 200 with a body, or 400 with an exception name and message. */
type Reply = { ok: unknown } | { error: string; message: string };

function send(res: ServerResponse, reply: Reply): void {
  if ('ok' in reply) {
    res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(reply.ok));
    return;
  }
  res.writeHead(400, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-ErrorType': reply.error });
  res.end(JSON.stringify({ __type: reply.error, message: reply.message }));
}

export function cognitoIdpStandIn(opts: { now?: () => Date } = {}): CognitoIdpStandIn {
  const now = opts.now ?? (() => new Date());
  const tokens = new Map<string, string>();
  const users = new Map<string, PoolUser>();
  const calls: string[] = [];
  const userOf = (username: string): PoolUser => {
    const known = users.get(username);
    if (known) return known;
    const fresh: PoolUser = { verified: false, mfa: [] };
    users.set(username, fresh);
    return fresh;
  };

  const failing = new Set<string>();

  function answer(op: string, input: Record<string, unknown>): Reply {
    if (op === 'AdminDeleteUser') {
      const name = String(input.Username ?? '');
      if (typeof input.UserPoolId !== 'string' || !users.delete(name))
        return { error: 'UserNotFoundException', message: 'User does not exist.' };
      return { ok: {} };
    }
    const username = typeof input.AccessToken === 'string' ? tokens.get(input.AccessToken) : undefined;
    if (!username) return { error: 'NotAuthorizedException', message: 'Invalid Access Token' };
    const user = userOf(username);
    switch (op) {
      case 'AssociateSoftwareToken':
        user.pending = newTotpSecret();
        return { ok: { SecretCode: user.pending } };
      case 'VerifySoftwareToken': {
        const code = typeof input.UserCode === 'string' ? input.UserCode : '';
        if (!user.pending || !/^\d{6}$/.test(code) || matchTotp(user.pending, code, now()) === null)
          return {
            error: 'EnableSoftwareTokenMFAException',
            message: 'Code mismatch and fail enable Software Token MFA',
          };
        user.secret = user.pending;
        user.pending = undefined;
        user.verified = true;
        return { ok: { Status: 'SUCCESS' } };
      }
      case 'SetUserMFAPreference': {
        const settings = input.SoftwareTokenMfaSettings as { Enabled?: boolean } | undefined;
        if (settings?.Enabled) {
          if (!user.verified)
            return {
              error: 'InvalidParameterException',
              message: 'User has not verified software token mfa',
            };
          user.mfa = ['SOFTWARE_TOKEN_MFA'];
        }
        return { ok: {} };
      }
      default:
        return { error: 'UnknownOperationException', message: op };
    }
  }

  return {
    addUser: (username) => {
      userOf(username);
    },
    hasUser: (username) => users.has(username),
    failNext: (op) => {
      failing.add(op);
    },
    addAccessToken: (token, username) => {
      tokens.set(token, username);
    },
    adminGetUser: async (username) => {
      const mfa = users.get(username)?.mfa ?? [];
      return mfa.length ? { UserMFASettingList: [...mfa] } : {};
    },
    acceptsCode: (username, code) => {
      const secret = users.get(username)?.secret;
      return Boolean(secret && /^\d{6}$/.test(code) && matchTotp(secret, code, now()) !== null);
    },
    calls,
    handle(req, res) {
      const target = req.headers['x-amz-target'];
      if (req.method !== 'POST' || req.url !== '/' || typeof target !== 'string') return false;
      if (!target.startsWith(TARGET_PREFIX) || req.headers['content-type'] !== 'application/x-amz-json-1.1') {
        send(res, { error: 'UnknownOperationException', message: String(target) });
        return true;
      }
      const op = target.slice(TARGET_PREFIX.length);
      calls.push(op);
      if (failing.delete(op)) {
        res.writeHead(500, {
          'Content-Type': 'application/x-amz-json-1.1',
          'x-amzn-ErrorType': 'InternalErrorException',
        });
        res.end(JSON.stringify({ __type: 'InternalErrorException', message: 'Internal error' }));
        return true;
      }
      let raw = '';
      req.on('data', (d) => {
        raw += d;
      });
      req.on('end', () => {
        let input: Record<string, unknown> | null = null;
        try {
          input = JSON.parse(raw) as Record<string, unknown>;
        } catch {}
        send(res, input ? answer(op, input) : { error: 'SerializationException', message: 'not JSON' });
      });
      return true;
    },
  };
}
