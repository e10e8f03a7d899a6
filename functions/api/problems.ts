/**
 * Domain errors and their problem+json form (RFC 9457). Handlers throw these; the app's one
 * `onError` turns them into responses. Nothing else reaches a client: no stack traces.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_TYPES, type Problem, type ProblemField } from '../../shared/problem';

export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: string,
    readonly title: string,
    detail?: string,
    readonly errors?: ProblemField[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

export class ValidationError extends ProblemError {
  constructor(errors: ProblemField[], detail = 'The request has invalid fields.') {
    super(400, PROBLEM_TYPES.validation, 'Invalid request', detail, errors);
  }
}
export class NotFoundError extends ProblemError {
  constructor(detail = 'No such resource.') {
    super(404, PROBLEM_TYPES.notFound, 'Not found', detail);
  }
}
export class UnauthorizedError extends ProblemError {
  constructor(detail = 'Sign in to do this.') {
    super(401, PROBLEM_TYPES.unauthorized, 'Unauthorized', detail, undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  }
}
export class ForbiddenError extends ProblemError {
  constructor(detail = 'You may not do this.') {
    super(403, PROBLEM_TYPES.forbidden, 'Forbidden', detail);
  }
}
export class ConflictError extends ProblemError {
  constructor(detail: string) {
    super(409, PROBLEM_TYPES.conflict, 'Conflict', detail);
  }
}
/** A 409 with a machine-readable `code` (and params) for the state the resource is in. */
export class CodedConflictError extends ConflictError {
  constructor(
    detail: string,
    readonly code: string,
    readonly params: Record<string, string> = {},
  ) {
    super(detail);
  }
}
export class PayloadTooLargeError extends ProblemError {
  constructor(detail = 'The request body is too large.') {
    super(413, PROBLEM_TYPES.tooLarge, 'Payload too large', detail);
  }
}
export class RateLimitedError extends ProblemError {
  constructor(retryAfterSeconds: number) {
    super(429, PROBLEM_TYPES.rateLimited, 'Too many requests', 'Slow down and try again later.', undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }
}
export class StorageUnavailableError extends ProblemError {
  constructor() {
    super(
      503,
      PROBLEM_TYPES.unavailable,
      'Service unavailable',
      'Storage is not answering; try again shortly.',
      undefined,
      {
        'Retry-After': '5',
      },
    );
  }
}

const STORAGE_TROUBLE = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ResourceNotFoundException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** True when an error means "the store is unreachable or overloaded", not "the request is wrong". */
export function isStorageTrouble(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (e.name && STORAGE_TROUBLE.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (e instanceof AggregateError) return e.errors.some(isStorageTrouble);
  return e.cause ? isStorageTrouble(e.cause) : false;
}

export function problemResponse(c: Context, p: ProblemError | Problem, headers: Record<string, string> = {}) {
  const body: Problem =
    p instanceof ProblemError
      ? {
          type: p.type,
          title: p.title,
          status: p.status,
          detail: p.message,
          instance: new URL(c.req.url).pathname,
          ...(p.errors ? { errors: p.errors } : {}),
          ...(p instanceof CodedConflictError ? { code: p.code, params: p.params } : {}),
        }
      : p;
  const extra = p instanceof ProblemError ? p.headers : {};
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
    ...extra,
    ...headers,
  });
}
