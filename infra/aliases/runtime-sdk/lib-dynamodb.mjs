// What the bundles that take the AWS SDK from the Lambda runtime (infra/bundling.ts) get for
// `@aws-sdk/lib-dynamodb`: the runtime's own package, loaded with `require` (see client-dynamodb.mjs).
import { createRequire } from 'node:module';

const sdk = createRequire(import.meta.url)('@aws-sdk/lib-dynamodb');

export const {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} = sdk;
