/**
 * Inheritance by test: every create operation in /api/openapi.json takes an Idempotency-Key. A
 * create is any POST answering 201 or 202, plus the creates the issue names by route. A feature that
 * adds a create with `defineRoute` instead of `defineCreate` fails here.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { type App, createApp } from '../../functions/api/app';
import { defineRoute } from '../../functions/api/auth';
import type { AppEnv } from '../../functions/api/env';
import { createRoutes } from '../../functions/api/idempotency';
import type { Store } from '../../functions/data/client';
import { refuseTokens } from '../support/fixtures';

type Operation = {
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses?: Record<string, unknown>;
};
type OpenApiDoc = { paths: Record<string, Record<string, Operation>> };

/** Creates that are not a 201/202 POST but still make a record (an outcome is a PUT). */
const NAMED_CREATES = [
  'post /api/items/{id}/comments',
  'post /api/items/{itemId}/questions',
  'post /api/uploads',
  'post /api/sessions',
  'post /api/sessions/{id}/entries',
  'post /api/club/next-session/entries',
  'post /api/sessions/{id}/agenda',
  'put /api/sessions/{id}/entries/{entryId}/outcome',
  'post /api/import',
];

function createOperations(doc: OpenApiDoc): string[] {
  const out = new Set<string>(NAMED_CREATES);
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const codes = Object.keys(op.responses ?? {});
      if (method === 'post' && (codes.includes('201') || codes.includes('202'))) out.add(`${method} ${path}`);
    }
  }
  return [...out];
}

function withoutKey(doc: OpenApiDoc): string[] {
  return createOperations(doc).filter((route) => {
    const [method, path] = route.split(' ') as [string, string];
    const op = doc.paths[path]?.[method];
    if (!op) return true; // a named create that vanished from the document
    const header = op.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    // Open311 (GeoReport v2) documents the header as optional; everything under /api requires it.
    return !header || (path.startsWith('/api/') && header.required !== true);
  });
}

async function docOf(app: App | OpenAPIHono<AppEnv>): Promise<OpenApiDoc> {
  const res = await app.request('/api/openapi.json');
  return (await res.json()) as OpenApiDoc;
}

describe('Idempotency-Key on every create', () => {
  it('documents the header on every create operation, including Open311', async () => {
    const app = createApp({ store: {} as Store, auth: refuseTokens, now: () => new Date() });
    const doc = await docOf(app);
    expect(createOperations(doc).length).toBeGreaterThanOrEqual(NAMED_CREATES.length);
    expect(withoutKey(doc)).toEqual([]);
    expect(createOperations(doc)).toContain('post /open311/v2/requests.json');
    expect(createRoutes.size).toBeGreaterThanOrEqual(NAMED_CREATES.length);
  });

  it('catches a create declared without the wrapper', async () => {
    const app = new OpenAPIHono<AppEnv>();
    app.openapi(
      defineRoute('threads.comment', {
        method: 'post',
        path: '/api/things',
        request: { body: { content: { 'application/json': { schema: z.object({ a: z.string() }) } } } },
        responses: { 201: { description: 'created' } },
      }),
      (c) => c.body(null, 201),
    );
    app.doc31('/api/openapi.json', { openapi: '3.1.0', info: { title: 't', version: '0' } });
    expect(withoutKey(await docOf(app))).toContain('post /api/things');
  });
});
