/**
 * The Lambda bundles' aliases (infra/bundling.ts) stand in for real packages: each must offer what
 * the code and its libraries use, and behave the same where it matters (zod's messages and codes).
 */

import { execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import xray from 'aws-xray-sdk-core';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import * as realZod from 'zod';
// @ts-expect-error plain ESM without types: what esbuild gives the bundles for `zod`
import * as leanZod from './aliases/zod.mjs';
import { buildOptions, bundleAliases, RUNTIME_SDK_PACKAGES, RUNTIME_SDK_REQUIRED } from './bundling';
import { NATIVE_MODULES } from './native';

// Left out on purpose (see infra/aliases/*.mjs): nothing at run time calls them.
const DROPPED = new Set([
  'locales',
  'compile',
  'withParser',
  'INVALID',
  'ZodCompileAsyncError',
  'ZodCompileUnsupportedError',
  'fromJSONSchema',
]);

describe('the zod alias', () => {
  it('exports everything zod does, but the locales and the compiler', () => {
    const missing = Object.keys(realZod).filter((name) => !(name in leanZod) && !DROPPED.has(name));
    expect(missing).toEqual([]);
    expect('locales' in leanZod.z).toBe(false);
    expect('locales' in leanZod.z.core).toBe(false);
  });

  it('gives the same issue codes and English messages as zod', () => {
    const schema = (z: typeof realZod.z) =>
      z.object({ title: z.string().min(3), amount: z.string().regex(/^\d+$/), when: z.iso.date() });
    const input = { title: 'ab', amount: '1.5', when: '2025-13-01', extra: 1 };
    const issues = (z: typeof realZod.z) =>
      schema(z)
        .safeParse(input)
        .error?.issues.map((i) => [i.code, i.path.join('.'), i.message]);
    expect(issues(leanZod.z)).toEqual(issues(realZod.z));
    expect(issues(leanZod.z)?.length).toBe(3);
  });
});

describe('the electrodb alias', () => {
  it('is ElectroDB’s own Entity class, not a copy', async () => {
    const { Entity } = await import('electrodb');
    // @ts-expect-error plain ESM without types: what esbuild gives the bundles for `electrodb`
    const lean = await import('./aliases/electrodb.mjs');
    expect(lean.Entity).toBe(Entity);
  });
});

describe('the zod-to-openapi alias', () => {
  it('offers all that @hono/zod-openapi imports, and generators that refuse to run', async () => {
    // @ts-expect-error plain ESM without types: what esbuild gives the bundles for zod-to-openapi
    const lean = await import('./aliases/zod-to-openapi.mjs');
    const honoCode = readFileSync(
      join(import.meta.dirname, '../node_modules/@hono/zod-openapi/dist/index.mjs'),
      'utf8',
    );
    const imported = honoCode.match(/import \{([^}]+)\} from "@asteasolutions\/zod-to-openapi"/)![1]!;
    const names = imported.split(',').map((n) => n.trim());
    expect(names).toContain('OpenAPIRegistry');
    expect(names.filter((n) => typeof lean[n] !== 'function')).toEqual([]);
    expect(() => new lean.OpenApiGeneratorV31([])).toThrow(/npm run api:types/);
  });

  it('gives schemas an `.openapi()` that returns the schema itself, so validation is unchanged', async () => {
    // @ts-expect-error plain ESM without types: what esbuild gives the bundles for zod-to-openapi
    const lean = await import('./aliases/zod-to-openapi.mjs');
    // A stand-in class: the real zod's prototype may already carry the package's own `.openapi()`.
    class ZodType {}
    lean.extendZodWithOpenApi({ ZodType });
    const schema = new ZodType() as ZodType & { openapi(name: string, meta?: object): unknown };
    expect(schema.openapi('Item', { param: { name: 'id', in: 'path' } })).toBe(schema);
  });

  it('keeps no route or component in its registry: Lambda serves the document generated at development time', async () => {
    // @ts-expect-error plain ESM without types: what esbuild gives the bundles for zod-to-openapi
    const lean = await import('./aliases/zod-to-openapi.mjs');
    const registry = new lean.OpenAPIRegistry();
    registry.registerPath({ method: 'get', path: '/items', responses: {} });
    expect(registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http' })).toEqual({
      name: 'bearerAuth',
      ref: { $ref: '#/components/securitySchemes/bearerAuth' },
    });
    expect(registry.definitions).toEqual([]);
  });
});

