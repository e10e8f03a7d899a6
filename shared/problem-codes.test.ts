/**
 * The code catalogue holds: every code the sources send or switch on is in it, and nothing decides
 * by matching English message text (a reworded message would silently change behaviour).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProblemCode, PROBLEM_CODES } from './problem-codes';

const ROOTS = ['functions', 'shared', 'web/src', 'scripts'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const files = ROOTS.flatMap(sources).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

describe('problem codes', () => {
  it('are dotted lower-case names, each with a list of params', () => {
    for (const [code, params] of Object.entries(PROBLEM_CODES)) {
      expect(code).toMatch(/^[a-z0-9_]+\.[a-z0-9_]+$/);
      expect(Array.isArray(params)).toBe(true);
    }
  });

  it('used in the sources are all in the catalogue', () => {
    const unknown: string[] = [];
    for (const { path, text } of files) {
      for (const m of text.matchAll(/\bcode(?:\s*===\s*|:\s*)'([a-z0-9_]+\.[a-z0-9_]+)'/g)) {
        if (!isProblemCode(m[1]!)) unknown.push(`${path}: ${m[1]}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('make matching on English message text unnecessary: no source does it', () => {
    const matching =
      /\.test\((?:err|e|error)\.(?:message|detail)\)|\.(?:message|detail)\.(?:includes|startsWith|endsWith|match)\(|\.(?:message|detail) === '/;
    const offenders = files.filter(({ text }) => matching.test(text)).map(({ path }) => path);
    expect(offenders).toEqual([]);
  });
});
