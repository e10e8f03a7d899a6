/**
 * What every deployment of the Hono app shares, whichever routes it carries: the dependencies on
 * `c.var`, the origin-secret gate, schema failures as problem+json, and the answers for unknown routes
 * and unexpected errors. The API (functions/api/api-app.ts) and Open311 (functions/api/open311-app.ts)
 * each mount their routes on one; `createApp` (functions/api/app.ts) mounts both for the local
 * server and the tests, the cloud runs each in its own function.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { TrieRouter } from 'hono/router/trie-router';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_TYPES, type ProblemField } from '../../shared/problem';
import { isProblemCode, type ProblemCode, type ProblemParams } from '../../shared/problem-codes';
import type { AppDeps, AppEnv } from './env';
import { requireOriginSecret } from './origin-secret';
import {
  isStorageTrouble,
  ProblemError,
  problemResponse,
  StorageUnavailableError,
  ValidationError,
} from './problems';

type ZodIssueLike = { path: PropertyKey[]; message: string; code?: string };

const num = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined);

/**
 * The machine code of one schema issue. A refinement names its own code with
 * `{ params: { code: 'date.invalid', ... } }`; zod's built-in checks map onto `field.*` codes.
 */
export function issueCode(zodIssue: ZodIssueLike): { code: ProblemCode; params?: ProblemParams } {
  const issue = zodIssue as ZodIssueLike & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { code: 'field.required' }
        : { code: 'field.invalid_type', params: { expected: String(issue.expected) } };
    case 'too_small': {
      const minimum = num(issue.minimum);
      return { code: 'field.too_small', ...(minimum === undefined ? {} : { params: { minimum } }) };
    }
    case 'too_big': {
      const maximum = num(issue.maximum);
      return { code: 'field.too_big', ...(maximum === undefined ? {} : { params: { maximum } }) };
    }
    case 'invalid_format':
      return { code: 'field.invalid_format', params: { format: String(issue.format) } };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'field.invalid_value' };
    case 'unrecognized_keys':
      return { code: 'field.unknown_keys', params: { keys: ((issue.keys as string[]) ?? []).join(',') } };
    case 'custom': {
      const { code, ...rest } = (issue.params ?? {}) as { code?: string } & ProblemParams;
      if (code && isProblemCode(code)) return { code, ...(Object.keys(rest).length ? { params: rest } : {}) };
      return { code: 'field.invalid' };
    }
    default:
      return { code: 'field.invalid' };
  }
}

export function issuesToFields(target: string, issues: readonly ZodIssueLike[]): ProblemField[] {
  return issues.map((i) => ({
    in: target,
    field: i.path.map(String).join('.') || '(body)',
    message: i.message,
    ...issueCode(i),
  }));
}

/** Methods whose body no route reads (the body limit leaves them alone). */
export const takesNoBody = (method: string) => method === 'GET' || method === 'HEAD';

/** An app with no routes yet: the middleware every request passes first, and the fallbacks. */
export function appShell(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    // Hono's default router compiles every route into one regular expression on the first request:
    // 15-80 ms of a Lambda's cold start for the API's routes. The trie router it falls back to for
    // paths a regular expression cannot take answers the same, with no build, at ~30 µs a request.
    router: new TrieRouter(),
    defaultHook: (result, c) => {
      if (!result.success) {
        const target = (result as { target?: string }).target ?? 'request';
        return problemResponse(c, new ValidationError(issuesToFields(target, result.error.issues)));
      }
    },
  });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  // Before anything else reads the request: a direct call to the execute-api address is refused.
  if (deps.originSecrets) app.use('*', requireOriginSecret(deps.originSecrets));
  app.notFound((c) =>
    problemResponse(c, {
      type: PROBLEM_TYPES.notFound,
      title: 'Not found',
      status: 404,
      detail: 'No such route.',
      code: 'route.not_found',
    }),
  );
  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(c, err);
    if (isStorageTrouble(err)) {
      // Every 503 is logged: it means a client was told to retry.
      console.error(
        JSON.stringify({
          level: 'warn',
          msg: 'storage-unavailable',
          status: 503,
          method: c.req.method,
          path: c.req.path,
          error: String(err),
        }),
      );
      return problemResponse(c, new StorageUnavailableError());
    }
    // Hono's own refusals (a body limit, a validator's media-type gate): the client's fault, so a 4xx
    // problem. Anything else unexpected, even a SyntaxError from deep inside, is ours: 500, logged.
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(
        c,
        new ProblemError(
          err.status as ContentfulStatusCode,
          PROBLEM_TYPES.validation,
          'Bad request',
          err.message,
        ),
      );
    }
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'unhandled',
        path: c.req.path,
        error: String(err),
        stack: (err as Error).stack,
      }),
    );
    return problemResponse(c, {
      type: PROBLEM_TYPES.internal,
      title: 'Internal error',
      status: 500,
      code: 'internal.error',
    });
  });

  return app;
}
