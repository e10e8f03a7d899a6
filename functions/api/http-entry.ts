// What every function behind the HTTP API exports as its handler: Hono's Lambda adapter, one trace
// subsegment per request (functions/tracing.ts), and the logger's context and metrics
// (functions/observability.ts). The only module that imports the Lambda adapter.
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { observed } from '../observability';
import { tracedHttp } from '../tracing';

// biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its env and routes
export function httpEntry(app: Hono<any, any, any>) {
  return observed(tracedHttp(handle(app)));
}
