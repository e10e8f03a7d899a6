/**
 * `shared/` is what the web imports, and the web must ship no zod (issue 14: 26 of 80 KB gzipped, and
 * its `Function('')` probe trips the CSP). So shared modules hold written-out types and pure rules only;
 * the zod schemas live in functions/api/schemas/, each checked at compile time against shared's types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

describe('shared/', () => {
  it('imports no zod in any module, subfolders included', () => {
    const withZod = readdirSync(here, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) =>
        /from ['"]zod(?:\/[^'"]*)?['"]|import\(['"]zod/.test(readFileSync(join(here, f), 'utf8')),
      );
    expect(withZod).toEqual([]);
  });
});
