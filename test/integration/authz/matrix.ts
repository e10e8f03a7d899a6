/**
 * The authorization matrix: every API route × every kind of caller → the status it must get.
 * Rows live in `rows/<feature>.ts` (export `rows: MatrixRow[]`); the runner (`matrix.test.ts`)
 * collects every file there, so a feature adds its rows without touching the runner. A route of
 * the app without a row fails the suite.
 */

import type { App } from '../../../functions/api/app';
import type { AppDeps } from '../../../functions/api/env';
import type { Store } from '../../../functions/data/client';
import { giveConsent } from '../../../functions/services/consents';
import { CONSENT_VERSIONS, type ConsentPurpose } from '../../../shared/consent-versions';
import type { Principal } from '../../../shared/users';
import type { TestAuth } from '../../support/auth';

/** Who calls: nobody, each role, and officials of the right body and of another body. */
export const CALLERS = [
  'anonymous',
  'citizen',
  'club_member',
  'club_secretary',
  'official',
  'official_other',
  'moderator',
  'admin',
] as const;
export type Caller = (typeof CALLERS)[number];

/** Tokens that must never be accepted, on any route (public ones too: a bad token is never "anonymous"). */
export const BAD_TOKENS = [
  'garbled',
  'expired',
  'not_yet_valid',
  'unsigned_alg_none',
  'hs256_public_key_as_secret',
  'wrong_key',
  'unknown_kid',
  'tampered_payload',
  'wrong_issuer',
  'wrong_audience',
] as const;
export type BadToken = (typeof BAD_TOKENS)[number];

/** The body whose official is `official`; `official_other` acts for OTHER_BODY. */
export const BODY = 'zha-roads';
export const OTHER_BODY = 'akimat-taraz';

export const PRINCIPALS: Record<Exclude<Caller, 'anonymous'>, Principal> = {
  citizen: { sub: 'mx-citizen', name: 'Matrix Citizen', roles: ['citizen'], bodies: [] },
  club_member: { sub: 'mx-member', name: 'Matrix Member', roles: ['citizen', 'club_member'], bodies: [] },
  club_secretary: {
    sub: 'mx-secretary',
    name: 'Matrix Secretary',
    roles: ['citizen', 'club_member', 'club_secretary'],
    bodies: [],
  },
  official: { sub: 'mx-official', name: 'Matrix Official', roles: ['citizen', 'official'], bodies: [BODY] },
  official_other: {
    sub: 'mx-official-other',
    name: 'Matrix Official Other',
    roles: ['citizen', 'official'],
    bodies: [OTHER_BODY],
  },
  moderator: { sub: 'mx-moderator', name: 'Matrix Moderator', roles: ['citizen', 'moderator'], bodies: [] },
  admin: { sub: 'mx-admin', name: 'Matrix Admin', roles: ['citizen', 'admin'], bodies: [] },
};

export interface MatrixContext {
  store: Store;
  app: App;
  auth: TestAuth;
  now: () => Date;
  /** Sends a request as `caller` (for setup that needs another user's action, e.g. a question to answer). */
  request(caller: Caller, method: string, path: string, body?: unknown): Promise<Response>;
}

export interface Prepared {
  /** Concrete path with sample parameters (overrides the row's `path`). */
  path?: string;
  body?: unknown;
}

/**
 * Any status except 401, 403 and 500: the caller got past authorization and the handler answered
 * sanely (the sample data decides the rest: 200, 400, 404, 409…). Prefer an exact status when the
 * row's setup makes the outcome certain.
 */
export const PASSES = 'passes' as const;
export type Expected = number | typeof PASSES;

export interface MatrixRow {
  /** "METHOD /api/path/{param}" exactly as in the OpenAPI document. */
  route: string;
  /** Concrete path with sample params; defaults to `route`'s path. */
  path?: string;
  body?: unknown;
  /**
   * Builds the resource for a caller's request, on the shared store; returns the path/body to use.
   * The runner reuses it for the next caller while every request to it was refused (401/403).
   */
  setup?(ctx: MatrixContext, caller: Caller): Promise<Prepared | undefined>;
  expect: Record<Caller, Expected>;
  /** What every bad token gets; 401 unless the row says otherwise. */
  badToken?: number;
}

/** A rows file may also contribute dependencies its routes need (e.g. a blob store). */
export type RowsDeps = (store: Store) => Partial<AppDeps> | Promise<Partial<AppDeps>>;

/** Same status for every caller (public reads). */
export function everyone(status: Expected): Record<Caller, Expected> {
  return Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, Expected>;
}

/**
 * `allowed` get `ok`; anonymous gets 401; every other signed-in caller 403. Override any cell
 * with `except`.
 */
export function only(
  allowed: readonly Caller[],
  ok: Expected,
  except: Partial<Record<Caller, Expected>> = {},
): Record<Caller, Expected> {
  const row = Object.fromEntries(
    CALLERS.map((c) => [c, c === 'anonymous' ? 401 : allowed.includes(c) ? ok : 403]),
  ) as Record<Caller, Expected>;
  return { ...row, ...except };
}

/** Every signed-in caller gets `ok`, anonymous 401. */
export function signedIn(ok: Expected, except: Partial<Record<Caller, Expected>> = {}) {
  return only(
    CALLERS.filter((c) => c !== 'anonymous'),
    ok,
    except,
  );
}

/**
 * A row's setup that records every matrix user's consent to `purpose` (issue 20: an e-mail address
 * or a Telegram link needs it). All at once: the runner reuses a setup after a refusal (anonymous).
 */
export function withConsent(purpose: ConsentPurpose): NonNullable<MatrixRow['setup']> {
  return async (ctx) => {
    await Promise.all(
      Object.values(PRINCIPALS).map((p) =>
        giveConsent(ctx.store, p.sub, purpose, CONSENT_VERSIONS[purpose], ctx.now()),
      ),
    );
    return undefined;
  };
}
