import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../blobs/store';
import { functionImporter, IMPORT_PREFIX } from './importer';

process.env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:9';
process.env.STORAGE_TIMEOUT_MS = '300';
process.env.STORAGE_MAX_ATTEMPTS = '1';
// The cloud app refuses to start without the secret CloudFront adds; these events come as CloudFront's.
process.env.ORIGIN_SECRET = 'test-origin-secret';
const { handler } = await import('./lambda');
const open311 = await import('./open311-lambda');
const account = await import('./account-lambda');

type HttpApiEvent = Parameters<typeof handler>[0];

function event(path: string, query = ''): HttpApiEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: {
      host: 'api.example.test',
      'x-forwarded-proto': 'https',
      'x-origin-verify': 'test-origin-secret',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '28/Nov/2026:00:00:00 +0000',
      timeEpoch: 1_795_824_000_000,
      authentication: null,
      authorizer: {},
    },
    isBase64Encoded: false,
    body: null,
  } as unknown as HttpApiEvent;
}

describe('Lambda entry', () => {
  it('answers a raw API Gateway HTTP API v2 event with problem+json for a malformed id', async () => {
    const res = (await handler(event('/api/items/nope'), {} as Context)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(res.body).errors[0].field).toBe('id');
  });

  it('serves the OpenAPI document through the adapter', async () => {
    const res = (await handler(event('/api/openapi.json'), {} as Context)) as {
      statusCode: number;
      body: string;
    };
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).openapi).toBe('3.1.0');
  });

  it('leaves Open311 to its own function, whose entry answers Open311 alone', async () => {
    type Answer = { statusCode: number; body: string };
    const call = async (h: (e: HttpApiEvent, c: Context) => Promise<unknown>, path: string, query = '') =>
      (await h(event(path, query), {} as Context)) as Answer;
    // A bad date: the spec's own error list, before any storage is asked.
    const bad = await call(open311.handler, '/open311/v2/requests.json', 'start_date=nope');
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)[0]).toMatchObject({ code: 400 });
    expect((await call(open311.handler, '/api/openapi.json')).statusCode).toBe(404);
    expect((await call(handler, '/open311/v2/requests.json', 'start_date=nope')).statusCode).toBe(404);
  });

  it('leaves sign-in to the account function, whose entry answers it and the API does not', async () => {
    type Answer = { statusCode: number; body: string };
    const call = async (h: (e: HttpApiEvent, c: Context) => Promise<unknown>, path: string) =>
      (await h(event(path), {} as Context)) as Answer;
    // Where the sign-in page sends people: known before any storage is asked.
    expect((await call(account.handler, '/api/auth/config')).statusCode).toBe(200);
    expect((await call(handler, '/api/auth/config')).statusCode).toBe(404);
    expect((await call(account.handler, '/api/openapi.json')).statusCode).toBe(404);
  });
});

describe('the import hand-off to the import function', () => {
  const request = { dryRun: true, actorSub: 'admin-1', runTrigger: 'api' as const, concurrency: 2 };
  const deps = { store: {} as never, now: () => new Date() };
  function memoryFiles() {
    const objects = new Map<string, Uint8Array>();
    const files = {
      objects,
      write: async (key: string, bytes: Uint8Array) => void objects.set(key, bytes),
      remove: async (key: string) => void objects.delete(key),
    };
    return files as typeof files & BlobStore;
  }
  const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

  it('leaves the file under imports/ and answers with the function’s report', async () => {
    const files = memoryFiles();
    const report = { dryRun: true, created: 1 };
    let invoked: { name: string; payload: Record<string, unknown> } | undefined;
    const importer = functionImporter({
      functionName: 'import-fn',
      files,
      invoke: async (name, payload) => {
        invoked = { name, payload: JSON.parse(new TextDecoder().decode(payload)) };
        return { payload: encode(report), functionError: undefined };
      },
    });
    expect(await importer(new Uint8Array([1, 2, 3]), request, deps)).toEqual(report);
    expect(invoked!.name).toBe('import-fn');
    expect(invoked!.payload).toMatchObject(request);
    const key = invoked!.payload.key as string;
    expect(key.startsWith(IMPORT_PREFIX)).toBe(true);
    expect([...files.objects.get(key)!]).toEqual([1, 2, 3]);
  });

  it('fails when the function failed, and removes the file it may have left', async () => {
    const files = memoryFiles();
    const importer = functionImporter({
      functionName: 'import-fn',
      files,
      invoke: async () => ({ payload: encode({ errorMessage: 'boom' }), functionError: 'Unhandled' }),
    });
    await expect(importer(new Uint8Array([1]), request, deps)).rejects.toThrow(/Unhandled.*boom/);
    expect(files.objects.size).toBe(0);
  });
});

describe('a blur handed to the upload publisher (the cloud API has no sharp)', () => {
  const request = { regions: [{ x: 0, y: 0, width: 4, height: 4 }], actor: { sub: 'mod-1' } };
  const at = new Date('2026-12-01T10:00:00Z');
  const storeWith = (blurElsewhere: NonNullable<BlobStore['blurElsewhere']>) =>
    ({ blurElsewhere }) as unknown as BlobStore;

  it('sends the whole request and answers with the publisher’s result', async () => {
    const { blurPhoto } = await import('../services/photo-blur');
    let sent: unknown;
    const blobs = storeWith(async (r) => {
      sent = r;
      return { result: { width: 8, height: 6, regions: 1 } };
    });
    const out = await blurPhoto({} as never, blobs, 'U1', request.regions, request.actor, at);
    expect(out).toEqual({ width: 8, height: 6, regions: 1 });
    expect(sent).toEqual({
      uploadId: 'U1',
      regions: request.regions,
      actorSub: 'mod-1',
      at: at.toISOString(),
    });
  });

  it('raises the publisher’s refusal as the same problem', async () => {
    const { blurPhoto } = await import('../services/photo-blur');
    const blobs = storeWith(async () => ({
      refused: { status: 409, detail: 'Only an image can be blurred.', code: 'state.conflict' },
    }));
    await expect(
      blurPhoto({} as never, blobs, 'U1', request.regions, request.actor, at),
    ).rejects.toMatchObject({ status: 409, code: 'state.conflict' });
  });
});
