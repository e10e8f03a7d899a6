/**
 * Rate limits in one place: which create spends which limit (the numbers are in
 * data/rate-limits.ts, overridable per app through `deps.rateLimits`). Every create operation in
 * the OpenAPI document has a row here (test/integration/rate-limits.test.ts walks them), and handlers
 * spend their row with `spendRatePolicy` after the request has been validated, so a refused or
 * malformed request does not use up the caller's allowance.
 */
import type { Context } from 'hono';
import { consumeRate, DEFAULT_RATE_LIMITS, type RateLimitName } from '../data/rate-limits';
import type { AppEnv } from './env';
import { RateLimitedError } from './problems';

/** "METHOD /openapi/path" of every create → the limits it spends, all of them, in order. */
export const RATE_POLICY = {
  'POST /items/{id}/comments': ['comment'],
  'POST /comments/{commentId}/support': ['support'],
  'POST /comments/{commentId}/flags': ['flag'],
  'POST /content/{kind}/{id}/flags': ['flag'],
  'POST /uploads': ['upload'],
  'POST /items/{itemId}/questions': ['question_hour', 'question_day'],
  'POST /requests.json': ['open311'],
  'POST /requests.xml': ['open311'],
  'POST /items/{itemId}/visits': ['visit'],
  'POST /items/{itemId}/progress-updates': ['progress_update'],
  'POST /items/{itemId}/questions/{id}/escalations': ['escalation'],
  'PUT /me/email': ['email_address'],
  // Each setting of a body's mailbox mails a verification link: the same allowance as one's own address.
  'PUT /bodies/{bodyId}/mailbox': ['email_address'],
  'PUT /me/subscriptions/{kind}/{id}': ['subscription'],
  'POST /items/{itemId}/recommendations/{recId}/escalations': ['escalation'],
  'POST /sessions': ['club_edit'],
  'POST /sessions/{id}/entries': ['club_edit'],
  'POST /club/next-session/entries': ['club_edit'],
  'POST /sessions/{id}/agenda': ['club_edit'],
  'PUT /sessions/{id}/entries/{entryId}/outcome': ['club_edit'],
  'POST /club/impact': ['club_edit'],
  'POST /sessions/{id}/invitations': ['club_edit'],
  'POST /sessions/{id}/minutes/corrections': ['club_edit'],
  'POST /admin/bodies': ['admin_edit'],
  'POST /admin/open311-keys': ['admin_edit'],
  'POST /bodies/{bodyId}/templates': ['desk_edit'],
  'POST /items/{itemId}/questions/{id}/notes': ['desk_edit'],
  'POST /import': ['import'],
  'POST /exports': ['export'],
  'POST /items/{itemId}/flags/{code}/explanations': ['flag_explanation'],
} as const satisfies Record<string, readonly RateLimitName[]>;

export type RatePolicyRoute = keyof typeof RATE_POLICY;

/**
 * Counts one call of `subject` (a user's sub, or an Open311 key's digest) against every limit of
 * the route's row; 429 with Retry-After (the longest wait) when any is used up.
 */
export async function spendRatePolicy(
  c: Context<AppEnv>,
  route: RatePolicyRoute,
  subject: string,
): Promise<void> {
  let refused: { retry: number; name: RateLimitName; limit: number; windowSeconds: number } | undefined;
  for (const name of RATE_POLICY[route]) {
    const rule = { ...DEFAULT_RATE_LIMITS[name], ...c.var.deps.rateLimits?.[name] };
    const decision = await consumeRate(c.var.deps.store, subject, name, rule, c.var.deps.now());
    if (!decision.allowed && (!refused || decision.retryAfterSeconds > refused.retry))
      refused = { retry: decision.retryAfterSeconds, name, ...rule };
  }
  if (refused)
    throw new RateLimitedError(refused.retry, {
      policy: refused.name,
      limit: refused.limit,
      windowSeconds: refused.windowSeconds,
    });
}
