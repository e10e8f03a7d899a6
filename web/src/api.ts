/**
 * The web's one way to call the API (the typed client in ./api/client.ts sends through `send` here).
 * Adds the signed-in user's token (set by the auth module), idempotency keys on creates, one retry of
 * a 5xx, and turns problem+json answers into ApiError with the problem's fields.
 */
import type { Problem, ProblemField } from '../../shared/problem';

/** Params a client needs to word a refusal in its own language (values are strings or numbers). */
type ProblemParams = Record<string, string | number>;

/**
 * A problem+json as it arrives: with the machine-readable `code` and `params` the refusals work adds
 * (optional, so a server without them still reads). The web words refusals from these, never from
 * the English `title`/`detail`/`message` (see problemText.ts).
 */
export interface WireProblem extends Problem {
  code?: string;
  params?: ProblemParams;
  errors?: (ProblemField & { code?: string; params?: ProblemParams })[];
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or bad. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

let tokenProvider: () => string | null = () => null;

export function setTokenProvider(provider: () => string | null): void {
  tokenProvider = provider;
}

export class ApiError extends Error {
  constructor(
    readonly problem: WireProblem,
    /** From the Retry-After header of a 429 or 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

/** Methods whose repeat has the effect of one call; a POST becomes so with its Idempotency-Key. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * The one transport of every API call (the typed client's and `api()`'s): adds the signed-in user's
 * token; gives every create (POST, and the PUT that records a session outcome) an Idempotency-Key, so the server applies it once; retries a 5xx
 * once, with the same key, when the repeat cannot apply the change twice.
 */
export async function send(request: Request): Promise<Response> {
  const token = tokenProvider();
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  if ((request.method === 'POST' || request.method === 'PUT') && !request.headers.has('Idempotency-Key')) {
    request.headers.set('Idempotency-Key', crypto.randomUUID());
  }
  const retryable = IDEMPOTENT.has(request.method) || request.headers.has('Idempotency-Key');
  const spare = retryable ? request.clone() : null;
  let res = await fetch(request);
  if (res.status >= 500 && spare) {
    await res.body?.cancel();
    res = await fetch(spare.clone());
  }
  // The same key while the first attempt still runs (it timed out on our side, or the server could
  // not yet tell whether it landed): that attempt owns the outcome, and waiting for it is the only
  // way to learn it without writing twice. A few waits of the server's Retry-After, then give up.
  for (let wait = 0; spare && wait < IN_PROGRESS_WAITS && (await isStillRunning(res)); wait++) {
    await res.body?.cancel();
    const seconds = Math.min(MAX_WAIT_SECONDS, parseRetryAfter(res.headers.get('Retry-After')) ?? 1);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    res = await fetch(spare.clone());
  }
  return res;
}

const IN_PROGRESS_WAITS = 4;
const MAX_WAIT_SECONDS = 8;

async function isStillRunning(res: Response): Promise<boolean> {
  if (res.status !== 409) return false;
  try {
    return ((await res.clone().json()) as WireProblem).code === 'idempotency.in_progress';
  } catch {
    return false;
  }
}

/** The ApiError for a response that is not ok (problem+json, or its status alone). */
export async function toApiError(res: Response): Promise<ApiError> {
  let problem: WireProblem;
  try {
    problem = (await res.json()) as WireProblem;
  } catch {
    problem = { type: 'about:blank', title: res.statusText, status: res.status };
  }
  return new ApiError(problem, parseRetryAfter(res.headers.get('Retry-After')));
}

/** An untyped call; new code uses the typed `client` from ./api/client instead. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body && typeof init.body === 'string' && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  const res = await send(new Request(new URL(path, location.href), { ...init, headers }));
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
