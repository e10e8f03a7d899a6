/**
 * The API's own `execute-api` address is public, and an HTTP API cannot take a WAF: a caller going
 * there directly would skip CloudFront's WAF and rate rules. CloudFront adds a secret header to
 * every request it sends to the API (infra/constructs/web.ts); in the cloud the app answers 403 to
 * any request without it. Two values are accepted, the current and the previous one, so the secret
 * can be rotated without a window of refusals (infra/README.md, "Rotating the origin secret").
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { PROBLEM_TYPES } from '../../shared/problem';
import { problemResponse } from './problems';

export const ORIGIN_SECRET_HEADER = 'x-origin-verify';

/** The accepted values from ORIGIN_SECRET (current) and ORIGIN_SECRET_PREVIOUS; empty ones are ignored. */
export function originSecretsFrom(env: Record<string, string | undefined>): string[] {
  return [env.ORIGIN_SECRET, env.ORIGIN_SECRET_PREVIOUS].filter((v): v is string => Boolean(v));
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function requireOriginSecret(secrets: readonly string[]): MiddlewareHandler {
  if (secrets.length === 0) throw new Error('requireOriginSecret needs at least one secret');
  return async (c, next) => {
    const sent = c.req.header(ORIGIN_SECRET_HEADER);
    if (sent && secrets.some((s) => equal(s, sent))) return next();
    return problemResponse(c, {
      type: PROBLEM_TYPES.forbidden,
      title: 'Forbidden',
      status: 403,
      detail: 'Requests reach the API through the site only.',
      code: 'request.not_via_site',
    });
  };
}
