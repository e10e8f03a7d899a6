// What the Lambda bundles get for `@asteasolutions/zod-to-openapi` (an esbuild alias,
// infra/bundling.ts). @hono/zod-openapi needs its registry and the `.openapi()` extension of zod at
// run time, but the document generators only when a document is built, and the API serves one
// generated at development time (functions/api/openapi-file.ts). The generators are methods' targets
// of OpenAPIHono, so no bundler can drop them on its own (about 22 KB minified). The registry and the
// extension are the package's own, re-exported; infra/bundling.test.ts checks they are the same.
export {
  extendZodWithOpenApi,
  getOpenApiMetadata,
  OpenAPIRegistry,
} from '../../node_modules/@asteasolutions/zod-to-openapi/dist/index.mjs';

const GENERATED =
  'The OpenAPI document is generated at development time (npm run api:types, functions/api/openapi.json), not in Lambda.';

export class OpenApiGeneratorV3 {
  constructor() {
    throw new Error(GENERATED);
  }
}
export class OpenApiGeneratorV31 extends OpenApiGeneratorV3 {}
