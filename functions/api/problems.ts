/**
 * Domain errors and their problem+json form (RFC 9457). Handlers throw these; the app's one
 * `onError` turns them into responses. Nothing else reaches a client: no stack traces.
 * Every problem carries a machine `code` from shared/problem-codes.ts (with `params`), and so does
 * every per-field error: clients switch on codes, never on the English text.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_TYPES, type Problem, type ProblemField } from '../../shared/problem';
import type { ProblemCode, ProblemParams } from '../../shared/problem-codes';

/** The machine reason of a problem: a catalogue code and the values a client needs to phrase it. */
export interface ProblemReason {
  code: ProblemCode;
  params?: ProblemParams;
}

/** The code a problem gets when its thrower named none, by status. */
const DEFAULT_CODES: Partial<Record<number, ProblemCode>> = {
  400: 'request.invalid',
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'resource.not_found',
  409: 'state.conflict',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  429: 'rate.limited',
  503: 'storage.unavailable',
};

export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly params?: ProblemParams;
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: string,
    readonly title: string,
    detail?: string,
    readonly errors?: ProblemField[],
    readonly headers: Record<string, string> = {},
    reason?: ProblemReason,
  ) {
    super(detail ?? title);
    this.code = reason?.code ?? DEFAULT_CODES[status] ?? 'internal.error';
    if (reason?.params) this.params = reason.params;
  }
}

export class ValidationError extends ProblemError {
  constructor(errors: ProblemField[], detail = 'The request has invalid fields.', reason?: ProblemReason) {
    super(
      400,
      PROBLEM_TYPES.validation,
      'Invalid request',
      detail,
      errors.map((e) => (e.code ? e : { ...e, code: 'field.invalid' })),
      {},
      reason,
    );
  }
}
/** One bad field with its code: the usual way a handler refuses a value the schema could not judge. */
export function fieldError(
  field: string,
  message: string,
  code: ProblemCode,
  params?: ProblemParams,
  where = 'json',
): ValidationError {
  return new ValidationError([{ in: where, field, message, code, ...(params ? { params } : {}) }]);
}
export class NotFoundError extends ProblemError {
  constructor(detail = 'No such resource.', reason?: ProblemReason) {
    super(404, PROBLEM_TYPES.notFound, 'Not found', detail, undefined, {}, reason);
  }
}
export class UnauthorizedError extends ProblemError {
  constructor(detail = 'Sign in to do this.', reason?: ProblemReason) {
    super(
      401,
      PROBLEM_TYPES.unauthorized,
      'Unauthorized',
      detail,
      undefined,
      { 'WWW-Authenticate': 'Bearer' },
      reason,
    );
  }
}
export class ForbiddenError extends ProblemError {
  constructor(detail = 'You may not do this.', reason?: ProblemReason) {
    super(403, PROBLEM_TYPES.forbidden, 'Forbidden', detail, undefined, {}, reason);
  }
}
export class ConflictError extends ProblemError {
  constructor(detail: string, reason?: ProblemReason) {
    super(409, PROBLEM_TYPES.conflict, 'Conflict', detail, undefined, {}, reason);
  }
}
export class PayloadTooLargeError extends ProblemError {
  constructor(detail = 'The request body is too large.', maxBytes?: number) {
    super(
      413,
      PROBLEM_TYPES.tooLarge,
      'Payload too large',
      detail,
      undefined,
      {},
      {
        code: 'request.too_large',
        ...(maxBytes === undefined ? {} : { params: { maxBytes } }),
      },
    );
  }
}
export class UnsupportedMediaTypeError extends ProblemError {
  constructor(expected = 'application/json') {
    super(
      415,
      PROBLEM_TYPES.unsupportedMediaType,
      'Unsupported media type',
      `Send the body as ${expected}.`,
      undefined,
      { Accept: expected },
      { code: 'request.unsupported_media_type', params: { expected } },
    );
  }
}
export class MalformedJsonError extends ProblemError {
  constructor(detail = 'The body is not well-formed JSON.', reason?: ProblemReason) {
    super(
      400,
      PROBLEM_TYPES.malformedJson,
      'Malformed JSON',
      detail,
      undefined,
      {},
      {
        code: 'request.malformed_json',
        ...reason,
      },
    );
  }
}
/** Which throttle refused: the policy's name and its window (functions/api/rate-policy.ts). */
export interface RatePolicyInfo {
  policy: string;
  limit: number;
  windowSeconds: number;
}
export class RateLimitedError extends ProblemError {
  constructor(retryAfterSeconds: number, policy?: RatePolicyInfo) {
    const retry = Math.max(1, Math.ceil(retryAfterSeconds));
    super(
      429,
      PROBLEM_TYPES.rateLimited,
      'Too many requests',
      'Slow down and try again later.',
      undefined,
      { 'Retry-After': String(retry) },
      { code: 'rate.limited', params: { ...(policy ?? {}), retryAfterSeconds: retry } },
    );
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
      { code: 'storage.unavailable', params: { retryAfterSeconds: 5 } },
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
          code: p.code,
          ...(p.params ? { params: p.params } : {}),
          ...(p.errors ? { errors: p.errors } : {}),
        }
      : p;
  const extra = p instanceof ProblemError ? p.headers : {};
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
    ...extra,
    ...headers,
  });
}
