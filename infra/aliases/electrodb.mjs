// What the Lambda bundles get for `electrodb` (an esbuild alias, infra/bundling.ts). ElectroDB's
// entry is CommonJS and requires its Service, transactions and conversions beside Entity, so no
// bundler can drop them (about 22 KB minified); the hub only constructs Entities
// (functions/data/schema.ts). This is ElectroDB's own Entity class, unchanged; the tests under Node
// keep the real entry, and infra/bundling.test.ts checks it is the same class.
import entity from '../../node_modules/electrodb/src/entity.js';

export const Entity = entity.Entity;
export default { Entity };