describe('the runtime SDK through require', () => {
  const REPO = join(import.meta.dirname, '..');
  /**
   * Every value of `pkg` that functions/ and shared/ import by name, destructure from an awaited
   * import, construct, check errors against or call, in a file that takes it: by `import … from`, by
   * `import()`, or through a loader such as
   * `export const s3Sdk = () => import('@aws-sdk/client-s3')` (blobs/s3-sdk.ts).
   */
  function namesTakenFrom(pkg: string, exported: ReadonlySet<string>): Set<string> {
    const files = execFileSync('git', ['ls-files', 'functions', 'shared'], { cwd: REPO, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(REPO, f), 'utf8'));
    const quoted = `'${pkg}'`;
    const loaders = files.flatMap((code) =>
      [...code.matchAll(/const (\w+) = \(\) => import\('([^']+)'\)/g)]
        .filter((m) => m[2] === pkg)
        .map((m) => m[1]!),
    );
    const takers = files.filter(
      (code) => code.includes(quoted) || loaders.some((l) => new RegExp(`\\b${l}\\(`).test(code)),
    );
    // What code does with an SDK value: constructs it, checks an error against it, calls it.
    const uses =
      /\bnew (\w+)\(|\binstanceof (\w+)|\.(\w+)\(|\{([^{}]*)\}\s*=\s*await\b|import\s+\{([^}]*)\}\s*from\s*'([^']+)'/g;
    const names = new Set<string>();
    const listed = (list: string | undefined) =>
      (list ?? '').split(',').map((n) =>
        n
          .trim()
          .split(/\s+as\s+|:/)[0]!
          .trim(),
      );
    for (const code of takers) {
      const matches = [...code.matchAll(uses)];
      // A name the file imports from another package (lib-dynamodb's QueryCommand) is not this one's.
      const elsewhere = new Set(
        matches.filter((m) => m[6] !== undefined && m[6] !== pkg).flatMap((m) => listed(m[5])),
      );
      for (const m of matches) {
        if (m[6] !== undefined && m[6] !== pkg) continue;
        for (const name of [m[1], m[2], m[3], ...listed(m[4] ?? m[5])])
          if (name && exported.has(name) && !elsewhere.has(name)) names.add(name);
      }
    }
    return names;
  }

  it('is for packages the runtime ships, and only where a bundle takes the runtime’s SDK', () => {
    for (const pkg of Object.keys(RUNTIME_SDK_REQUIRED)) expect(RUNTIME_SDK_PACKAGES).toContain(pkg);
    expect(bundleAliases({ runtimeSdk: true })).toMatchObject(RUNTIME_SDK_REQUIRED);
    for (const pkg of Object.keys(RUNTIME_SDK_REQUIRED)) expect(bundleAliases()).not.toHaveProperty(pkg);
  });

  it.each(Object.entries(RUNTIME_SDK_REQUIRED))(
    'gives %s’s own objects for every name our code takes',
    async (pkg, path) => {
      const viaRequire = await import(path);
      const viaImport = await import(pkg);
      const names = namesTakenFrom(pkg, new Set(Object.keys(viaImport)));
      expect(names.size).toBeGreaterThan(0);
      console.log(pkg, [...names]);
      expect([...names].filter((n) => !(n in viaRequire))).toEqual([]);
      for (const name of Object.keys(viaRequire)) expect(viaRequire[name], name).toBe(viaImport[name]);
    },
  );
});

