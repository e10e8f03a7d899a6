// What the Lambda bundles get for `jsonschema` (an esbuild alias, infra/bundling.ts). ElectroDB
// validates each entity's model against a JSON Schema when the entity is constructed: the same
// models every time, checked by the real validator in every test run under Node. In Lambda that
// check only costs bundle size (29 KB) and cold-start time, so it is skipped here.
export class Validator {
  addSchema() {}
  validate() {
    return { valid: true, errors: [] };
  }
}
// ElectroDB registers its custom formats on the prototype.
Validator.prototype.customFormats = {};
export default { Validator };
