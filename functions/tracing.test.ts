import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import xray from 'aws-xray-sdk-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from './data/client';

const context = { functionName: 'feed', awsRequestId: 'req-1' } as Context;
/** The name aws-xray-sdk-core gives the middleware that opens a subsegment per SDK call. */
const XRAY_MIDDLEWARE = 'XRaySDKInstrumentation';
const middlewareOf = (client: { middlewareStack: { identify(): string[] } }) =>
  client.middlewareStack.identify().join(' ');

/** The module as a Lambda instance loads it (AWS_EXECUTION_ENV is set there, never in tests). */
async function loadInLambda() {
  vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'map-feed');
  vi.stubEnv('_HANDLER', 'index.handler');
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  vi.resetModules();
  return import('./tracing');
}

/** Runs `fn` with `segment` as the current X-Ray segment, as Lambda's facade segment would be. */
function inSegment<T>(segment: xray.Segment, fn: () => Promise<T>): Promise<T> {
  return xray.getNamespace().runAndReturn(() => {
    xray.setSegment(segment);
    return fn();
  });
}

/** The handler's subsegment as X-Ray receives it (the SDK's types leave the document out). */
interface SubsegmentDocument {
  name: string;
  annotations?: Record<string, unknown>;
  fault?: boolean;
  cause?: unknown;
}
const handlerSubsegmentOf = (segment: xray.Segment): SubsegmentDocument | undefined => {
  const [first] = segment.subsegments ?? [];
  return first ? (JSON.parse(JSON.stringify(first)) as SubsegmentDocument) : undefined;
};

/** A segment that is never sent: closing its subsegments must not reach for a daemon. */
function unsentSegment() {
  const segment = new xray.Segment('invocation');
  segment.notTraced = true;
  return segment;
}

describe('traced handlers outside Lambda', () => {
  it('return what the handler returns, with the tracer off', async () => {
    const { traced, tracer } = await import('./tracing');
    expect(tracer.isTracingEnabled()).toBe(false);
    await expect(traced(async (n: number) => n + 1)(41, context)).resolves.toBe(42);
  });

  it('throw the handler’s own error', async () => {
    const { traced } = await import('./tracing');
    const failure = new Error('stream batch failed');
    await expect(
      traced(async () => {
        throw failure;
      })({}, context),
    ).rejects.toBe(failure);
  });

  it('leave SDK clients and stores unwrapped', async () => {
    const { traceClient, traceStore } = await import('./tracing');
    const client = new S3Client({ region: 'eu-central-1' });
    expect(traceClient(client)).toBe(client);
    expect(middlewareOf(client)).not.toContain(XRAY_MIDDLEWARE);
    const store = traceStore(createStore({ endpoint: 'http://localhost:1', table: 't' }));
    expect(middlewareOf(store.raw)).not.toContain(XRAY_MIDDLEWARE);
  });
});

