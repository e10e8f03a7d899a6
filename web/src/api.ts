/**
 * The web's one way to call the API. Adds the signed-in user's token (set by the auth module) and
 * turns problem+json answers into ApiError with the problem's fields.
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

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = tokenProvider();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.body && typeof init.body === 'string' && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    let problem: WireProblem;
    try {
      problem = (await res.json()) as WireProblem;
    } catch {
      problem = { type: 'about:blank', title: res.statusText, status: res.status };
    }
    throw new ApiError(problem, parseRetryAfter(res.headers.get('Retry-After')));
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
