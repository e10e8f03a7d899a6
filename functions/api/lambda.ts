// The Lambda entry: the only file that imports the AWS Lambda adapter.
import { handle } from 'hono/aws-lambda';
import { cloudApp } from './cloud';

export const handler = handle(cloudApp);
