/**
 * Per-user rate limits as fixed-window counters in the table. Each window is one record that
 * DynamoDB deletes by itself after the window (TTL on `expiresAt`), so counters never pile up.
 *   counter   pk RATE#<sub>#<action>   sk <window start, epoch seconds>   (the `rateWindow` entity)
 */
import type { Store } from './client';
import { entitiesOf, go } from './schema';
import { isTransient } from './transaction';

/** A lost count is worse than a rare double count: transient errors are retried a few times. */
async function retryTransient<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isTransient(err) || attempt >= 6) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 50 * 2 ** attempt));
    }
  }
}

export interface RateLimit {
  /** How many calls a user may make in one window. */
  limit: number;
  windowSeconds: number;
}

export type RateLimitName =
  | 'comment'
  | 'flag'
  | 'upload'
  | 'support'
  | 'question_hour'
  | 'question_day'
  | 'open311'
  | 'visit'
  | 'progress_update'
  | 'escalation'
  | 'email_address'
  | 'subscription'
  | 'club_edit'
  | 'admin_edit'
  | 'desk_edit'
  | 'import'
  | 'export'
  | 'flag_explanation';

/** The numbers; which create spends which is the policy table in functions/api/rate-policy.ts. */
export const DEFAULT_RATE_LIMITS: Record<RateLimitName, RateLimit> = {
  comment: { limit: 10, windowSeconds: 60 },
  flag: { limit: 30, windowSeconds: 3600 },
  upload: { limit: 30, windowSeconds: 3600 },
  support: { limit: 120, windowSeconds: 3600 },
  // Each question starts a legal clock at a body: a few an hour, a working day's worth a day.
  question_hour: { limit: 5, windowSeconds: 3600 },
  question_day: { limit: 20, windowSeconds: 86_400 },
  // Per Open311 API key (a client app speaks for many people, so more than one person's share).
  open311: { limit: 60, windowSeconds: 3600 },
  // A monitoring day covers a handful of sites; offline drafts arrive together when back in town.
  visit: { limit: 30, windowSeconds: 86_400 },
  // An official reports progress on their body's items: a busy day has a few dozen.
  progress_update: { limit: 60, windowSeconds: 86_400 },
  // A complaint is printed and posted by hand: a few a day is plenty.
  escalation: { limit: 10, windowSeconds: 86_400 },
  // Each new address sends a verification mail to someone who may not want it.
  email_address: { limit: 5, windowSeconds: 86_400 },
  // Following areas, bodies and contractors: a user sets these up once, not by the hundred.
  subscription: { limit: 60, windowSeconds: 3600 },
  // The secretary builds an agenda in many small saves before a session: generous, but a runaway
  // script or a stolen session still cannot write thousands of audited records an hour.
  club_edit: { limit: 300, windowSeconds: 3600 },
  // Bodies are set up once per region; a few dozen an hour covers a whole akimat's structure.
  admin_edit: { limit: 60, windowSeconds: 3600 },
  // An official's templates and internal notes: a busy desk day, not a flood.
  desk_edit: { limit: 120, windowSeconds: 3600 },
  // Each import may write thousands of audited records; files arrive a few times a day.
  import: { limit: 20, windowSeconds: 86_400 },
  // A new export job reads up to 100,000 items (files are shared by equal requests, which spend nothing).
  export: { limit: 20, windowSeconds: 3600 },
  // An official answers for a body's flags; a few dozen a day covers a body's flagged items.
  flag_explanation: { limit: 30, windowSeconds: 86_400 },
};

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one call of `sub` for `name`; refuses (without undoing) once the window is full. */
export async function consumeRate(
  store: Store,
  sub: string,
  name: RateLimitName,
  rule: RateLimit,
  now: Date,
): Promise<RateDecision> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
  const windowEnd = windowStart + rule.windowSeconds;
  const res = await retryTransient(() =>
    go(
      entitiesOf(store)
        .rateWindow.update({ sub, action: name, windowStart: String(windowStart) })
        .add({ count: 1 })
        // The same value on every call of the window, so setting it again changes nothing.
        .set({ expiresAt: windowEnd + 60 })
        .go({ response: 'updated_new' }),
    ),
  );
  const count = Number(res.data?.count ?? 0);
  if (count <= rule.limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, windowEnd - nowSeconds) };
}
