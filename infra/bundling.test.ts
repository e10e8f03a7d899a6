/**
 * The Lambda bundles' aliases (infra/bundling.ts) stand in for real packages: each must offer what
 * the code and its libraries use, and behave the same where it matters (zod's messages and codes).
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as realZod from 'zod';
// @ts-expect-error plain ESM without types: what esbuild gives the bundles for `zod`
import * as leanZod from './aliases/zod.mjs';
import { bundleAliases, RUNTIME_SDK_PACKAGES, RUNTIME_SDK_REQUIRED } from './bundling';

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
