// What the Lambda bundles get for `@asteasolutions/zod-to-openapi` (an esbuild alias,
// infra/bundling.ts). The OpenAPI document is generated at development time (npm run api:types,
// functions/api/openapi-file.ts) and served from a file, so in Lambda nothing ever reads a schema's
// OpenAPI metadata or the routes' registry. The package's own `.openapi()` copies the schema it is
// called on (a full zod construction, plus ten wrapped methods on the copy) and records metadata:
// ~10 ms of every cold start for the ~110 named schemas of the API, and 7 KB of bundle. Here
// `.openapi()` is the schema itself (validation never depended on it: parsing is zod's alone), the
// registry keeps nothing and the generators refuse to run. infra/bundling.test.ts checks that
// @hono/zod-openapi finds everything it imports.

/** Gives zod's schemas an `.openapi()` that changes nothing: metadata only feeds the document. */
export function extendZodWithOpenApi(zod) {
  if (typeof zod.ZodType.prototype.openapi !== 'undefined') return;
  zod.ZodType.prototype.openapi = function openapi() {
    return this;
  };
}

/** No schema carries metadata in Lambda. */
export function getOpenApiMetadata() {
  return {};
}

/** Routes and components are registered for the document only, which Lambda never builds. */
export class OpenAPIRegistry {
  get definitions() {
    return [];
  }
  register(_refId, schema) {
    return schema;
  }
  registerParameter(_refId, schema) {
    return schema;
  }
  registerPath() {}
  registerWebhook() {}
  registerComponent(type, name) {
    return { name, ref: { $ref: `#/components/${type}/${name}` } };
  }
}

const GENERATED =
  'The OpenAPI document is generated at development time (npm run api:types, functions/api/openapi.json), not in Lambda.';

export class OpenApiGeneratorV3 {
  constructor() {
    throw new Error(GENERATED);
  }
}
export class OpenApiGeneratorV31 extends OpenApiGeneratorV3 {}
