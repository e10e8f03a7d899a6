/**
 * `npm run bench:coldstart`: the API's cold start against a bare Hono bundle's, in the same run.
 * Both are built by the Lambda recipe (infra/bundling.ts: the same esbuild options, aliases and
 * externals CDK uses), then each is started in a fresh Node process that times
 *   import() of the bundle  +  its first `GET /api/items/{id}` through the Lambda handler
 * (the API reads a real item from DynamoDB Local; the bare app answers from memory). Prints the
 * medians of both, the ratio (target ≤ 10×), the API bundle's size and its largest contributors.
 *
 *   TEST_DYNAMODB_ENDPOINT / DYNAMODB_ENDPOINT   a running DynamoDB Local (else one is started)
 *   --runs N                                      cold starts of each bundle (default 7)
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import * as esbuild from 'esbuild';
import { createStore } from '../functions/data/client';
import { ensureTable } from '../functions/data/table';
import { startLocalDynamo } from '../functions/local/dynamodb-local';
import { buildOptions, RUNTIME_SDK_PACKAGES } from '../infra/bundling';
import { REPO_ROOT } from '../infra/constructs/hub-function';
import { NATIVE_MODULES } from '../infra/native';
import { seedItems } from './seed';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Number(values.runs);
const TARGET_RATIO = 10;
const ORIGIN_SECRET = 'bench-origin-secret';

// Inside the repository, so the externals (the SDK, sharp) resolve from its node_modules as they
// resolve from the runtime and the bundle's folder in Lambda.
const work = join(REPO_ROOT, '.data', 'bench-coldstart');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const externals = [...NATIVE_MODULES, ...RUNTIME_SDK_PACKAGES];

async function build(entry: string, name: string) {
  const outfile = join(work, name, 'index.mjs');
  const result = await esbuild.build({
    ...buildOptions({ entry, outfile, externals, runtimeSdk: true }),
    metafile: true,
  });
  return { outfile, metafile: result.metafile };
}

/** Bytes in the bundle per package (or per source folder), largest first. */
function contributors(metafile: esbuild.Metafile): Array<[string, number]> {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  const by = new Map<string, number>();
  for (const [file, input] of Object.entries(output.inputs)) {
    const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
    const key = pkg ?? file.split('/').slice(0, 2).join('/');
    by.set(key, (by.get(key) ?? 0) + input.bytesInOutput);
  }
  return [...by].sort((a, b) => b[1] - a[1]);
}

// One cold start: a new process imports the bundle and sends one request through the handler.
const RUNNER = `
const [bundle, path, secret] = process.argv.slice(2);
const t0 = performance.now();
const { handler } = await import(bundle);
const t1 = performance.now();
const event = {
  version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '', isBase64Encoded: false,
  headers: { host: 'localhost', accept: 'application/json', 'x-origin-verify': secret },
  requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    domainName: 'localhost', stage: '$default', requestId: 'bench', routeKey: '$default', timeEpoch: Date.now() },
};
const context = { functionName: 'bench', awsRequestId: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '1024',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:bench', getRemainingTimeInMillis: () => 28000 };
const res = await handler(event, context);
const t2 = performance.now();
process.stdout.write('\\nCOLDSTART ' + JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, status: res.statusCode }) + '\\n');
`;
const runner = join(work, 'runner.mjs');
writeFileSync(runner, RUNNER);

function coldStart(bundle: string, path: string, env: Record<string, string>) {
  const out = execFileSync(process.execPath, [runner, bundle, path, ORIGIN_SECRET], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line = out.split('\n').find((l) => l.startsWith('COLDSTART '));
  if (!line) throw new Error(`no measurement from ${bundle}:\n${out}`);
  const m = JSON.parse(line.slice('COLDSTART '.length)) as {
    importMs: number;
    firstMs: number;
    status: number;
  };
  if (m.status !== 200) throw new Error(`${bundle} answered ${path} with ${m.status}`);
  return m;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT ?? process.env.DYNAMODB_ENDPOINT;
  const local = endpoint ? undefined : await startLocalDynamo();
  const dynamodbEndpoint = endpoint ?? local!.endpoint;
  const tableName = `bench-coldstart-${Date.now()}`;
  const store = createStore({ endpoint: dynamodbEndpoint, table: tableName });
  try {
    await ensureTable(store.raw, tableName);
    const [itemId] = await seedItems(store, 1);

    const bareEntry = join(work, 'bare.ts');
    writeFileSync(
      bareEntry,
      [
        "import { Hono } from 'hono';",
        "import { handle } from 'hono/aws-lambda';",
        'const app = new Hono();',
        "app.get('/api/items/:id', (c) => c.json({ id: c.req.param('id') }));",
        'export const handler = handle(app);',
      ].join('\n'),
    );
    const api = await build(join(REPO_ROOT, 'functions', 'api', 'lambda.ts'), 'api');
    const bare = await build(bareEntry, 'bare');

    const apiEnv = {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      AWS_REGION: 'eu-central-1',
      AUTH_ISSUER: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_bench',
      AUTH_AUDIENCE: 'bench',
      ORIGIN_SECRET,
      POWERTOOLS_SERVICE_NAME: 'api',
      POWERTOOLS_METRICS_NAMESPACE: 'bench',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const path = `/api/items/${itemId}`;
    const results = { api: [] as number[], bare: [] as number[], apiImport: [] as number[] };
    // Alternate the two so a busy moment of a shared machine hits both alike.
    for (let i = 0; i < RUNS; i++) {
      const a = coldStart(api.outfile, path, apiEnv);
      results.api.push(a.importMs + a.firstMs);
      results.apiImport.push(a.importMs);
      const b = coldStart(bare.outfile, path, {});
      results.bare.push(b.importMs + b.firstMs);
    }

    const apiBytes = statSync(api.outfile).size;
    console.log(`API bundle: ${apiBytes.toLocaleString('en')} bytes (externals: ${externals.join(', ')})`);
    for (const [name, bytes] of contributors(api.metafile).slice(0, 12))
      console.log(`  ${String(bytes).padStart(9)}  ${name}`);
    console.log(`bare Hono bundle: ${statSync(bare.outfile).size.toLocaleString('en')} bytes`);
    const apiMs = median(results.api);
    const bareMs = median(results.bare);
    console.log(
      `cold start (import + first GET /api/items/{id}), median of ${RUNS}: API ${apiMs.toFixed(0)} ms ` +
        `(import ${median(results.apiImport).toFixed(0)} ms), bare Hono ${bareMs.toFixed(1)} ms`,
    );
    const ratio = apiMs / bareMs;
    console.log(
      `ratio: ${ratio.toFixed(1)}× (target ≤ ${TARGET_RATIO}×) ${ratio <= TARGET_RATIO ? 'ok' : 'OVER'}`,
    );
  } finally {
    await store.raw.send(new DeleteTableCommand({ TableName: tableName })).catch(() => {});
    await local?.stop();
  }
}

await main();
