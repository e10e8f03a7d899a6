// The Lambda entry: the only file that imports the AWS Lambda adapter.
import { handle } from 'hono/aws-lambda';
import { observed } from '../observability';
import { assertRuntimeSdk } from '../runtime-sdk';
import { tracedHttp } from '../tracing';
import { cloudApp } from './cloud';

// The SDK comes from the Lambda runtime (infra/bundling.ts): refuse to start on one too old.
assertRuntimeSdk();

export const handler = observed(tracedHttp(handle(cloudApp)));
