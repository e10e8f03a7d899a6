/**
 * A bounded fuzz of the whole API, walked from the served OpenAPI document so a new operation is
 * fuzzed the day it is added: for every operation and two callers (anonymous, and a user
 * holding every role), requests with hostile path and query values and bodies generated from
 * the operation's own schema, then mutated. Whatever a client sends, the answer is never a 5xx,
 * and every refusal is problem+json with a catalogued code.
 *
 * The generator is seeded, so a failure names a request that fails again on the next run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { createLocalBlobStore } from '../../functions/blobs/local';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { type LocalFeed, startLocalFeed } from '../../functions/feed/local';
import { isProblemCode } from '../../shared/problem-codes';
import { ROLES } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

let store: Store;
let auth: TestAuth;
let dir: string;
let itemId: string;
let feed: LocalFeed;
beforeAll(async () => {
  store = await createTestStore('fuzz');
  auth = await testAuth();
  dir = await mkdtemp(join(tmpdir(), 'obm-fuzz-'));
  // One real item, so half the requests get past "not found" into the handlers' own checks.
  const item = sampleItem();
  await putItem(store, item);
  itemId = item.id;
  // The map and the agenda candidates read the map feed, as they do under `npm start`.
  feed = await startLocalFeed({ store, pollMs: 60_000 });
});
afterAll(async () => {
  await feed.stop();
  store.raw.destroy();
  await rm(dir, { recursive: true, force: true });
});

const app = () =>
  createApp({
    store,
    auth: auth.verifier,
    now: () => new Date(),
    feed: feed.reader,
    blobs: createLocalBlobStore(dir),
  });

/** A small deterministic PRNG (mulberry32): the same seed gives the same requests. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values that have broken parsers elsewhere: impossible dates, lone surrogates, huge numbers. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '../../etc/passwd',
  'x'.repeat(5000),
  '\u0000',
  '\uD800',
  '2027-02-30',
  '2026-13-45T25:61',
  '-1',
  '1e309',
  'NaN',
  'null',
  '{"a":',
  '<script>alert(1)</script>',
  'Жаңатас 🏗️',
  '01JD0000000000000000000000',
];
/** Path segments as a client can put them on the wire, percent-encoding included (or broken). */
const HOSTILE_SEGMENTS = [
  ...HOSTILE_STRINGS.filter((v) => v !== '\uD800' && v !== '').map(encodeURIComponent),
  '%ED%A0%80',
  '%',
  '%zz',
  '%2e%2e',
  '..',
];
const HOSTILE_VALUES: unknown[] = [null, true, -1, 1e308, 0.1, [], {}, [null], { __proto__: { x: 1 } }];

function resolve(doc: Doc, s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; cur.$ref && i < 20; i++) cur = doc.components?.schemas?.[cur.$ref.split('/').pop()!] ?? {};
  return cur;
}

/** A value that fits `schema` most of the time, and a hostile one now and then. */
function generate(doc: Doc, schema: Schema | undefined, rnd: () => number, depth = 0): unknown {
  const s = resolve(doc, schema);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  if (rnd() < 0.12 || depth > 5) return pick([...HOSTILE_VALUES, ...HOSTILE_STRINGS]);
  const variants = s.oneOf ?? s.anyOf;
  if (variants) return generate(doc, pick(variants), rnd, depth + 1);
  if (s.allOf) {
    const parts = s.allOf.map((p) => generate(doc, p, rnd, depth + 1));
    return Object.assign(
      {},
      ...parts.filter((p) => typeof p === 'object' && p !== null && !Array.isArray(p)),
    );
  }
  if (s.enum) return rnd() < 0.8 ? pick(s.enum) : pick(HOSTILE_STRINGS);
  const type = Array.isArray(s.type) ? pick(s.type) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if (s.required?.includes(k) ? rnd() < 0.93 : rnd() < 0.5) out[k] = generate(doc, v, rnd, depth + 1);
      if (rnd() < 0.1) out.unexpected = pick(HOSTILE_STRINGS);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.floor(rnd() * 4) }, () => generate(doc, s.items, rnd, depth + 1));
    case 'integer':
    case 'number':
      return pick([0, 1, 7, 100, -5, 2 ** 53 + 1, 3.5, 1e21]);
    case 'boolean':
      return rnd() < 0.5;
    case 'string':
      if (s.format === 'date') return pick(['2026-05-14', '2027-02-30', '2026-1-1']);
      if (s.format === 'date-time') return pick(['2026-05-14T10:00:00Z', '2027-02-30T15:00', 'yesterday']);
      if (s.format === 'uri') return pick(['https://example.kz/a', 'javascript:alert(1)', 'ftp://x']);
      return rnd() < 0.6 ? pick(['Жол жөндеу', 'Ремонт', 'ok', itemId, 'zha-roads']) : pick(HOSTILE_STRINGS);
    default:
      return pick([...HOSTILE_VALUES, ...HOSTILE_STRINGS]);
  }
}

