/**
 * Routes → services → entities (functions/README.md "Layers"): a route parses, authorizes, calls one
 * service and maps the result. It may read a record from the data layer to authorize or to answer a
 * plain read, but anything that writes or decides lives in a service, and no route talks to
 * DynamoDB itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROUTES = fileURLToPath(new URL('./routes/', import.meta.url));
const files = readdirSync(ROUTES).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

/** The names a file imports (values, not types) from modules whose path matches `from`. */
function importedNames(source: string, from: RegExp): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    if (m[1] || !from.test(m[3]!)) continue;
    for (const part of m[2]!.split(',')) {
      const name = part.trim();
      if (name && !name.startsWith('type ')) names.push(name.split(/\s+as\s+/)[0]!);
    }
  }
  return names;
}

/** What a read is called here: get…, list…, read…, page…, count…, is…, overdue…, impact…, to…View. */
const READ = /^(get|list|read|page|count|is|overdue|impact)[A-Z]|^to[A-Z]\w*View$/;

describe('the route files', () => {
  it('are found', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('%s imports only reads from the data layer', (file) => {
    const source = readFileSync(`${ROUTES}${file}`, 'utf8');
    const fromData = importedNames(source, /\/data\//);
    expect(fromData.filter((n) => !READ.test(n))).toEqual([]);
  });

  it.each(files)('%s sends no DynamoDB command itself', (file) => {
    const source = readFileSync(`${ROUTES}${file}`, 'utf8');
    expect(source).not.toMatch(/from '@aws-sdk\/(lib|client)-dynamodb'|data\/transaction'/);
  });
});
