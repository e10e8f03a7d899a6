import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchemaTypes, SCHEMA_PATH } from './api-types';

describe('the web API types', () => {
  it('match the live /api/openapi.json (run `npm run api:types` after changing the API)', async () => {
    const committed = readFileSync(SCHEMA_PATH, 'utf8');
    const generated = await generateSchemaTypes();
    expect(committed).toBe(generated);
  });
});
