/**
 * GET /api/openapi.json serves a file generated at development time (`npm run api:types` writes
 * functions/api/openapi.json from the routes' zod schemas; scripts/api-types.test.ts fails when it
 * has drifted), not a document built per process: the generator (zod-to-openapi's, ~22 KB minified)
 * then stays out of the Lambda bundle (infra/aliases/zod-to-openapi.mjs), and the 450 KB document
 * is read from disk on its first request instead of being compiled into the code every cold start
 * loads. Lambda finds the file beside its bundle (infra/constructs/api.ts copies it there); the
 * local server and the tests read it here, beside this module. So all three serve the same bytes.
 */
import { readFile } from 'node:fs/promises';
import type { Context } from 'hono';

/** The file's name, beside this module in the source tree and beside index.mjs in the Lambda asset. */
export const OPENAPI_FILE = 'openapi.json';

let compact: Promise<string> | undefined;

/** The document as compact JSON, read once per process (a failed read is tried again next time). */
function documentText(): Promise<string> {
  compact ??= readFile(new URL(`./${OPENAPI_FILE}`, import.meta.url), 'utf8').then(
    (text) => JSON.stringify(JSON.parse(text)),
    (err: unknown) => {
      compact = undefined;
      throw err;
    },
  );
  return compact;
}

export async function serveOpenApiDocument(c: Context) {
  return c.body(await documentText(), 200, { 'Content-Type': 'application/json' });
}
