// What the Lambda bundles get for `zod` (an esbuild alias, infra/bundling.ts). zod's own entry
// exports every message locale (~260 KB minified, a third of the API bundle's budget) inside the `z`
// namespace, and @hono/zod-openapi passes that namespace around as a value, so no bundler can drop
// them. We never switch locale: zod's messages are English by default (schemas.js registers `en`
// itself) and our problem+json carries our own codes, worded by the web app.
import * as z from './zod-namespace.mjs';

export * from './zod-namespace.mjs';
export { z, z as default };
