/**
 * Runs the authorization matrix (see matrix.ts): collects rows/*.ts, checks that every route of the
 * app has exactly one row and declared its action with defineRoute, then sends each row's request
 * as every caller and every bad token and compares the status.
 */
import { base64url, exportSPKI, generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app';
import { routeActions } from '../../../functions/api/auth';
import type { AppDeps } from '../../../functions/api/env';
import { claimsFor } from '../../../functions/auth/claims';
import { batchPut } from '../../../functions/data/batch';
import { bodyRecord } from '../../../functions/data/bodies';
import type { Store } from '../../../functions/data/client';
import { DEMO_BODIES } from '../../../functions/demo/bodies';
import { forgetSignUp, testAuth } from '../../support/auth';
import { GENEROUS_RATE_LIMITS } from '../../support/fixtures';
import { keyed } from '../../support/keyed';
import { createTestStore } from '../../support/store';
import {
  BAD_TOKENS,
  type BadToken,
  CALLERS,
  type Caller,
  type MatrixContext,
  type MatrixRow,
  PASSES,
  PRINCIPALS,
  type Prepared,
  type RowsDeps,
} from './matrix';

const files = import.meta.glob<{ rows: MatrixRow[]; deps?: RowsDeps }>('./rows/*.ts', { eager: true });
const rows = Object.entries(files).flatMap(([file, m]) => m.rows.map((row) => ({ file, row })));

// Documentation routes, not resources.
const NOT_RESOURCES = new Set(['GET /api/openapi.json', 'GET /api/docs']);

const auth = await testAuth();
const now = () => new Date();
let store: Store;
let ctx: MatrixContext;
let tokens: Record<Exclude<Caller, 'anonymous'>, string>;
let badTokens: Record<BadToken, string>;

function appRoutes(app: ReturnType<typeof createApp>): string[] {
  const keys = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue;
    const key = `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`;
    if (!NOT_RESOURCES.has(key)) keys.add(key);
  }
  return [...keys].sort();
}

async function makeBadTokens(): Promise<Record<BadToken, string>> {
  const t = Math.floor(Date.now() / 1000);
  const strongest = { ...claimsFor(PRINCIPALS.admin), token_use: 'id' };
  const good: JWTPayload = { ...strongest, iss: auth.issuer, aud: auth.audience, iat: t, exp: t + 600 };
  const enc = (o: unknown) => base64url.encode(JSON.stringify(o));
  const other = await generateKeyPair('ES256');
  const spki = await exportSPKI((await importJWK(auth.publicJwk, 'ES256')) as CryptoKey);
  const [h, , s] = (await auth.sign({ ...good, 'cognito:groups': ['citizen'] })).split('.');
  return {
    garbled: 'not-a.jwt.at-all',
    expired: await auth.sign({ ...good, iat: t - 7200, exp: t - 3600 }),
    not_yet_valid: await auth.sign({ ...good, nbf: t + 3600 }),
    unsigned_alg_none: `${enc({ alg: 'none', typ: 'JWT' })}.${enc(good)}.`,
    hs256_public_key_as_secret: await new SignJWT(good)
      .setProtectedHeader({ alg: 'HS256', kid: auth.publicJwk.kid ?? '' })
      .sign(new TextEncoder().encode(spki)),
    wrong_key: await new SignJWT(good)
      .setProtectedHeader({ alg: 'ES256', kid: auth.publicJwk.kid ?? '' })
      .sign(other.privateKey),
    unknown_kid: await auth.sign(good, { kid: 'no-such-key' }),
    tampered_payload: `${h}.${enc(good)}.${s}`,
    wrong_issuer: await auth.sign({ ...good, iss: 'https://issuer.evil.example/pool' }),
    wrong_audience: await auth.sign({ ...good, aud: 'some-other-client' }),
  };
}