describe('the aws-xray-sdk-core alias', () => {
  const REPO = join(import.meta.dirname, '..');
  const POWERTOOLS = join(REPO, 'node_modules/@aws-lambda-powertools/tracer/lib/esm');
  // @ts-expect-error plain ESM without types: what esbuild gives the bundles for aws-xray-sdk-core
  const lean = () => import('./aliases/aws-xray-sdk-core.mjs').then((m) => m.default);
  /** A segment document as the daemon receives it (the fields the test reads). */
  interface SegmentDocument {
    id: string;
    name: string;
    [field: string]: unknown;
  }
  /** The SDK v2 capture functions: the tracer only reaches them through its deprecated SDK v2 methods. */
  const SDK_V2 = ['captureAWS', 'captureAWSClient'];

  it('gives the Powertools tracer the X-Ray SDK’s own functions and classes for every name it takes', async () => {
    const alias = await lean();
    const taken = ['provider/ProviderService.js', 'Tracer.js'].flatMap((file) => {
      const code = readFileSync(join(POWERTOOLS, file), 'utf8');
      const destructured = [...code.matchAll(/const \{([^}]+)\} = xraySdk;/g)];
      expect(destructured.length, file).toBe(1);
      return destructured[0]![1]!.split(',').map((n) => n.trim().split(':')[0]!.trim());
    });
    expect(taken).toContain('captureAWSv3Client');
    for (const name of taken.filter((n) => n && !SDK_V2.includes(n)))
      expect(alias[name], name).toBe(xray[name as keyof typeof xray]);
  });

  it('refuses SDK v2 clients, whose patcher is not bundled, and nothing of ours hands it one', async () => {
    const alias = await lean();
    for (const name of SDK_V2) expect(() => alias[name]({}), name).toThrow(/SDK v3 clients only/);
    const files = execFileSync('git', ['ls-files', 'functions', 'shared'], { cwd: REPO, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const callers = files.filter((f) =>
      /\bcapture(AWS|AWSClient|HTTPsGlobal|Func|AsyncFunc)\(/.test(readFileSync(join(REPO, f), 'utf8')),
    );
    expect(callers).toEqual([]);
  });

  // An esbuild build and a Node process on a shared machine.
  describe('in a bundle built by the recipe', { timeout: 30_000 }, () => {
    // In the repo, where the bundle's external packages (the runtime's SDK) resolve from node_modules;
    // `.data/` is git-ignored, so a fresh clone has none yet.
    mkdirSync(join(REPO, '.data'), { recursive: true });
    const work = mkdtempSync(join(REPO, '.data', 'xray-alias-'));
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    /** A traced handler making one DynamoDB call, as the map-feed builder's (functions/feed/lambda.ts). */
    let built: Promise<string> | undefined;
    const tracedBundle = () => {
      built ??= buildTracedHandler();
      return built;
    };
    async function buildTracedHandler() {
      const entry = join(work, 'entry.ts');
      writeFileSync(
        entry,
        [
          "import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';",
          `import { traceClient, traced } from '${join(REPO, 'functions', 'tracing')}';`,
          'const client = traceClient(new DynamoDBClient({ endpoint: process.env.STAND_IN, region: "eu-central-1",',
          '  credentials: { accessKeyId: "a", secretAccessKey: "b" } }));',
          'export const handler = traced(async () => (await client.send(new ListTablesCommand({}))).TableNames);',
        ].join('\n'),
      );
      const outfile = join(work, 'bundle', 'index.mjs');
      mkdirSync(join(work, 'bundle'), { recursive: true });
      await esbuild.build(buildOptions({ entry, outfile, externals: NATIVE_MODULES }));
      return outfile;
    }

    it('leaves the SDK v2 patcher and semver out, and keeps the SDK’s own Lambda set-up and SDK v3 patcher', async () => {
      const code = readFileSync(await tracedBundle(), 'utf8');
      expect(code).not.toContain('AWS SDK version '); // the SDK v2 patcher's version check
      expect(code).not.toContain('Invalid comparator'); // semver
      expect(code).toContain('Disabling centralized sampling in Lambda environment.');
      expect(code).toContain('XRaySDKInstrumentation');
    });

    it('sends the handler’s subsegment and its SDK call’s to a stand-in X-Ray daemon over UDP', async () => {
      const bundle = await tracedBundle();
      // The daemon: UDP datagrams of a header line and one segment document each.
      const daemon = createSocket('udp4');
      const datagrams: string[] = [];
      daemon.on('message', (m) => datagrams.push(m.toString('utf8')));
      await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
      // DynamoDB: answers ListTables, and keeps the trace header it was sent.
      const traceHeaders: string[] = [];
      const dynamo = createServer((req, res) => {
        traceHeaders.push(String(req.headers['x-amzn-trace-id']));
        req.resume().on('end', () => {
          res.setHeader('content-type', 'application/x-amz-json-1.0');
          res.end('{"TableNames":["hub"]}');
        });
      });
      await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
      const traceId = '1-6756f1a0-0123456789abcdef01234567';
      const runner = join(work, 'run.mjs');
      writeFileSync(
        runner,
        `const { handler } = await import(${JSON.stringify(bundle)});\n` +
          "console.log(JSON.stringify(await handler({}, { functionName: 'f', awsRequestId: 'r' })));\n",
      );
      try {
        const { out, err, code } = await new Promise<{ out: string; err: string; code: number | null }>(
          (resolve) => {
            const child = spawn(process.execPath, [runner], {
              env: {
                PATH: process.env.PATH ?? '',
                AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
                LAMBDA_TASK_ROOT: work,
                AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
                _HANDLER: 'index.handler',
                _X_AMZN_TRACE_ID: `Root=${traceId};Parent=53995c3f42cd8ad8;Sampled=1`,
                AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`,
                POWERTOOLS_SERVICE_NAME: 'alias-test',
                STAND_IN: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
                AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
              },
            });
            let out = '';
            let err = '';
            child.stdout.on('data', (d) => (out += d));
            child.stderr.on('data', (d) => (err += d));
            child.on('close', (code) => resolve({ out, err, code }));
          },
        );
        expect({ code, err }).toEqual({ code: 0, err: '' });
        expect(JSON.parse(out)).toEqual(['hub']);
        await expect.poll(() => datagrams.length).toBeGreaterThanOrEqual(2);
        const documents = datagrams.map((d) => {
          const [header, body] = d.split('\n');
          expect(JSON.parse(header!)).toEqual({ format: 'json', version: 1 });
          return JSON.parse(body!) as SegmentDocument;
        });
        const handler = documents.find((d) => d.name === '## index.handler')!;
        expect(handler).toMatchObject({
          type: 'subsegment',
          trace_id: traceId,
          parent_id: '53995c3f42cd8ad8',
          annotations: { ColdStart: true, Service: 'alias-test' },
        });
        const call = documents.find((d) => d.name === 'DynamoDB')!;
        expect(call).toMatchObject({
          type: 'subsegment',
          trace_id: traceId,
          parent_id: handler.id,
          namespace: 'aws',
          aws: { operation: 'ListTables', region: 'eu-central-1' },
          http: { response: { status: 200 } },
        });
        // DynamoDB was told which subsegment called it.
        expect(traceHeaders).toEqual([`Root=${traceId};Parent=${call.id};Sampled=1`]);
      } finally {
        daemon.close();
        dynamo.close();
      }
    });
  });
});