describe('traced handlers in Lambda', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('run in a `## handler` subsegment annotated with the cold start and the service', async () => {
    const { traced } = await loadInLambda();
    const segment = unsentSegment();
    const result = await inSegment(segment, () => traced(async () => 'done')({}, context));
    expect(result).toBe('done');
    const handler = handlerSubsegmentOf(segment);
    expect(handler?.name).toBe('## index.handler');
    expect(handler?.annotations).toEqual({ ColdStart: true, Service: 'map-feed' });
    // The response is left out of the trace (reports can be large and quote refused rows).
    expect(JSON.stringify(handler)).not.toContain('done');
  });

  it('annotate only the first invocation of an instance as its cold start', async () => {
    const { traced } = await loadInLambda();
    const run = traced(async () => undefined);
    const [first, second] = [unsentSegment(), unsentSegment()];
    await inSegment(first, () => run({}, context));
    await inSegment(second, () => run({}, context));
    expect(handlerSubsegmentOf(first)?.annotations?.ColdStart).toBe(true);
    expect(handlerSubsegmentOf(second)?.annotations?.ColdStart).toBe(false);
  });

  it('record the handler’s error on its subsegment and still throw it', async () => {
    const { traced } = await loadInLambda();
    const segment = unsentSegment();
    const failure = new Error('the import file is gone');
    const run = traced(async () => {
      throw failure;
    });
    await expect(inSegment(segment, () => run({}, context))).rejects.toBe(failure);
    const handler = handlerSubsegmentOf(segment);
    expect(handler?.fault).toBe(true);
    expect(JSON.stringify(handler?.cause)).toContain('the import file is gone');
  });

  it('annotate an HTTP request with its route template and flag its answer’s status', async () => {
    const { tracedHttp } = await loadInLambda();
    const answer = (statusCode: number) =>
      tracedHttp(async (_event: object, _context: Context) => ({ statusCode, body: '' }));
    const event = {
      routeKey: 'ANY /api/sessions/{p1}',
      rawPath: '/api/sessions/01JB3',
      requestContext: { http: { method: 'GET' } },
    };
    const subsegmentFor = async (statusCode: number) => {
      const segment = unsentSegment();
      await inSegment(segment, () => answer(statusCode)(event, context));
      return handlerSubsegmentOf(segment) as SubsegmentDocument & Record<string, unknown>;
    };
    const ok = await subsegmentFor(200);
    // The template, never the id: annotations are indexed, so their values must be few.
    expect(ok.annotations?.Route).toBe('GET /api/sessions/{p1}');
    expect([ok.fault, ok.error, ok.throttle]).toEqual([undefined, undefined, undefined]);
    expect((await subsegmentFor(500)).fault).toBe(true);
    expect((await subsegmentFor(404)).error).toBe(true);
    const throttled = await subsegmentFor(429);
    expect([throttled.error, throttled.throttle]).toEqual([true, true]);
  });

  it('trace an S3 client made on first use, once it is made', async () => {
    const { traceLazyClient } = await loadInLambda();
    const make = vi.fn(async () => new S3Client({ region: 'eu-central-1' }));
    const client = traceLazyClient(make);
    expect(make).not.toHaveBeenCalled();
    const made = await client();
    expect(middlewareOf(made)).toContain(XRAY_MIDDLEWARE);
    expect(await client()).toBe(made);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('wrap the DynamoDB client of a store (the document client shares it) and S3 clients', async () => {
    const { traceClient, traceStore } = await loadInLambda();
    const store = traceStore(createStore({ endpoint: 'http://localhost:1', table: 't' }));
    expect(middlewareOf(store.raw)).toContain(XRAY_MIDDLEWARE);
    expect(middlewareOf(store.doc)).toContain(XRAY_MIDDLEWARE);
    expect(middlewareOf(traceClient(new S3Client({ region: 'eu-central-1' })))).toContain(XRAY_MIDDLEWARE);
  });
});

describe('the traced entries', () => {
  // Every function (infra/hub.test.ts checks their bundles carry the tracer).
  const entries = [
    'api/lambda.ts',
    'api/club-lambda.ts',
    'api/back-office-lambda.ts',
    'api/account-lambda.ts',
    'api/monitoring-lambda.ts',
    'api/open311-lambda.ts',
    'feed/lambda.ts',
    'services/flags-lambda.ts',
    'services/exports-lambda.ts',
    'goszakup/lambda.ts',
    'notify/sender-lambda.ts',
    'notify/timed-handler.ts',
    'notify/feedback-lambda.ts',
    'blobs/publish-lambda.ts',
    'imports/lambda.ts',
  ];

  it('trace their handler and pass every SDK client they make through the tracer', () => {
    for (const entry of entries) {
      const code = readFileSync(join(import.meta.dirname, entry), 'utf8');
      // The functions behind the HTTP API export `httpEntry(app)` (checked below), the rest wrap their own.
      expect(code, entry).toMatch(/observed\(\s*traced\(|export const handler = httpEntry\(/);
      // Every store and every client of the AWS SDK is handed to the tracer where it is made.
      expect(code.match(/(?<!traceStore\()createStore\(/g), entry).toBeNull();
      expect(code.match(/(?<!traceLazyClient\()lazyS3Client\(\)/g), entry).toBeNull();
      expect(code.match(/(?<!traceLazyClient\()lazyLambdaClient\(\)/g), entry).toBeNull();
      // Only functions/api/http-entry.ts adapts a Hono app to Lambda.
      expect(code, entry).not.toContain("from 'hono/aws-lambda'");
      const sdkClients = [...code.matchAll(/import \{([^}]+)\} from '@aws-sdk\/client-/g)].flatMap((m) =>
        m[1]!.split(',').map((name) => name.trim()),
      );
      for (const name of sdkClients)
        expect(
          code.match(new RegExp(`(?<!traceClient\\()new ${name}\\(`, 'g')),
          `${entry}: ${name}`,
        ).toBeNull();
    }
  });

  it('annotate each HTTP request’s route and flag its status, in the one entry the HTTP functions share', () => {
    const code = readFileSync(join(import.meta.dirname, 'api/http-entry.ts'), 'utf8');
    expect(code).toMatch(/observed\(\s*tracedHttp\(\s*handle\(/);
  });

  it('trace the store the club, back-office, account and monitoring functions take from functions/api/staff-cloud.ts', () => {
    const code = readFileSync(join(import.meta.dirname, 'api/staff-cloud.ts'), 'utf8');
    expect(code).toContain('store: traceStore(createStore())');
    expect(code.match(/(?<!traceStore\()createStore\(/g)).toBeNull();
  });

  it('trace the API app’s store and S3 client, which its entry takes from functions/api/cloud.ts', () => {
    const code = readFileSync(join(import.meta.dirname, 'api/cloud.ts'), 'utf8');
    expect(code).toContain('store: traceStore(createStore())');
    expect(code).toContain('traceLazyClient(lazyS3Client())');
    expect(code.match(/(?<!traceStore\()createStore\(/g)).toBeNull();
    expect(code.match(/(?<!traceLazyClient\()lazyS3Client\(\)/g)).toBeNull();
  });

  it('trace the Lambda client of the API’s import hand-off and the back office’s blur hand-off', () => {
    for (const entry of ['api/cloud.ts', 'api/back-office-lambda.ts']) {
      const code = readFileSync(join(import.meta.dirname, entry), 'utf8');
      expect(code, entry).toContain('lambdaInvoker(traceLazyClient(lazyLambdaClient()))');
    }
  });
});
