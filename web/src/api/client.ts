/**
 * The typed API client: paths, parameters, bodies and answers come from the types generated from
 * /api/openapi.json (./schema.d.ts, `npm run api:types`), so a response shape is never guessed.
 * Every call goes through `send` (token, idempotency key, one retry of a 5xx); `call` turns a
 * refusal into ApiError as `api()` does.
 */
import createClient from 'openapi-fetch';
import { ApiError, parseRetryAfter, send, type WireProblem } from '../api';
import type { paths } from './schema';

export const client = createClient<paths>({
  baseUrl: typeof location === 'undefined' ? 'http://localhost' : location.origin,
  fetch: send,
});

/** The data of a typed call, or ApiError thrown with the problem's fields. */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  const problem =
    error && typeof error === 'object' && 'type' in error
      ? (error as WireProblem)
      : { type: 'about:blank', title: response.statusText, status: response.status };
  throw new ApiError(problem, parseRetryAfter(response.headers.get('Retry-After')));
}
