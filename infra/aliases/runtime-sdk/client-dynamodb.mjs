// What the bundles that take the AWS SDK from the Lambda runtime (infra/bundling.ts) get for
// `@aws-sdk/client-dynamodb`: the runtime's own package, loaded with `require`. The runtime's SDK is
// CommonJS; an ES `import` of it makes Node scan each of its modules' source for export names first
// (cjs-module-lexer, following every re-export), which doubled the SDK's share of a cold start
// (~180 ms against ~90 ms CPU for the DynamoDB client and lib-dynamodb). Same objects, same classes.
// The names are the ones our code imports; esbuild fails the build on any other.
import { createRequire } from 'node:module';

const sdk = createRequire(import.meta.url)('@aws-sdk/client-dynamodb');

export const {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  TransactionCanceledException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} = sdk;
