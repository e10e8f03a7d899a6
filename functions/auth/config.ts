/**
 * Sign-in configuration from the environment (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL), read once
 * and checked loudly: a half-configured issuer is an error, not a silent "everyone anonymous".
 */
import type { TokenVerifier } from '../api/env';
import { UnauthorizedError } from '../api/problems';
import { cognitoGroupsFor, type GroupDirectory } from './groups';
import { cognitoMfaCheckFor } from './mfa';
import { createTokenVerifier, jwksFromUrl } from './verify-token';

export interface AuthSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

const isLoopbackUrl = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

/** A URL setting: must parse, and use https unless it points at this machine. Throws naming `name`. */
export function checkedUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL, got "${value}".`);
  }
  if (url.protocol !== 'https:' && !isLoopbackUrl(url))
    throw new Error(`${name} must use https (plain http only on this machine), got "${value}".`);
  return url;
}

/** The settings, or null when sign-in is not configured at all. Throws on a partial or unsafe one. */
export function authSettingsFrom(env: Record<string, string | undefined>): AuthSettings | null {
  const issuer = env.AUTH_ISSUER?.replace(/\/+$/, '') || undefined;
  const audience = env.AUTH_AUDIENCE || undefined;
  if (!issuer && !audience) return null;
  if (!issuer || !audience) throw new Error('AUTH_ISSUER and AUTH_AUDIENCE must be set together.');
  const jwksUrl = env.AUTH_JWKS_URL || `${issuer}/.well-known/jwks.json`;
  checkedUrl('AUTH_ISSUER', issuer);
  checkedUrl('AUTH_JWKS_URL', jwksUrl);
  return { issuer, audience, jwksUrl };
}

/** Refuses every token: the app still serves public reads when sign-in is not configured. */
export const signInNotConfigured: TokenVerifier = {
  verify: async () => {
    throw new UnauthorizedError('Sign-in is not configured.');
  },
};

/** The verifier (and, for a Cognito issuer, the group directory) the cloud app runs with. */
export function cloudAuthFrom(env: Record<string, string | undefined>): {
  verifier: TokenVerifier;
  groups?: GroupDirectory;
} {
  const settings = authSettingsFrom(env);
  if (!settings) {
    console.error(
      JSON.stringify({ level: 'error', msg: 'AUTH_ISSUER/AUTH_AUDIENCE unset: every token is refused' }),
    );
    return { verifier: signInNotConfigured };
  }
  // Cognito's tokens say nothing of MFA: for its pools the pool is asked (./mfa.ts).
  const staffMfa = cognitoMfaCheckFor(settings.issuer);
  const verifier = createTokenVerifier({
    issuer: settings.issuer,
    audience: settings.audience,
    keys: jwksFromUrl(settings.jwksUrl),
    ...(staffMfa ? { staffMfa } : {}),
  });
  const groups = cognitoGroupsFor(settings.issuer);
  return { verifier, ...(groups ? { groups } : {}) };
}
