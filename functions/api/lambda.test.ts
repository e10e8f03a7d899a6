import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';

process.env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:9';
process.env.STORAGE_TIMEOUT_MS = '300';
process.env.STORAGE_MAX_ATTEMPTS = '1';
// The cloud app refuses to start without the secret CloudFront adds; these events come as CloudFront's.
process.env.ORIGIN_SECRET = 'test-origin-secret';
const { handler } = await import('./lambda');

type HttpApiEvent = Parameters<typeof handler>[0];

function event(path: string): HttpApiEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
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
});
