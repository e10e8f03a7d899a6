/**
 * The edge of every JSON-body route, walked from the served OpenAPI document so a new route is
 * covered the day it is added: malformed JSON is a 400, a missing or wrong media type a 415, an
 * oversize body a 413, a lone UTF-16 surrogate a 400 — each problem+json with a stable `type` and
 * a machine `code`, and each documented on the operation. An internal fault is still a 500, logged.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, MAX_BODY_BYTES } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { PROBLEM_TYPES } from '../../shared/problem';
import { isProblemCode } from '../../shared/problem-codes';
import { ROLES } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { createTestStore } from '../support/store';

let store: Store;
let auth: TestAuth;
let headers: Record<string, string>;
beforeAll(async () => {
  store = await createTestStore('edge');
  auth = await testAuth();
  // Every role and a body, so authorization never answers before the body is looked at.
  headers = await auth.bearer(user('admin', { sub: 'edge-all', roles: [...ROLES], bodies: ['zha-roads'] }));
});
afterAll(() => store.raw.destroy());

const app = () => createApp({ store, auth: auth.verifier, now: () => new Date() });
const ULID = '01JD0000000000000000000000';

type Operation = { requestBody?: { content?: Record<string, unknown> }; responses: Record<string, unknown> };
type Doc = { paths: Record<string, Record<string, Operation>> };

async function jsonOperations(): Promise<{ method: string; path: string; url: string; op: Operation }[]> {
  const doc = (await (await app().request('/api/openapi.json')).json()) as Doc;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      // A JSON document; the import takes files (CSV or JSON packages) and reads its own bytes.
      .filter(([, op]) => Object.keys(op.requestBody?.content ?? {}).join() === 'application/json')
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        url: path.replace(/\{[^}]+\}/g, ULID),
        op,
      })),
  );
}

async function problemOf(res: Response) {
  expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  const body = (await res.json()) as {
    type: string;
    code: string;
    params?: Record<string, unknown>;
    errors?: { field: string; code: string }[];
  };
  expect(isProblemCode(body.code)).toBe(true);
  return body;
}

describe('every JSON-body route', () => {
  it('there are JSON-body routes to check (the walk is not empty)', async () => {
    expect((await jsonOperations()).length).toBeGreaterThanOrEqual(25);
  });

  it('answers malformed JSON with 400 request.malformed_json', async () => {
    for (const { method, url } of await jsonOperations()) {
      const res = await app().request(url, {
        method,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: '{',
      });
      expect(res.status, `${method} ${url}`).toBe(400);
      const p = await problemOf(res);
      expect(p.type).toBe(PROBLEM_TYPES.malformedJson);
      expect(p.code).toBe('request.malformed_json');
    }
  });

  it('answers a wrong media type with 415 naming application/json', async () => {
    for (const { method, url } of await jsonOperations()) {
      const res = await app().request(url, {
        method,
        headers: { ...headers, 'Content-Type': 'text/plain' },
        body: '{}',
      });
      expect(res.status, `${method} ${url}`).toBe(415);
      const p = await problemOf(res);
      expect(p.type).toBe(PROBLEM_TYPES.unsupportedMediaType);
      expect(p.params).toEqual({ expected: 'application/json' });
    }
  });

  it('answers a body without a media type with 415', async () => {
    for (const { method, url } of await jsonOperations()) {
      const res = await app().request(url, { method, headers, body: '{}' });
      expect(res.status, `${method} ${url}`).toBe(415);
      expect((await problemOf(res)).code).toBe('request.unsupported_media_type');
    }
  });

  it('answers an oversize body with 413 and the limit', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES + 10) });
    for (const { method, url } of await jsonOperations()) {
      const res = await app().request(url, {
        method,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: big,
      });
      expect(res.status, `${method} ${url}`).toBe(413);
      const p = await problemOf(res);
      expect(p.code).toBe('request.too_large');
      expect(p.params).toEqual({ maxBytes: MAX_BODY_BYTES });
    }
  });

  it('answers a lone UTF-16 surrogate with 400 naming the field', async () => {
    for (const { method, url } of await jsonOperations()) {
      const res = await app().request(url, {
        method,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: '{"text":"broken \\ud800 here"}',
      });
      expect(res.status, `${method} ${url}`).toBe(400);
      const p = await problemOf(res);
      expect(p.errors).toEqual([
        expect.objectContaining({ field: 'text', code: 'field.ill_formed_unicode' }),
      ]);
    }
  });

  it('documents 400, 413 and 415 as problem+json on each of them', async () => {
    for (const { method, path, op } of await jsonOperations()) {
      for (const status of ['400', '413', '415']) {
        const r = op.responses[status] as { content?: Record<string, unknown> } | undefined;
        expect(r?.content?.['application/problem+json'], `${method} ${path} ${status}`).toBeDefined();
      }
    }
  });
});

describe('the sign-in exchange, anonymous', () => {
  it('answers the body "{" with 400, not 500', async () => {
    const res = await app().request('/api/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(res.status).toBe(400);
  });
});

describe('schema refusals', () => {
  it('give every bad field a machine code', async () => {
    const res = await app().request('/api/me', {
      method: 'PATCH',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 42 }),
    });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.errors?.length).toBeGreaterThan(0);
    for (const e of p.errors ?? []) expect(isProblemCode(e.code)).toBe(true);
  });
});

describe('an internal fault', () => {
  it('is still a 500 (not a 400) even when it is a SyntaxError, and it is logged', async () => {
    const broken = {
      ...store,
      doc: {
        send: async () => {
          throw new SyntaxError('Unexpected token in a stored record');
        },
      },
    } as unknown as Store;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await createApp({ store: broken, auth: auth.verifier, now: () => new Date() }).request(
        `/api/items/${ULID}`,
      );
      expect(res.status).toBe(500);
      expect((await problemOf(res)).code).toBe('internal.error');
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('Unexpected token in a stored record'));
    } finally {
      logged.mockRestore();
    }
  });
});
