import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_PATH, documentText, generateDocument, generateSchemaTypes, SCHEMA_PATH } from './api-types';

// One generation for both checks: building the document from every route's schemas takes seconds.
const document = generateDocument();

describe('the generated API files (run `npm run api:types` after changing the API)', () => {
  it('serve, as functions/api/openapi.json, exactly the document the routes’ schemas produce', () => {
    expect(readFileSync(DOCUMENT_PATH, 'utf8')).toBe(documentText(document));
  });

  it('give the web app types that match that document', async () => {
    const committed = readFileSync(SCHEMA_PATH, 'utf8');
    expect(committed).toBe(await generateSchemaTypes(document));
  });
});
