/**
 * Idempotent creates. Every route that creates something is declared with `defineCreate` instead of
 * `defineRoute`: it documents the `Idempotency-Key` header and wraps the handler so that
 *
 * - the same key again (same caller, same route, same request) answers the first result, byte for byte;
 * - the same key with another request body answers 422 `idempotency.key_reused`;
 * - the same key while the first request still runs answers 409 `idempotency.in_progress` + Retry-After;
 * - a missing key answers 400 `idempotency.key_missing` (Open311 clients may omit it);
 * - a storage timeout after the write was sent is resolved by reading the key's record back: the
 *   stored response when the write landed, otherwise the claim is fenced (no late landing) and only
 *   then 503 + Retry-After.
 *
 * Handlers whose create is a DynamoDB transaction put `completeOp(...)` into it (see `idempotencyOf`),
 * so the key record and the create commit together. Other handlers are completed after they answer.
 */
import { createHash } from 'node:crypto';
import type { RouteConfig } from '@hono/zod-openapi';
import canonicalize from 'canonicalize';
import type { Context, MiddlewareHandler } from 'hono';
import type { Action } from '../../shared/policy';
import { PROBLEM_TYPES, type Problem } from '../../shared/problem';
import {
  claimIdempotencyKey,
  completeIdempotencyOp,
  fenceIdempotencyClaim,
  type IdempotencyClaim,
  IdempotencyFencedError,
  type StoredResponse,
} from '../data/idempotency';
import { type TransactOp, transact } from '../data/transaction';
import { blockOf } from '../services/moderation';
import { defineRoute } from './auth';
import type { AppEnv } from './env';
import { ProblemSchema } from './openapi';
import { ForbiddenError, isStorageTrouble, problemResponse } from './problems';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Machine-readable codes of the problems this module answers. */
export const IDEMPOTENCY_CODES = {
  missing: 'idempotency.key_missing',
  invalid: 'idempotency.key_invalid',
  reused: 'idempotency.key_reused',
  inProgress: 'idempotency.in_progress',
} as const;
export const IDEMPOTENCY_PROBLEM_TYPE = '/problems/idempotency';

/** Keys are opaque to the server: any 1–255 visible ASCII characters (a UUID is typical). */
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/** A problem with a machine code (`code`; the web shows it in kk/ru/en), answered by the wrapper itself. */
function idempotencyProblem(
  c: Context,
  status: number,
  code: string,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): Response {
  const body: Problem & { code: string } = {
    type: status === 400 ? PROBLEM_TYPES.validation : IDEMPOTENCY_PROBLEM_TYPE,
    title,
    status,
    detail,
    instance: c.req.path,
    code,
    ...(status === 400 ? { errors: [{ in: 'header', field: IDEMPOTENCY_HEADER, message: detail }] } : {}),
  };
  return problemResponse(c, body, headers);
}

/** Every create route's "METHOD /path", for the test that walks the OpenAPI document. */
export const createRoutes = new Set<string>();

/** The handle a create handler uses to commit its key in its own transaction. */
export interface IdempotencyHandle {
  /** The op completing the key with this response; the handler returns exactly this response. */
  completeOp(status: number, body: unknown, location?: string): TransactOp;
}

interface IdempotencyState {
  claim: IdempotencyClaim;
  /** Set when the handler put the completion into its transaction. */
  inTransaction: boolean;
}

const STATE = new WeakMap<Context, IdempotencyState>();

/** The idempotency handle of the current create request, or undefined when it carries no key. */
export function idempotencyOf(c: Context<AppEnv>): IdempotencyHandle | undefined {
  const state = STATE.get(c);
  if (!state) return undefined;
  return {
    completeOp(status, body, location) {
      state.inTransaction = true;
      return completeIdempotencyOp(c.var.deps.store, state.claim, {
        status,
        body: JSON.stringify(body),
        contentType: 'application/json',
        ...(location ? { location } : {}),
      });
    },
  };
}

/** The extra transaction ops of a create: the key's completion when the request has one. */
export function completionOps(c: Context<AppEnv>, status: number, body: unknown): TransactOp[] {
  const handle = idempotencyOf(c);
  return handle ? [handle.completeOp(status, body)] : [];
}