interface FuzzRequest {
  label: string;
  url: string;
  init: RequestInit;
}

function requestsFor(
  doc: Doc,
  path: string,
  method: string,
  op: Operation,
  rnd: () => number,
): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  for (let variant = 0; variant < 2; variant++) {
    const url = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      variant === 0 && /item/i.test(name)
        ? itemId
        : HOSTILE_SEGMENTS[Math.floor(rnd() * HOSTILE_SEGMENTS.length)]!,
    );
    const query = new URLSearchParams();
    for (const p of op.parameters ?? [])
      if (p.in === 'query' && rnd() < 0.6) {
        const v = generate(doc, p.schema, rnd);
        query.set(p.name, typeof v === 'string' ? v : JSON.stringify(v));
      }
    const headers: Record<string, string> = {};
    if (rnd() < 0.7) headers['Idempotency-Key'] = rnd() < 0.9 ? `fuzz-${Math.floor(rnd() * 1e9)}` : '\u00ff';
    let body: string | undefined;
    const json = op.requestBody?.content?.['application/json'];
    if (json) {
      headers['Content-Type'] = rnd() < 0.9 ? 'application/json' : 'text/plain';
      body = rnd() < 0.85 ? JSON.stringify(generate(doc, json.schema, rnd)) : '{"truncated": [1, 2';
    } else if (op.requestBody?.content) {
      headers['Content-Type'] = Object.keys(op.requestBody.content)[0]!;
      body = rnd() < 0.5 ? 'a,b\n1,"2' : '\u0000\u0001';
    }
    const qs = query.toString();
    out.push({
      label: `${method.toUpperCase()} ${url}${qs ? `?${qs}` : ''} ${body?.slice(0, 200) ?? ''}`,
      url: `${url}${qs ? `?${qs}` : ''}`,
      init: { method: method.toUpperCase(), headers, ...(body !== undefined ? { body } : {}) },
    });
  }
  return out;
}

describe('the API under a bounded fuzz from its own OpenAPI document', () => {
  it('never answers 5xx, and every refusal is problem+json with a catalogued code', async () => {
    const doc = (await (await app().request('/api/openapi.json')).json()) as Doc;
    // Anonymous (refused early) and a user holding every role (let through to the handlers'
    // own checks, where the input is parsed and used); a plain citizen's refusals sit between.
    const callers = [
      async () => ({}),
      async (i: number) =>
        auth.bearer(user('admin', { sub: `fuzz-all-${i}`, roles: [...ROLES], bodies: ['zha-roads'] })),
    ];
    const rnd = prng(20261201);
    const failures: string[] = [];
    let sent = 0;
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        // Each request its own caller id, so rate limits do not end the walk early.
        const batch = callers.flatMap((caller) =>
          requestsFor(doc, path, method, op, rnd).map((r) => ({ r, caller })),
        );
        await Promise.all(
          batch.map(async ({ r, caller }) => {
            const n = sent++;
            const headers = { ...(r.init.headers as Record<string, string>), ...(await caller(n)) };
            const res = await app().request(r.url, { ...r.init, headers });
            if (res.status >= 500)
              failures.push(`${res.status} ${r.label}: ${(await res.text()).slice(0, 300)}`);
            // Open311 clients get GeoReport v2's own error list, not problem+json.
            else if (res.status >= 400 && !path.startsWith('/open311/')) {
              const type = res.headers.get('Content-Type') ?? '';
              const text = await res.text();
              const code = type.startsWith('application/problem+json') ? JSON.parse(text).code : undefined;
              if (!isProblemCode(code)) failures.push(`${res.status} not a problem (${type}) ${r.label}`);
            } else await res.arrayBuffer();
          }),
        );
      }
    expect(sent).toBeGreaterThan(600);
    expect(failures).toEqual([]);
  }, 240_000);
});
