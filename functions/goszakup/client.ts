/**
 * The procurement portal's open API (OWS v3): GraphQL over POST with a Bearer token. This is the real
 * HTTP client; tests point it at a local stand-in that answers in the documented shapes.
 * Retries 429 and 5xx with exponential backoff (honouring Retry-After); a 401 is a token problem and
 * is reported in one line, never retried.
 */

export const DEFAULT_GOSZAKUP_URL = 'https://ows.goszakup.gov.kz/v3/graphql';

export class GoszakupError extends Error {
  constructor(
    message: string,
    readonly code: 'token' | 'schema' | 'http' | 'graphql',
  ) {
    super(message);
    this.name = 'GoszakupError';
  }
}

export interface PageInfo {
  hasNextPage: boolean;
  lastId: number | null;
  totalCount?: number;
}

export interface GraphqlResult<T> {
  data: T;
  pageInfo?: PageInfo;
}

export interface ClientOptions {
  url: string;
  token: string;
  maxAttempts?: number;
  /** First backoff; doubles each attempt (tests make it tiny). */
  baseDelayMs?: number;
  fetch?: typeof fetch;
  onRetry?: (status: number, attempt: number, delayMs: number) => void;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class GoszakupClient {
  readonly retries: number[] = [];
  constructor(private readonly opts: ClientOptions) {}

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult<T>> {
    const max = this.opts.maxAttempts ?? 6;
    const doFetch = this.opts.fetch ?? fetch;
    for (let attempt = 1; ; attempt++) {
      const res = await doFetch(this.opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${this.opts.token}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      if (res.status === 401 || res.status === 403) {
        throw new GoszakupError(
          `the portal refused the token (HTTP ${res.status}): it has expired or is wrong; set GOSZAKUP_TOKEN to a valid token`,
          'token',
        );
      }
      if ((res.status === 429 || res.status >= 500) && attempt < max) {
        const retryAfter = Number(res.headers.get('retry-after'));
        const delay =
          Number.isFinite(retryAfter) && retryAfter > 0
            ? retryAfter * 1000
            : (this.opts.baseDelayMs ?? 500) * 2 ** (attempt - 1);
        this.retries.push(res.status);
        this.opts.onRetry?.(res.status, attempt, delay);
        await res.body?.cancel();
        await pause(delay);
        continue;
      }
      if (!res.ok)
        throw new GoszakupError(`the portal answered HTTP ${res.status} after ${attempt} attempts`, 'http');
      const body = (await res.json()) as {
        data?: T;
        errors?: { message: string }[];
        extensions?: { pageInfo?: PageInfo };
      };
      if (body.errors?.length) {
        throw new GoszakupError(
          `the portal refused the query: ${body.errors.map((e) => e.message).join('; ')}`,
          'graphql',
        );
      }
      return {
        data: body.data as T,
        ...(body.extensions?.pageInfo ? { pageInfo: body.extensions.pageInfo } : {}),
      };
    }
  }
}
