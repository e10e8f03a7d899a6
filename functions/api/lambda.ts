// The Lambda entry: the only file that imports the AWS Lambda adapter.
import { handle } from 'hono/aws-lambda';
import { observed } from '../observability';
import { cloudApp } from './cloud';

export const handler = observed(handle(cloudApp));