async function requestHash(c: Context): Promise<string> {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const h = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`);
  const ct = c.req.header('Content-Type') ?? '';
  if (ct.includes('json')) {
    // Key order and whitespace do not make a different request.
    try {
      return h.update(canonicalize(JSON.parse(new TextDecoder().decode(raw))) ?? '').digest('hex');
    } catch {
      // Malformed JSON: hash the bytes; validation answers it anyway.
    }
  }
  return h.update(raw).digest('hex');
}

function callerScope(c: Context<AppEnv>, routeKey: string, rawApiKey: string | undefined): string {
  const user = c.var.user;
  const who = user
    ? `user:${user.sub}`
    : `anon:${createHash('sha256')
        .update(rawApiKey ?? '')
        .digest('hex')
        .slice(0, 32)}`;
  return `${who}|${routeKey}`;
}

function replay(stored: StoredResponse): Response {
  return new Response(stored.body === '' ? null : stored.body, {
    status: stored.status,
    headers: {
      'Content-Type': stored.contentType,
      'Idempotent-Replayed': 'true',
      ...(stored.location ? { Location: stored.location } : {}),
    },
  });
}

function log503(c: Context, reason: string, err?: unknown): void {
  console.error(
    JSON.stringify({
      level: 'warn',
      msg: 'storage-unavailable',
      status: 503,
      reason,
      method: c.req.method,
      path: c.req.path,
      ...(err ? { error: String(err) } : {}),
    }),
  );
}

export interface CreateOptions {
  /** Open311 (GeoReport v2) clients may omit the key; everything under /api must send one. */
  keyOptional?: boolean;
}

/** The middleware behind `defineCreate`. */
export function idempotent(routeKey: string, opts: CreateOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // A blocked user's creates are refused here, the one door every create goes through.
    const user = c.var.user;
    if (user) {
      const block = await blockOf(c.var.deps.store, user.sub, c.var.deps.now());
      if (block.blocked)
        throw new ForbiddenError(
          `You are blocked from creating content${block.until ? ` until ${block.until}` : ''}: ${block.reason ?? ''}`,
          { code: 'user.blocked', params: { until: block.until ?? 'none' } },
        );
    }
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) {
      if (opts.keyOptional) return next();
      return idempotencyProblem(
        c,
        400,
        IDEMPOTENCY_CODES.missing,
        'Idempotency-Key required',
        'Send an Idempotency-Key header (a fresh UUID per intended create; the same one when retrying).',
      );
    }
    if (!KEY_PATTERN.test(key)) {
      return idempotencyProblem(
        c,
        400,
        IDEMPOTENCY_CODES.invalid,
        'Invalid Idempotency-Key',
        'An Idempotency-Key is 1–255 visible ASCII characters.',
      );
    }
    const hash = await requestHash(c);
    // Open311 callers are anonymous: their API key (query or form field) is the caller.
    let apiKey = c.req.query('api_key');
    if (!c.var.user && !apiKey && (c.req.header('Content-Type') ?? '').includes('form-urlencoded')) {
      apiKey =
        new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer())).get('api_key') ?? undefined;
    }
    const store = c.var.deps.store;
    const outcome = await claimIdempotencyKey(store, callerScope(c, routeKey, apiKey), key, hash);
    if (outcome.kind === 'replay') {
      c.res = replay(outcome.response);
      return;
    }
    if (outcome.kind === 'mismatch') {
      return idempotencyProblem(
        c,
        422,
        IDEMPOTENCY_CODES.reused,
        'Idempotency-Key reused',
        'This key was used for a different request; use a new key for a new create.',
      );
    }
    if (outcome.kind === 'in_progress') {
      return idempotencyProblem(
        c,
        409,
        IDEMPOTENCY_CODES.inProgress,
        'Request in progress',
        'A request with this key is still running; retry after a moment.',
        { 'Retry-After': String(outcome.retryAfterSeconds) },
      );
    }
    const state: IdempotencyState = { claim: outcome.claim, inTransaction: false };
    STATE.set(c, state);
    await next();
    const err = c.error;
    if (err && (isStorageTrouble(err) || err instanceof IdempotencyFencedError)) {
      // The write may or may not have landed: read back, never guess.
      try {
        const landed = await fenceIdempotencyClaim(store, state.claim);
        if (landed) {
          c.res = replay(landed);
          c.error = undefined;
          return;
        }
        if (err instanceof IdempotencyFencedError) {
          // Another request with this key took over: it owns the outcome.
          c.error = undefined;
          c.res = idempotencyProblem(
            c,
            409,
            IDEMPOTENCY_CODES.inProgress,
            'Request in progress',
            'Another request with this key is running; retry after a moment.',
            { 'Retry-After': '1' },
          );
          return;
        }
        log503(c, 'write certainly not applied (claim fenced)', err);
      } catch (fenceErr) {
        // Cannot even read back: the claim stays pending; a retry after its lease takes it over.
        log503(c, 'read-back failed; claim left pending', fenceErr);
      }
      return;
    }
    const status = c.res.status;
    if (status >= 200 && status < 300) {
      if (state.inTransaction) return;
      const body = await c.res.clone().text();
      const location = c.res.headers.get('Location') ?? undefined;
      try {
        await transact(store, [
          completeIdempotencyOp(store, state.claim, {
            status,
            body,
            contentType: c.res.headers.get('Content-Type') ?? 'application/json',
            ...(location ? { location } : {}),
          }),
        ]);
      } catch (completeErr) {
        // The create happened; only its key record is missing. Answer the create (the client
        // has its result); a retry after the lease would repeat it, so say so loudly.
        console.error(
          JSON.stringify({
            level: 'error',
            msg: 'idempotency-complete-failed',
            path: c.req.path,
            error: String(completeErr),
          }),
        );
      }
      return;
    }
    // A refusal (4xx) or a fault: the key is released so the corrected request may use it.
    try {
      await fenceIdempotencyClaim(store, state.claim);
    } catch {
      // The lease expires on its own.
    }
  };
}

/** The OpenAPI description of the header, added to every create operation. */
function headerParameter(optional: boolean) {
  return {
    name: IDEMPOTENCY_HEADER,
    in: 'header' as const,
    required: !optional,
    description:
      'A fresh unique value (e.g. a UUID) per intended create; repeat it when retrying. Kept 24 h per caller ' +
      'and route. Same key again: the first result. Same key, other body: 422 `idempotency.key_reused`. ' +
      'Same key while the first runs: 409 `idempotency.in_progress` with Retry-After.',
    schema: { type: 'string' as const, minLength: 1, maxLength: 255 },
  };
}

/**
 * `defineRoute` for a create: the route also takes (and documents) an `Idempotency-Key`, and its
 * handler runs inside the idempotency wrapper. Use it for every route that creates a record.
 */
export function defineCreate<R extends RouteConfig>(action: Action, config: R, opts: CreateOptions = {}) {
  const routeKey = `${config.method.toUpperCase()} ${config.path}`;
  createRoutes.add(routeKey);
  const existing = (config as { parameters?: unknown[] }).parameters ?? [];
  const responses = {
    ...config.responses,
    ...(config.responses[409]
      ? {}
      : { 409: problemDoc('Conflict, or a request with this key still running') }),
    ...(config.responses[422] ? {} : { 422: problemDoc('Idempotency-Key reused with another request') }),
  };
  return defineRoute(action, {
    ...config,
    responses,
    parameters: [...existing, headerParameter(opts.keyOptional ?? false)],
    // The wrapper comes last, right around the handler: the route's own checks of the request (the
    // import's size limit, which reads the body stream itself) run first, so a refused request
    // claims no key and the wrapper hashes a body that has already passed them.
    middleware: [
      ...((config.middleware as MiddlewareHandler[] | undefined) ?? []),
      idempotent(routeKey, opts),
    ],
  } as R);
}

function problemDoc(description: string) {
  return {
    description,
    content: { 'application/problem+json': { schema: ProblemSchema } },
  };
}
