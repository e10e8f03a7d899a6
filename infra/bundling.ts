/**
 * How every Lambda of the hub is bundled, in one place: HubFunction hands these settings to CDK's
 * esbuild bundling, and scripts/bench-coldstart.ts builds with exactly the same recipe through
 * esbuild's API (so the benchmark measures what would be deployed).
 */
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

const ALIASES_DIR = join(import.meta.dirname, 'aliases');

// esbuild emits ESM; a few CommonJS dependencies still call `require` for Node built-ins.
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __hubCreateRequire } from 'node:module'; const require = __hubCreateRequire(import.meta.url);";

/**
 * Packages the bundles take from a module of ours instead (infra/aliases/, each file says why):
 * zod without its message locales and schema compiler, ElectroDB's model validator stubbed out,
 * ElectroDB's Entity without the Service and transaction helpers the hub never uses, zod-to-openapi
 * without its document generators (the API serves a document generated at development time), the
 * X-Ray SDK under the Powertools tracer without its SDK v2 patcher, semver and plugins, and the
 * SDK's segment context (cls-hooked) on Node's AsyncLocalStorage instead of an async_hooks hook
 * that ran JavaScript on every await of every function, traced or not.
 * An alias, not an import change, so the code (and the tests under Node) keep the real packages.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  zod: join(ALIASES_DIR, 'zod.mjs'),
  jsonschema: join(ALIASES_DIR, 'jsonschema.mjs'),
  electrodb: join(ALIASES_DIR, 'electrodb.mjs'),
  '@asteasolutions/zod-to-openapi': join(ALIASES_DIR, 'zod-to-openapi.mjs'),
  'aws-xray-sdk-core': join(ALIASES_DIR, 'aws-xray-sdk-core.mjs'),
  'cls-hooked/context': join(ALIASES_DIR, 'cls-hooked-context.mjs'),
};

/**
 * Bundles keep non-ASCII text as UTF-8 (Node reads modules as UTF-8): esbuild's default escapes
 * every Cyrillic letter of the kk/ru texts as `\uXXXX`, six bytes instead of two.
 */
export const BUNDLE_CHARSET = 'utf8' as const;

/**
 * The AWS SDK v3 packages the API imports, left out of its bundle: the Node 22 Lambda runtime ships
 * the whole SDK v3 (every client and lib-dynamodb, util-dynamodb, s3-request-presigner) in
 * /var/runtime/node_modules, which ES modules resolve too, and `require` through NODE_PATH (those on
 * the request paths are required: RUNTIME_SDK_REQUIRED). They are listed one by one, not as
 * `@aws-sdk/*`, so a package the runtime might not ship is bundled unless someone adds it here; the
 * bundle test fails on any other external import. The runtime's copy is older than ours: the API
 * checks at cold start that it knows S3's conditional writes (functions/runtime-sdk.ts).
 */
export const RUNTIME_SDK_PACKAGES = [
  '@aws-sdk/client-cognito-identity-provider',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/client-lambda',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-sesv2',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/s3-request-presigner',
  '@aws-sdk/util-dynamodb',
] as const;

/**
 * The runtime's SDK packages on the request paths (DynamoDB on every request, S3 on the first that
 * reads the map feed or an attachment), which the bundles that take the runtime's SDK load with
 * `require` instead of `import` (infra/aliases/runtime-sdk/, each file says why): Node reads the source
 * of every CommonJS module an ES module imports for its export names first, which doubled the SDK's
 * share of the API's cold start. Same packages, same objects; the rest stay external imports (Cognito
 * and Lambda, loaded on first use by staff and imports).
 */
export const RUNTIME_SDK_REQUIRED: Readonly<Record<string, string>> = {
  '@aws-sdk/client-dynamodb': join(ALIASES_DIR, 'runtime-sdk', 'client-dynamodb.mjs'),
  '@aws-sdk/lib-dynamodb': join(ALIASES_DIR, 'runtime-sdk', 'lib-dynamodb.mjs'),
  '@aws-sdk/client-s3': join(ALIASES_DIR, 'runtime-sdk', 'client-s3.mjs'),
  '@aws-sdk/s3-request-presigner': join(ALIASES_DIR, 'runtime-sdk', 's3-request-presigner.mjs'),
};

export interface BundleRecipe {
  /** Module names left out of the bundle (installed next to it, or provided by the runtime). */
  externals: readonly string[];
  /** Takes the AWS SDK from the Lambda runtime: RUNTIME_SDK_REQUIRED's packages through `require`. */
  runtimeSdk?: boolean;
}

/** The aliases of a bundle: BUNDLE_ALIASES, and RUNTIME_SDK_REQUIRED where it takes the runtime's SDK. */
export function bundleAliases(opts: { runtimeSdk?: boolean | undefined } = {}): Record<string, string> {
  return { ...BUNDLE_ALIASES, ...(opts.runtimeSdk ? RUNTIME_SDK_REQUIRED : {}) };
}

/**
 * The aliases and the charset as esbuild CLI arguments, for CDK's `bundling.esbuildArgs`
 * (`--alias:zod=…`, `--charset=utf8`). The charset is passed here because CDK's `bundling.charset`
 * never reaches esbuild's command line (aws-cdk-lib's Bundling leaves it out): its bundles escaped
 * every Cyrillic letter, 19.6 KB more API bundle than this recipe's own build.
 */
export function esbuildArgs(
  opts: { runtimeSdk?: boolean | undefined } = {},
): Record<string, string | string[]> {
  return {
    '--alias': Object.entries(bundleAliases(opts)).map(([name, path]) => `${name}=${path}`),
    '--charset': BUNDLE_CHARSET,
  };
}

/** The recipe as esbuild API options (what CDK passes on its command line, plus the aliases). */
export function buildOptions(recipe: BundleRecipe & { entry: string; outfile: string }): BuildOptions {
  return {
    entryPoints: [recipe.entry],
    outfile: recipe.outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    minify: true,
    charset: BUNDLE_CHARSET,
    sourcemap: true,
    sourcesContent: false,
    external: [...recipe.externals],
    alias: bundleAliases(recipe),
    logLevel: 'warning',
  };
}