async function send(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  return ctx.app.request(path, init);
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const headersFor = (caller: Caller) => (caller === 'anonymous' ? {} : bearer(tokens[caller]));
const concretePath = (row: MatrixRow) => row.path ?? row.route.slice(row.route.indexOf(' ') + 1);
const methodOf = (row: MatrixRow) => row.route.slice(0, row.route.indexOf(' '));

beforeAll(async () => {
  store = await createTestStore('authz');
  await batchPut(
    store,
    DEMO_BODIES.map(({ id, name, area, parentId }) =>
      bodyRecord({ id, name, ...(area ? { area } : {}), ...(parentId ? { parentId } : {}) }),
    ),
  );
  let deps: Partial<AppDeps> = {};
  for (const m of Object.values(files)) if (m.deps) deps = { ...deps, ...(await m.deps(store)) };
  const app = keyed(
    createApp({ store, auth: auth.verifier, now, rateLimits: GENEROUS_RATE_LIMITS, ...deps }),
  );
  tokens = Object.fromEntries(
    await Promise.all(Object.entries(PRINCIPALS).map(async ([c, p]) => [c, await auth.tokenFor(p)])),
  );
  badTokens = await makeBadTokens();
  ctx = {
    store,
    app,
    auth,
    now,
    request: (caller, method, path, body) => send(headersFor(caller), method, path, body),
  };
});
afterAll(() => store?.raw.destroy());

describe('the matrix covers the API', () => {
  it('has a row for every route of the app', () => {
    const app = keyed(createApp({ store: {} as Store, auth: auth.verifier, now }));
    const covered = new Set(rows.map((r) => r.row.route));
    expect(appRoutes(app).filter((r) => !covered.has(r))).toEqual([]);
  });

  it('has no row for a route the app does not have', () => {
    const app = keyed(createApp({ store: {} as Store, auth: auth.verifier, now }));
    const routes = new Set(appRoutes(app));
    expect(rows.filter((r) => !routes.has(r.row.route)).map((r) => `${r.file}: ${r.row.route}`)).toEqual([]);
  });

  it('has one row per route', () => {
    const seen = rows.map((r) => r.row.route);
    expect(seen.filter((r, i) => seen.indexOf(r) !== i)).toEqual([]);
  });

  it('finds every route declared with defineRoute (so each has a policy action)', () => {
    const app = keyed(createApp({ store: {} as Store, auth: auth.verifier, now }));
    const declared = [...routeActions.keys()];
    const undeclared = appRoutes(app).filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return !declared.some((d) => {
        const [m, p] = d.split(' ') as [string, string];
        return m === method && path.endsWith(p);
      });
    });
    expect(undeclared).toEqual([]);
  });
});

/**
 * A row's resource, built by its setup, and whether every request sent to it so far was refused.
 * A refused request (401/403) is turned away before the handler changes anything, so the next caller
 * can be sent to the same resource in the same state as if it had been built for it alone; after a
 * request that got past authorization (it may have answered, deleted or redeemed it) the next caller
 * gets a fresh one. This keeps each row's setup from running for every caller (a fresh question or
 * comment is an audited transaction) while every request still meets a real resource.
 */
interface RowResource {
  prepared: Prepared;
  untouched: boolean;
}

async function resourceFor(
  row: MatrixRow,
  caller: Caller,
  held: { current?: RowResource },
): Promise<Prepared> {
  if (!row.setup) return {};
  if (!held.current?.untouched)
    held.current = { prepared: (await row.setup(ctx, caller)) ?? {}, untouched: true };
  // Until this request is answered with a refusal, nobody else may be sent to the resource.
  held.current.untouched = false;
  return held.current.prepared;
}

const refused = (status: number) => status === 401 || status === 403;

for (const { file, row } of rows) {
  describe(`${row.route} (${file.replace('./rows/', '')})`, () => {
    const held: { current?: RowResource } = {};
    for (const caller of CALLERS) {
      const expected = row.expect[caller];
      it(`as ${caller} → ${expected}`, async () => {
        const prepared = await resourceFor(row, caller, held);
        const res = await send(
          headersFor(caller),
          methodOf(row),
          prepared.path ?? concretePath(row),
          prepared.body ?? row.body,
        );
        if (held.current && refused(res.status)) held.current.untouched = true;
        // The erasure row removed this caller's acceptance with the account; the rows after it act
        // as the same users, signed up again as a returning user would be.
        if (row.route === 'DELETE /api/me' && caller !== 'anonymous' && res.status === 200)
          forgetSignUp(PRINCIPALS[caller].sub);
        const text = await res.text();
        if (expected === PASSES) expect([401, 403, 500], text).not.toContain(res.status);
        else expect(res.status, text).toBe(expected);
        if (res.status === 401 || res.status === 403)
          expect(res.headers.get('content-type')).toContain('application/problem+json');
      });
    }
    it(`refuses every bad token with ${row.badToken ?? 401}`, async () => {
      const prepared = await resourceFor(row, 'admin', held);
      const got: Record<string, number> = {};
      for (const kind of BAD_TOKENS) {
        const res = await send(
          bearer(badTokens[kind]),
          methodOf(row),
          prepared.path ?? concretePath(row),
          prepared.body ?? row.body,
        );
        got[kind] = res.status;
        if (res.status === 401) {
          expect(res.headers.get('content-type'), kind).toContain('application/problem+json');
          expect(res.headers.get('www-authenticate'), kind).toBe('Bearer');
        }
      }
      expect(got).toEqual(Object.fromEntries(BAD_TOKENS.map((k) => [k, row.badToken ?? 401])));
    });
  });
}
